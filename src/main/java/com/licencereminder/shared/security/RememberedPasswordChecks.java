package com.licencereminder.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that remembers, for {@link #REMEMBERED_FOR}, the checks that
 * succeeded: a client of the API sends its password with every request (HTTP basic), and
 * each check of a BCrypt hash costs tens of milliseconds of CPU by design, so a script
 * polling an import every second kept a core busy. A check that fails always runs the
 * hash, so guessing costs what it did. What is remembered is an HMAC of the password and
 * the stored hash under a key drawn at start and held only in memory, never the password;
 * a new password (a new hash) is never matched by what was remembered of the old one. At
 * most {@link #MAX_REMEMBERED} checks are kept. Encoding is the delegate's. Decision
 * 0103.
 */
final class RememberedPasswordChecks implements PasswordEncoder {

	static final Duration REMEMBERED_FOR = Duration.ofMinutes(10);

	static final int MAX_REMEMBERED = 10_000;

	private static final String HMAC = "HmacSHA256";

	private final PasswordEncoder delegate;

	private final SecretKeySpec key;

	private final Cache<String, Boolean> succeeded;

	RememberedPasswordChecks(PasswordEncoder delegate, Clock clock) {
		this.delegate = delegate;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, HMAC);
		this.succeeded = Caffeine.newBuilder()
			.maximumSize(MAX_REMEMBERED)
			.expireAfterWrite(REMEMBERED_FOR)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.build();
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return this.delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return this.delegate.matches(rawPassword, encodedPassword);
		}
		String check = check(rawPassword, encodedPassword);
		if (this.succeeded.getIfPresent(check) != null) {
			return true;
		}
		boolean matches = this.delegate.matches(rawPassword, encodedPassword);
		if (matches) {
			this.succeeded.put(check, Boolean.TRUE);
		}
		return matches;
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	/** The HMAC of the password and the hash, separated by a byte neither holds. */
	private String check(CharSequence rawPassword, String encodedPassword) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(this.key);
			mac.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return Base64.getEncoder().encodeToString(mac.doFinal(encodedPassword.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

}
