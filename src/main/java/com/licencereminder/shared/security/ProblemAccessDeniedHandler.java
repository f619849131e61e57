package com.licencereminder.shared.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.licencereminder.shared.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a refused API request with a 403 problem detail in the caller's language:
 * either "change your password first" (code {@code password-change-required}) or "your
 * role does not allow this" (code {@code forbidden}).
 */
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final MessageSource messages;

	private final LocaleResolver locales;

	private final JsonMapper json;

	ProblemAccessDeniedHandler(MessageSource messages, LocaleResolver locales, JsonMapper json) {
		this.messages = messages;
		this.locales = locales;
		this.json = json;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		boolean mustChange = user != null
				&& user.getAuthorities().stream().anyMatch(a -> Role.PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()));
		String key = mustChange ? "access.password-change-required" : "access.forbidden";
		Locale locale = locales.resolveLocale(request);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", messages.getMessage(key + ".title", null, locale));
		problem.put("status", HttpStatus.FORBIDDEN.value());
		problem.put("detail", messages.getMessage(key, null, locale));
		problem.put("instance", request.getRequestURI());
		problem.put("code", mustChange ? "password-change-required" : "forbidden");
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), problem);
	}

}
