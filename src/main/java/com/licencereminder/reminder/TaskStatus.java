package com.licencereminder.reminder;

/**
 * Where a reminder task is. PENDING, CLAIMED and SENDING are open; the others are final,
 * and FAILED, CANCELLED and SKIPPED always carry a reason.
 */
enum TaskStatus {

	/** Waiting for its due time (also between retries). */
	PENDING,

	/** Claimed by a dispatcher instance under a lease, not yet handed to delivery. */
	CLAIMED,

	/**
	 * Handed to delivery; if the lease expires in this state, a resend is flagged as
	 * possible duplicate.
	 */
	SENDING,

	/** Delivered to the provider (or, for MANUAL, put on the follow-up list). */
	SENT,

	/** Could not be delivered: permanent failure, or retries used up. */
	FAILED,

	/**
	 * Stopped by renewal, a corrected date, acknowledgement or revocation. (An SMS to an
	 * opted-out number fails: {@code OPTED_OUT}.)
	 */
	CANCELLED,

	/** Never attempted: a catch-up stage already past, or no contact for the channel. */
	SKIPPED;

	boolean isOpen() {
		return this == PENDING || this == CLAIMED || this == SENDING;
	}

}
