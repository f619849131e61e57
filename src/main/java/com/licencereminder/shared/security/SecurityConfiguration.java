package com.licencereminder.shared.security;

import static com.licencereminder.shared.Role.ADMIN;
import static com.licencereminder.shared.Role.OPERATOR;
import static com.licencereminder.shared.Role.REGULATOR;

import java.util.Arrays;

import com.licencereminder.shared.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three filter chains: {@code /webhooks/twilio/**}, {@code /webhooks/aliyun/**} and
 * {@code /webhooks/tencent/**} are open to providers (no login, no CSRF; the provider's
 * signature, or the secret token in the path, is checked instead), {@code /api/**} is
 * stateless HTTP Basic (no CSRF: no cookies are involved), everything else uses form
 * login with CSRF protection. Otherwise only {@code /actuator/health} is open. The users
 * come from whichever {@code UserDetailsService} bean the application has (the
 * {@code user} module's); the routes each {@link Role} may use are set here, denying
 * anything not listed to all but administrators.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

	/**
	 * Provider webhooks: no login, no session, no CSRF token (providers cannot have one);
	 * each provider's signature (Twilio) or path token (Aliyun, Tencent) is checked by
	 * its adapter before anything is changed.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain webhookSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/webhooks/twilio/**", "/webhooks/aliyun/**", "/webhooks/tencent/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	/**
	 * The API and its role matrix. A user who must change their password holds no role,
	 * so only {@code /api/me/**} is open to them; refusals are problem details saying
	 * why.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, MessageSource messages, LocaleResolver locales, JsonMapper json)
			throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(
					requests -> workOfTheRoles(requests.requestMatchers("/api/me/**").authenticated(), "/api")
						.requestMatchers(HttpMethod.GET, "/api/deliveries/**")
						.hasAnyRole(names(OPERATOR, ADMIN))
						.anyRequest()
						.hasRole(ADMIN.name()))
			.httpBasic(Customizer.withDefaults())
			.exceptionHandling(exceptions -> exceptions
				.accessDeniedHandler(new ProblemAccessDeniedHandler(messages, locales, json)))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	/**
	 * The console and actuator: form login at {@code /login} with CSRF on every form, a
	 * session that ends after {@code server.servlet.session.timeout} (a request with an
	 * expired or unknown session goes to {@code /login?expired}; signing out deletes the
	 * session cookie so that the login page is not taken for one), the same role matrix
	 * as the API for the pages, and Spring Security's default headers. A user who must
	 * change their password is sent to {@code /account/password} whatever they ask for.
	 * Static assets, the login page, the error page and health are open; the API
	 * documentation needs a login.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain defaultSecurity(HttpSecurity http) throws Exception {
		ConsoleAccessDeniedHandler refusal = new ConsoleAccessDeniedHandler();
		http.authorizeHttpRequests(requests -> workOfTheRoles(requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/error", "/login", "/css/**", "/js/**",
					"/img/**", "/favicon.ico")
			.permitAll()
			.requestMatchers("/actuator/**")
			.hasRole(ADMIN.name())
			.requestMatchers("/account/**")
			.authenticated(), "").requestMatchers("/deliveries/**", "/outbox/**")
			.hasAnyRole(names(OPERATOR, ADMIN))
			.requestMatchers("/users/**", "/audit/**")
			.hasRole(ADMIN.name())
			.requestMatchers(HttpMethod.GET, "/", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs",
					"/v3/api-docs/**")
			.hasAnyRole(names(REGULATOR, OPERATOR, ADMIN))
			.anyRequest()
			.hasRole(ADMIN.name()))
			.formLogin(form -> form.loginPage("/login").successHandler(new ConsoleLoginSuccess()))
			.logout(logout -> logout.logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
			.sessionManagement(session -> session.invalidSessionStrategy(new ExpiredSessionRedirect(refusal)))
			.exceptionHandling(exceptions -> exceptions.accessDeniedHandler(refusal))
			.httpBasic(Customizer.withDefaults());
		return http.build();
	}

	/**
	 * The routes of the roles' work, the same in the API (prefix {@code /api}) and the
	 * console (no prefix): regulators import and read licences and the follow-up list,
	 * operators also acknowledge and record follow-up outcomes.
	 */
	private static AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry workOfTheRoles(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
			String prefix) {
		return requests.requestMatchers(prefix + "/imports/**")
			.hasAnyRole(names(REGULATOR, ADMIN))
			.requestMatchers(HttpMethod.POST, prefix + "/licences/*/acknowledge")
			.hasAnyRole(names(OPERATOR, ADMIN))
			.requestMatchers(HttpMethod.GET, prefix + "/licences/**")
			.hasAnyRole(names(REGULATOR, OPERATOR, ADMIN))
			.requestMatchers(HttpMethod.POST, prefix + "/follow-ups/*/outcome")
			.hasAnyRole(names(OPERATOR, ADMIN))
			.requestMatchers(HttpMethod.GET, prefix + "/follow-ups/**")
			.hasAnyRole(names(REGULATOR, OPERATOR, ADMIN));
	}

	private static String[] names(Role... roles) {
		return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
	}

}
