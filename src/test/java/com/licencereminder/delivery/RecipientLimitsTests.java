package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
	void aSecondCallWithinTheMinuteWaitsUntilTheMinuteIsOver() {
		Instant first = clock.instant();
		assertThat(calls.tryAcquire("+8613812345678")).isEmpty();
		clock.advance(Duration.ofSeconds(20));
		assertThat(calls.tryAcquire("+8613812345678")).contains(first.plusSeconds(60));
		assertThat(calls.tryAcquire("+8613812345679")).as("another number").isEmpty();

		clock.advance(Duration.ofSeconds(41));

		assertThat(calls.tryAcquire("+8613812345678")).isEmpty();
	}

	@Test
	void aSlotGivenBackCanBeTakenAgain() {
		assertThat(calls.tryAcquire("n")).isEmpty();
		assertThat(calls.tryAcquire("n")).isPresent();

		calls.giveBack("n");

		assertThat(calls.tryAcquire("n")).isEmpty();
		assertThat(calls.tryAcquire("n")).isPresent();
	}

	@Test
	void aLimitOfNoSendsIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Window(0, Duration.ofMinutes(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new Window(1, Duration.ZERO));
	}

	@Test
	void theSixthCallWithinTheHourWaitsForTheFirstToLeaveIt() {
		Instant first = clock.instant();
		for (int i = 0; i < 5; i++) {
			assertThat(calls.tryAcquire("n")).isEmpty();
			clock.advance(Duration.ofMinutes(2));
		}
		assertThat(calls.tryAcquire("n")).contains(first.plus(Duration.ofHours(1)));

		clock.advance(Duration.ofMinutes(51));

		assertThat(calls.tryAcquire("n")).isEmpty();
	}

	@Test
	void theTwentyFirstCallOfTheDayWaitsUntilADayAfterTheFirst() {
		for (int i = 0; i < 20; i++) {
			assertThat(calls.tryAcquire("n")).isEmpty();
			clock.advance(Duration.ofMinutes(13));
		}
		assertThat(calls.tryAcquire("n")).contains(Instant.parse("2026-03-03T01:00:00Z"));

		clock.set(Instant.parse("2026-03-03T01:00:01Z"));

		assertThat(calls.tryAcquire("n")).isEmpty();
	}

}
