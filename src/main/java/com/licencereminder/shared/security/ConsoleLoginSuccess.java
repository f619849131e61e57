package com.licencereminder.shared.security;

import java.io.IOException;

import com.licencereminder.shared.Role;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After a console login: a user who must change their password goes straight to
 * {@code /account/password}; everyone else to the page they asked for, else the
 * dashboard.
 */
class ConsoleLoginSuccess extends SavedRequestAwareAuthenticationSuccessHandler {

	static final String PASSWORD_PAGE = "/account/password";

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		if (mustChangePassword(authentication)) {
			getRedirectStrategy().sendRedirect(request, response, PASSWORD_PAGE);
			return;
		}
		super.onAuthenticationSuccess(request, response, authentication);
	}

	static boolean mustChangePassword(Authentication authentication) {
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch(a -> Role.PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()));
	}

}
