package com.licencereminder.reminder;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dispatcher ({@code licence-reminder.dispatch}).
 *
 * @param enabled whether this instance dispatches at all
 * @param pollInterval how often due tasks are claimed
 * @param batchSize tasks claimed per poll
 * @param lease how long a claim holds; a crashed instance's tasks are taken over after it
 * @param concurrency messages of one batch sent in parallel (providers answer in 100s of
 * ms: the rate limits of delivery, not this, set the pace)
 * @param deferFor how long a send refused by delivery's circuit breaker or rate limit
 * waits; not counted as an attempt
 * @param undecidedRetry how long a claimed task that cannot be judged yet (its cycle's
 * plan is still being written) waits before it is looked at again
 */
@ConfigurationProperties("licence-reminder.dispatch")
record DispatchProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration pollInterval,
		@DefaultValue("200") int batchSize, @DefaultValue("2m") Duration lease, @DefaultValue("16") int concurrency,
		@DefaultValue("30s") Duration deferFor, @DefaultValue("2s") Duration undecidedRetry) {

	DispatchProperties {
		if (batchSize < 1 || batchSize > 5000) {
			throw new IllegalArgumentException(
					"licence-reminder.dispatch.batch-size must be between 1 and 5000, was " + batchSize);
		}
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("licence-reminder.dispatch.poll-interval must be positive");
		}
		if (concurrency < 1 || concurrency > 256) {
			throw new IllegalArgumentException(
					"licence-reminder.dispatch.concurrency must be between 1 and 256, was " + concurrency);
		}
		if (lease.compareTo(pollInterval) <= 0) {
			throw new IllegalArgumentException("licence-reminder.dispatch.lease must be longer than the poll interval");
		}
	}

}
