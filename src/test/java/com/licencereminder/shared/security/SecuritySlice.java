package com.licencereminder.shared.security;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import com.licencereminder.licence.importing.ImportWebSettings;
import com.licencereminder.shared.Role;

/**
 * What a web slice ({@code @WebMvcTest}) needs besides its controller: the service's own
 * filter chains and role matrix, its password encoder, the settings its web filters read,
 * the clock of its zone, and one user per role, each with the password {@link #PASSWORD}:
 * {@code admin}, {@code regulator}, {@code operator}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ SecurityConfiguration.class, PasswordEncoding.class, ImportWebSettings.class })
public class SecuritySlice {

	/** Every slice user's password. */
	public static final String PASSWORD = "slice-secret";

	@Bean
	Clock clock() {
		return Clock.system(ZoneId.of("Asia/Shanghai"));
	}

	@Bean
	UserDetailsService sliceUsers(PasswordEncoder encoder) {
		return new InMemoryUserDetailsManager(user("admin", Role.ADMIN, encoder),
				user("regulator", Role.REGULATOR, encoder), user("operator", Role.OPERATOR, encoder));
	}

	private static UserDetails user(String name, Role role, PasswordEncoder encoder) {
		return User.withUsername(name).password(encoder.encode(PASSWORD)).roles(role.name()).build();
	}

}
