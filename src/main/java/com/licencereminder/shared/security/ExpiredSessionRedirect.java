package com.licencereminder.shared.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.security.web.session.InvalidSessionStrategy;
import org.springframework.security.web.session.SimpleRedirectInvalidSessionStrategy;

/**
 * A console request that names a session which no longer exists (timed out, or ended by a
 * restart) goes to {@code /login?expired}. Spring Security also asks this strategy about
 * a form posted without a CSRF token; unless that request too came with an expired
 * session, it is refused with the usual 403.
 */
class ExpiredSessionRedirect implements InvalidSessionStrategy {

	static final String EXPIRED_URL = "/login?expired";

	private final InvalidSessionStrategy redirect = new SimpleRedirectInvalidSessionStrategy(EXPIRED_URL);

	private final AccessDeniedHandler refusal;

	ExpiredSessionRedirect(AccessDeniedHandler refusal) {
		this.refusal = refusal;
	}

	@Override
	public void onInvalidSessionDetected(HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		if (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
			redirect.onInvalidSessionDetected(request, response);
			return;
		}
		refusal.handle(request, response, new MissingCsrfTokenException(null));
	}

}
