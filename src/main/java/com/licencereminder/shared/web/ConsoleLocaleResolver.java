package com.licencereminder.shared.web;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The language of a request: the one chosen with the console's switch (a {@code lang}
 * cookie kept for a year), else for the API the {@code Accept-Language} header (Chinese
 * or English), else Chinese. Console pages ignore the browser's language: the console
 * speaks Chinese until the user switches. Only Chinese and English are kept: any other
 * choice is stored as Chinese.
 */
class ConsoleLocaleResolver extends CookieLocaleResolver {

	static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	static final List<Locale> SUPPORTED = List.of(CHINESE, Locale.ENGLISH);

	ConsoleLocaleResolver() {
		super("lang");
		setCookieMaxAge(Duration.ofDays(365));
		setCookieSameSite("Lax");
		setDefaultLocaleFunction(ConsoleLocaleResolver::fallback);
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		super.setLocale(request, response, supported(locale));
	}

	private static Locale supported(Locale locale) {
		return locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Locale.ENGLISH : CHINESE;
	}

	private static Locale fallback(HttpServletRequest request) {
		if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")
				|| request.getHeader("Accept-Language") == null) {
			return CHINESE;
		}
		return Collections.list(request.getLocales())
			.stream()
			.filter(wanted -> SUPPORTED.stream().anyMatch(s -> s.getLanguage().equals(wanted.getLanguage())))
			.findFirst()
			.map(ConsoleLocaleResolver::supported)
			.orElse(CHINESE);
	}

}
