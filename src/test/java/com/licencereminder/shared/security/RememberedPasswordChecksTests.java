package com.licencereminder.shared.security;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import com.licencereminder.shared.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RememberedPasswordChecks}: a password that matched is not checked again for ten
 * minutes; a wrong one, or the right one against another hash, always is.
 */
class RememberedPasswordChecksTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"),
			ZoneId.of("Asia/Shanghai"));

	private final CountingEncoder delegate = new CountingEncoder();

	private final RememberedPasswordChecks encoder = new RememberedPasswordChecks(this.delegate, this.clock);

	@Test
	void aPasswordThatMatchedIsNotCheckedAgainWhileRemembered() {
		String hash = this.encoder.encode("secret");

		assertThat(this.encoder.matches("secret", hash)).isTrue();
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(this.encoder.matches("secret", hash)).isTrue();
		assertThat(this.delegate.checks).isEqualTo(1);
	}

	@Test
	void aWrongPasswordIsCheckedEveryTime() {
		String hash = this.encoder.encode("secret");

		assertThat(this.encoder.matches("guess", hash)).isFalse();
		assertThat(this.encoder.matches("guess", hash)).isFalse();
		assertThat(this.delegate.checks).isEqualTo(2);
	}

	@Test
	void whatWasRememberedOfAnOldHashDoesNotMatchANewOne() {
		String old = this.encoder.encode("secret");
		assertThat(this.encoder.matches("secret", old)).isTrue();

		String changed = this.encoder.encode("another");

		assertThat(this.encoder.matches("secret", changed)).isFalse();
		assertThat(this.encoder.matches("another", changed)).isTrue();
		assertThat(this.delegate.checks).isEqualTo(3);
	}

	@Test
	void aRememberedCheckIsForgottenAfterTenMinutes() {
		String hash = this.encoder.encode("secret");
		this.encoder.matches("secret", hash);

		this.clock.advance(RememberedPasswordChecks.REMEMBERED_FOR.plusSeconds(1));

		assertThat(this.encoder.matches("secret", hash)).isTrue();
		assertThat(this.delegate.checks).isEqualTo(2);
	}

	@Test
	void encodingAndUpgradesAreTheDelegates() {
		assertThat(this.encoder.encode("secret")).isEqualTo("{counting}secret");
		assertThat(this.encoder.upgradeEncoding("{counting}secret")).isTrue();
	}

	/** Encodes by a prefix and counts its checks. */
	private static final class CountingEncoder implements PasswordEncoder {

		private int checks;

		@Override
		public String encode(CharSequence rawPassword) {
			return "{counting}" + rawPassword;
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			this.checks++;
			return encode(rawPassword).equals(encodedPassword);
		}

		@Override
		public boolean upgradeEncoding(String encodedPassword) {
			return true;
		}

	}

}
