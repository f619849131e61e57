package com.licencereminder.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.licencereminder.delivery.ProviderReports.AwaitingReceipt;

/**
 * Walks a provider's texts still without a final status, for its receipt poll: each call
 * gives the next {@value #BATCH}, oldest first, of those sent at most
 * {@value #LOOKBACK_DAYS} days ago and at least the receipt timeout ago, going on after
 * the last one given until it reaches the newest, then starting again from the oldest; so
 * texts the provider keeps reporting as waiting cannot hold back newer ones.
 */
public final class ReceiptWalk {

	/** Texts asked about in one run. */
	public static final int BATCH = 50;

	/** How old a text may be and still be asked about. */
	public static final int LOOKBACK_DAYS = 2;

	private final ProviderReports reports;

	private final String provider;

	private final Duration timeout;

	private final Clock clock;

	/**
	 * Where the next batch goes on: after this creation time, or null from the oldest.
	 */
	private volatile Instant resumeAfter;

	/**
	 * @param provider the provider's name in the delivery log
	 * @param timeout how long after its send a text without a final status is asked about
	 */
	public ReceiptWalk(ProviderReports reports, String provider, Duration timeout, Clock clock) {
		this.reports = reports;
		this.provider = provider;
		this.timeout = timeout;
		this.clock = clock;
	}

	/** The next batch of texts to ask about; empty when none is waiting. */
	public List<AwaitingReceipt> next() {
		Instant now = clock.instant();
		Instant oldest = now.minus(Duration.ofDays(LOOKBACK_DAYS));
		Instant from = resumeAfter != null && resumeAfter.isAfter(oldest) ? resumeAfter : oldest;
		List<AwaitingReceipt> batch = reports.awaitingReceipt(provider, Channel.SMS, from, now.minus(timeout), BATCH);
		resumeAfter = batch.size() < BATCH ? null : batch.get(batch.size() - 1).createdAt().plusMillis(1);
		return batch;
	}

}
