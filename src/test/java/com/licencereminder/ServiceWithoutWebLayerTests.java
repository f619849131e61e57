package com.licencereminder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

/**
 * The service starts without its web layer, as dispatch nodes and the benchmarks run it,
 * with its accounts (the bootstrap administrator is created with a hashed password).
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE)
@ActiveProfiles("test")
class ServiceWithoutWebLayerTests {

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	UserDetailsService users;

	@Test
	void startsWithTheAccountsAndTheirPasswords() {
		assertThat(passwordEncoder.matches("test-secret", users.loadUserByUsername("admin").getPassword())).isTrue();
	}

}
