package com.licencereminder.shared.security;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password encoder, for the web layer and without it: the {@code user} module hashes
 * and checks passwords (bootstrap administrator, accounts) also when the service runs
 * without its web layer (dispatch nodes, benchmarks), where the filter chains of
 * {@code SecurityConfiguration} are not created. Successful checks are remembered for a
 * while ({@link RememberedPasswordChecks}).
 */
@Configuration(proxyBeanMethods = false)
class PasswordEncoding {

	@Bean
	PasswordEncoder passwordEncoder(Clock clock) {
		return new RememberedPasswordChecks(PasswordEncoderFactories.createDelegatingPasswordEncoder(), clock);
	}

}
