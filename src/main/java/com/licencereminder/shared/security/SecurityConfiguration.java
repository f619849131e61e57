package com.licencereminder.shared.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

/**
 * Three filter chains: {@code /webhooks/twilio/**} is open to providers (no login, no CSRF; the
 * provider's signature is checked instead), {@code /api/**} is stateless HTTP Basic (no CSRF: no
 * cookies are involved), everything else uses form login with CSRF protection. Otherwise only
 * {@code /actuator/health} is open.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/**
	 * Provider webhooks: no login, no session, no CSRF token (providers cannot have one); each
	 * provider's signature is checked by its adapter before a controller sees the request.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain webhookSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/webhooks/twilio/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.httpBasic(Customizer.withDefaults())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain defaultSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
				.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService bootstrapAdministrator(AdminProperties admin, PasswordEncoder encoder) {
		String password = admin.password();
		if (!StringUtils.hasText(password)) {
			byte[] random = new byte[18];
			new SecureRandom().nextBytes(random);
			password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			log.warn("No licence-reminder.security.admin.password set: generated password for '{}': {}"
					+ " (set LICENCE_REMINDER_SECURITY_ADMIN_PASSWORD to choose one)", admin.username(), password);
		}
		return new InMemoryUserDetailsManager(User.withUsername(admin.username())
			.password(encoder.encode(password))
			.roles("ADMIN")
			.build());
	}

}
