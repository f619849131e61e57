package com.licencereminder.user;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a password must be: at least {@value #MIN_LENGTH} characters, at most
 * {@value #MAX_BYTES} bytes in UTF-8 (BCrypt ignores the rest, and Spring Security
 * refuses longer ones), and not the user name (in any case).
 */
final class PasswordPolicy {

	static final int MIN_LENGTH = 10;

	static final int MAX_BYTES = 72;

	private PasswordPolicy() {
	}

	/**
	 * The message key of the first rule the password breaks, or empty when it is
	 * acceptable.
	 */
	static Optional<String> violation(String username, String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return Optional.of("user.password.too-short");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return Optional.of("user.password.too-long");
		}
		if (password.strip().equalsIgnoreCase(Users.normalise(username))) {
			return Optional.of("user.password.same-as-username");
		}
		return Optional.empty();
	}

}
