package com.licencereminder.delivery.twilio;

import java.util.Locale;

import com.licencereminder.delivery.AttemptStatus;

/**
 * What a Twilio message or call status means for a delivery attempt.
 * <ul>
 * <li>Messages: {@code accepted}, {@code scheduled}, {@code queued}, {@code sending},
 * {@code sent} → SENT; {@code delivered}, {@code read} → DELIVERED; {@code undelivered} →
 * UNDELIVERED; {@code failed}, {@code canceled} → FAILED. Whether an undelivered or
 * failed message is worth sending again depends on its error code
 * ({@link TwilioErrors#permanentAfterSend}).</li>
 * <li>Calls: {@code queued}, {@code initiated}, {@code ringing}, {@code in-progress} →
 * SENT; {@code completed} (answered) → DELIVERED; {@code no-answer}, {@code busy} →
 * UNDELIVERED, worth calling again; {@code failed} (Twilio could not place the call, e.g.
 * the number does not exist), {@code canceled} (someone stopped it in Twilio) → FAILED,
 * not called again.</li>
 * </ul>
 *
 * @param word Twilio's status, lower case
 * @param status the attempt status it means
 * @param permanent for UNDELIVERED and FAILED, whether retrying cannot help
 */
record TwilioStatus(String word, AttemptStatus status, boolean permanent) {

	/**
	 * The meaning of a message status, or null for a word that does not move an attempt
	 * (e.g. {@code received}).
	 */
	static TwilioStatus ofMessage(String word, String errorCode) {
		String status = word.toLowerCase(Locale.ROOT);
		return switch (status) {
			case "accepted", "scheduled", "queued", "sending", "sent" ->
				new TwilioStatus(status, AttemptStatus.SENT, false);
			case "delivered", "read" -> new TwilioStatus(status, AttemptStatus.DELIVERED, false);
			case "undelivered" ->
				new TwilioStatus(status, AttemptStatus.UNDELIVERED, TwilioErrors.permanentAfterSend(errorCode));
			case "failed", "canceled" ->
				new TwilioStatus(status, AttemptStatus.FAILED, TwilioErrors.permanentAfterSend(errorCode));
			default -> null;
		};
	}

	/** The meaning of a call status, or null for a word Twilio does not use for calls. */
	static TwilioStatus ofCall(String word) {
		String status = word.toLowerCase(Locale.ROOT);
		return switch (status) {
			case "queued", "initiated", "ringing", "in-progress" -> new TwilioStatus(status, AttemptStatus.SENT, false);
			case "completed" -> new TwilioStatus(status, AttemptStatus.DELIVERED, false);
			case "no-answer", "busy" -> new TwilioStatus(status, AttemptStatus.UNDELIVERED, false);
			case "failed", "canceled" -> new TwilioStatus(status, AttemptStatus.FAILED, true);
			default -> null;
		};
	}

}
