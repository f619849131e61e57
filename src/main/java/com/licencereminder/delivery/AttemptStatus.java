package com.licencereminder.delivery;

/**
 * Where a delivery attempt is. Statuses are ranked so that provider callbacks, which may
 * arrive twice or out of order, only ever move an attempt forward: {@code SENDING},
 * {@code UNKNOWN} (0) &lt; {@code SENT} (1) &lt; {@code DELIVERED}, {@code UNDELIVERED},
 * {@code FAILED} (2, final). An attempt never moves to a status of the same or a lower
 * rank, so a late {@code sent} never overwrites {@code delivered} and the first final
 * status wins. Only {@link Deliveries} moves an attempt out of {@code SENDING} into
 * {@code UNKNOWN}, and out of {@code UNKNOWN} once the provider has said whether it was
 * sent.
 */
public enum AttemptStatus {

	/** Recorded, handed to the provider, no answer yet. */
	SENDING(0),

	/**
	 * The request went out but no answer came back (a read timeout, a broken connection):
	 * the provider may or may not have sent it. Resolved when the reference is sent
	 * again.
	 */
	UNKNOWN(0),

	/** The provider accepted it (queued, sent, a call ringing). */
	SENT(1),

	/**
	 * The provider reports it reached the recipient (a message delivered, a call answered
	 * and completed).
	 */
	DELIVERED(2),

	/**
	 * Accepted but it did not reach the recipient (a message undelivered, a call not
	 * answered or busy).
	 */
	UNDELIVERED(2),

	/**
	 * Not sent: the provider refused it or could not be reached, or it was not allowed
	 * (opted out).
	 */
	FAILED(2);

	private final int rank;

	AttemptStatus(int rank) {
		this.rank = rank;
	}

	/** The rank: an attempt only moves to a status of a higher rank. */
	public int rank() {
		return rank;
	}

}
