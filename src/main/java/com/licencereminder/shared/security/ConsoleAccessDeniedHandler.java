package com.licencereminder.shared.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;

/**
 * A refused console request: a user who must change their password is redirected to the
 * page that does it; anyone else gets the 403 error page (an invalid CSRF token
 * included).
 */
class ConsoleAccessDeniedHandler implements AccessDeniedHandler {

	private final AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal)
			throws IOException, ServletException {
		if (ConsoleLoginSuccess.mustChangePassword(SecurityContextHolder.getContext().getAuthentication())) {
			response.sendRedirect(request.getContextPath() + ConsoleLoginSuccess.PASSWORD_PAGE);
			return;
		}
		forbidden.handle(request, response, refusal);
	}

}
