package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.licencereminder.delivery.RecipientLimits.Window;
import com.licencereminder.shared.MutableClock;
import org.junit.jupiter.api.Test;

class RecipientLimitsTests {

	final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"), ZoneId.of("Asia/Shanghai"));

	/** Aliyun's calls to a number: one a minute, five an hour, twenty a day. */
	final RecipientLimits calls = new RecipientLimits(clock, List.of(new Window(1, Duration.ofMinutes(1)),
			new Window(5, Duration.ofHours(1)), new Window(20, Duration.ofDays(1))));

	@Test
	void aSecondCallWithinTheMinuteWaits() {
		assertThat(calls.tryAcquire("+8613812345678")).isTrue();
		assertThat(calls.tryAcquire("+8613812345678")).isFalse();
		assertThat(calls.tryAcquire("+8613812345679")).as("another number").isTrue();

		clock.advance(Duration.ofSeconds(61));

		assertThat(calls.tryAcquire("+8613812345678")).isTrue();
	}

	@Test
	void theSixthCallWithinTheHourWaitsForTheFirstToLeaveIt() {
		for (int i = 0; i < 5; i++) {
			assertThat(calls.tryAcquire("n")).isTrue();
			clock.advance(Duration.ofMinutes(2));
		}
		assertThat(calls.tryAcquire("n")).isFalse();

		clock.advance(Duration.ofMinutes(51));

		assertThat(calls.tryAcquire("n")).isTrue();
	}

	@Test
	void theTwentyFirstCallOfTheDayWaitsUntilADayAfterTheFirst() {
		for (int i = 0; i < 20; i++) {
			assertThat(calls.tryAcquire("n")).isTrue();
			clock.advance(Duration.ofMinutes(13));
		}
		assertThat(calls.tryAcquire("n")).isFalse();

		clock.set(Instant.parse("2026-03-03T01:00:01Z"));

		assertThat(calls.tryAcquire("n")).isTrue();
	}

}
