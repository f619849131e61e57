package com.licencereminder.delivery;

/**
 * What became of a send. {@link Outcome#SENT} means the provider accepted the message (a voice
 * call that later goes unanswered is reported by a {@link DeliveryFailed} event).
 *
 * @param outcome sent, or how it failed
 * @param attemptId the recorded delivery attempt
 * @param providerId the provider's id of the message or call, when sent
 * @param errorCode the provider's error code (e.g. Twilio {@code 21211}, WeChat {@code 43101}), when failed
 * @param errorMessage a short description of the failure, when failed
 */
public record DeliveryResult(Outcome outcome, String attemptId, String providerId, String errorCode,
		String errorMessage) {

	/** Error code of a send refused because the provider's circuit is open. */
	public static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";

	/** Error code of a send refused because no rate-limit permit came in time. */
	public static final String RATE_LIMITED = "RATE_LIMITED";

	/** Error code of a send refused because an attempt with the same reference is in flight. */
	public static final String IN_FLIGHT = "IN_FLIGHT";

	/**
	 * Whether the send was refused before reaching the provider (circuit open, rate limit, an
	 * attempt in flight): the caller should try again later without counting this as an attempt.
	 */
	public boolean deferred() {
		return outcome == Outcome.TRANSIENT_FAILURE
				&& (CIRCUIT_OPEN.equals(errorCode) || RATE_LIMITED.equals(errorCode) || IN_FLIGHT.equals(errorCode));
	}

	/** The three outcomes the engine acts on. */
	public enum Outcome {

		/** Accepted by the provider. */
		SENT,

		/** Worth retrying later: 5xx, 429, timeouts, connection errors, WeChat -1/45009. */
		TRANSIENT_FAILURE,

		/** Retrying cannot help: invalid number, not a mobile, opted out, refused. */
		PERMANENT_FAILURE

	}

}
