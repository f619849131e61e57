package com.licencereminder.delivery;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.licencereminder.delivery.DeliveryResult.Outcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * Rate limits pace each channel; a provider that keeps failing transiently is cut off by
 * its circuit breaker, while permanent failures (about recipients) never open it.
 */
class ProviderGuardTests {

	static ResilienceProperties limits(int smsPerSecond) {
		return new ResilienceProperties(smsPerSecond, 100, 100, Duration.ofMillis(50), 50, 4, 10,
				Duration.ofMinutes(1));
	}

	static DeliveryResult result(Outcome outcome) {
		return new DeliveryResult(outcome, "a", null, outcome == Outcome.SENT ? null : "500", null);
	}

	@Test
	void aChannelGetsNoMorePermitsPerSecondThanItsLimit() {
		ProviderGuard guard = new ProviderGuard(limits(3), new SimpleMeterRegistry(), Clock.systemUTC());

		int admitted = 0;
		DeliveryResult refusal = null;
		for (int i = 0; i < 5; i++) {
			var answer = guard.admit(Channel.SMS, "twilio");
			if (answer.isEmpty()) {
				admitted++;
				guard.record(Channel.SMS, "twilio", result(Outcome.SENT), 1_000);
			}
			else {
				refusal = answer.get();
			}
		}

		assertThat(admitted).isEqualTo(3);
		assertThat(refusal.errorCode()).isEqualTo(DeliveryResult.RATE_LIMITED);
		assertThat(refusal.deferred()).isTrue();
		assertThat(refusal.attemptId()).isNull();
		assertThat(guard.admit(Channel.VOICE, "twilio")).as("other channels have their own limit").isEmpty();
	}

	@Test
	void repeatedTransientFailuresOpenTheProvidersCircuit() {
		ProviderGuard guard = new ProviderGuard(limits(1000), new SimpleMeterRegistry(), Clock.systemUTC());

		for (int i = 0; i < 4; i++) {
			assertThat(guard.admit(Channel.SMS, "twilio")).isEmpty();
			guard.record(Channel.SMS, "twilio", result(Outcome.TRANSIENT_FAILURE), 1_000);
		}

		assertThat(guard.state(Channel.SMS, "twilio")).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(guard.admit(Channel.SMS, "twilio")).hasValueSatisfying(refusal -> {
			assertThat(refusal.errorCode()).isEqualTo(DeliveryResult.CIRCUIT_OPEN);
			assertThat(refusal.deferred()).isTrue();
		});
		assertThat(guard.admit(Channel.SMS, "wechat")).as("another provider is unaffected").isEmpty();
	}

	@Test
	void permanentFailuresDoNotOpenTheCircuit() {
		ProviderGuard guard = new ProviderGuard(limits(1000), new SimpleMeterRegistry(), Clock.systemUTC());

		for (int i = 0; i < 10; i++) {
			assertThat(guard.admit(Channel.SMS, "twilio")).isEmpty();
			guard.record(Channel.SMS, "twilio", result(Outcome.PERMANENT_FAILURE), 1_000);
		}

		assertThat(guard.state(Channel.SMS, "twilio")).isEqualTo(CircuitBreaker.State.CLOSED);
	}

}
