package com.licencereminder.business;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mini-program API's own filter chain, before every other: {@code /api/mp/**} takes
 * only {@code Authorization: Bearer <token>} of a business session
 * ({@link BusinessSessions}); HTTP Basic and the console's session cookie are not read
 * here, so an operator can never act as a business, and the other chains do not read
 * bearer tokens, so a business never reaches an operator route. Only
 * {@code POST /api/mp/session} is open. Stateless, no CSRF (no cookies); refusals are
 * problem details: 401 {@code business-session-required}, 403 {@code forbidden} (a
 * request carrying another kind of login).
 * <p>
 * The {@code /my} pages ({@link MyPages}) have a chain of their own, also before the
 * console's: it reads only the cookie {@value #PAGE_COOKIE} (path {@code /my}, a page
 * session of {@link BusinessSessions}), never the console's session or HTTP Basic, and
 * the console never reads that cookie. Only the sign-in pages are open; any other page
 * without a page session redirects to {@code /my/sign-in}. Every form carries a CSRF
 * token, kept in a cookie of its own ({@value #CSRF_COOKIE}, path {@code /my}), so that
 * no server-side session is created.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class BusinessSecurity {

	/** The authority of a business session, which no operator has. */
	static final String BUSINESS = "BUSINESS";

	/** The authority of a {@code /my} page session, which no operator has. */
	static final String PAGE = "BUSINESS_PAGE";

	/** The cookie of a {@code /my} page session. */
	static final String PAGE_COOKIE = "MYSESSION";

	/** The cookie of the {@code /my} pages' CSRF token. */
	static final String CSRF_COOKIE = "MY-XSRF-TOKEN";

	@Bean
	@Order(-2)
	SecurityFilterChain myPagesFilterChain(HttpSecurity http, BusinessSessions sessions) throws Exception {
		CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
		tokens.setCookieName(CSRF_COOKIE);
		tokens.setCookiePath(MyPages.PATH);
		tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
		XorCsrfTokenRequestAttributeHandler eager = new XorCsrfTokenRequestAttributeHandler();
		eager.setCsrfRequestAttributeName(null);
		http.securityMatcher(MyPages.PATH + "/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers(MyPages.SIGN_IN, MyPages.SIGN_IN + "/code")
				.permitAll()
				.anyRequest()
				.hasAuthority(PAGE))
			.addFilterBefore(new TokenSessions(TokenSessions::pageCookie, sessions::pageSubjectOf, PAGE),
					AnonymousAuthenticationFilter.class)
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(MyPages.SIGN_IN)))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.csrfTokenRepository(tokens).csrfTokenRequestHandler(eager));
		return http.build();
	}

	@Bean
	@Order(-1)
	SecurityFilterChain businessFilterChain(HttpSecurity http, BusinessSessions sessions, MessageSource messages,
			LocaleResolver locales, JsonMapper json) throws Exception {
		http.securityMatcher("/api/mp/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.POST, "/api/mp/session")
				.permitAll()
				.anyRequest()
				.hasAuthority(BUSINESS))
			.addFilterBefore(new TokenSessions(TokenSessions::bearer, sessions::openIdOf, BUSINESS),
					AnonymousAuthenticationFilter.class)
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint((request, response, failure) -> problem(request, response,
						HttpStatus.UNAUTHORIZED, "business-session-required", messages, locales, json))
				.accessDeniedHandler((request, response, denied) -> problem(request, response, HttpStatus.FORBIDDEN,
						"forbidden", messages, locales, json)))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	private static void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String code, MessageSource messages, LocaleResolver locales, JsonMapper json) throws IOException {
		Locale locale = locales.resolveLocale(request);
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(),
				Map.of("type", "about:blank", "title",
						messages.getMessage("business.problem." + code + ".title", null, locale), "status",
						status.value(), "detail", messages.getMessage("business.problem." + code, null, locale),
						"instance", request.getRequestURI(), "code", code));
	}

	/**
	 * Authenticates a request whose token (as {@code token} reads it from the request) is
	 * a live session (as {@code subject} looks it up), with the one {@code authority};
	 * the principal is the session's subject. A missing, oversized or unknown token
	 * leaves the request anonymous.
	 */
	static final class TokenSessions extends OncePerRequestFilter {

		private final Function<HttpServletRequest, String> token;

		private final Function<String, Optional<String>> subject;

		private final String authority;

		TokenSessions(Function<HttpServletRequest, String> token, Function<String, Optional<String>> subject,
				String authority) {
			this.token = token;
			this.subject = subject;
			this.authority = authority;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String found = token.apply(request);
			if (found != null && !found.isBlank() && found.length() < 200) {
				subject.apply(found)
					.ifPresent(principal -> SecurityContextHolder.getContext()
						.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
								List.of(new SimpleGrantedAuthority(authority)))));
			}
			chain.doFilter(request, response);
		}

		/** The token of an {@code Authorization: Bearer} header, or null. */
		static String bearer(HttpServletRequest request) {
			String header = request.getHeader("Authorization");
			return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
					: null;
		}

		/** The value of the {@value #PAGE_COOKIE} cookie, or null. */
		static String pageCookie(HttpServletRequest request) {
			Cookie cookie = WebUtils.getCookie(request, PAGE_COOKIE);
			return cookie == null ? null : cookie.getValue();
		}

	}

}
