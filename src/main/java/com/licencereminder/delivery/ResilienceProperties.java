package com.licencereminder.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits and circuit breakers of the providers
 * ({@code licence-reminder.delivery.resilience}).
 *
 * @param smsPerSecond text messages per second (all instances share a sender: divide by
 * replicas)
 * @param miniProgramPerSecond mini-program messages per second
 * @param voicePerSecond calls started per second
 * @param rateLimitWait how long a send waits for a permit before it is deferred
 * @param failureRateThreshold percentage of transient failures that opens a provider's
 * circuit
 * @param minimumCalls calls in the window before the failure rate counts
 * @param slidingWindow calls the failure rate is measured over
 * @param openFor how long an open circuit refuses sends before it lets a few through to
 * probe
 */
@ConfigurationProperties("licence-reminder.delivery.resilience")
record ResilienceProperties(@DefaultValue("20") int smsPerSecond, @DefaultValue("20") int miniProgramPerSecond,
		@DefaultValue("5") int voicePerSecond, @DefaultValue("5s") Duration rateLimitWait,
		@DefaultValue("50") int failureRateThreshold, @DefaultValue("20") int minimumCalls,
		@DefaultValue("50") int slidingWindow, @DefaultValue("60s") Duration openFor) {

	ResilienceProperties {
		for (int limit : new int[] { smsPerSecond, miniProgramPerSecond, voicePerSecond }) {
			if (limit < 1) {
				throw new IllegalArgumentException(
						"licence-reminder.delivery.resilience.*-per-second must be at least 1");
			}
		}
		if (failureRateThreshold < 1 || failureRateThreshold > 100) {
			throw new IllegalArgumentException(
					"licence-reminder.delivery.resilience.failure-rate-threshold must be 1..100");
		}
	}

	int perSecond(Channel channel) {
		return switch (channel) {
			case SMS -> smsPerSecond;
			case MINI_PROGRAM -> miniProgramPerSecond;
			case VOICE -> voicePerSecond;
		};
	}

}
