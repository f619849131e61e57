package com.licencereminder.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.licencereminder.delivery.DeliveryResult.Outcome;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One attempt to deliver a message: recorded as {@link AttemptStatus#SENDING} before the
 * provider is called and completed with its outcome afterwards, so an attempt cut short
 * by a crash stays visible. The timeline lists every status change in order.
 *
 * @param id the attempt id, handed to the provider for status callbacks
 * @param reference the caller's idempotency key
 * @param channel the channel
 * @param provider the provider that was used ({@code simulator}, {@code twilio}, ...)
 * @param recipient the E.164 number or openid, unmasked
 * @param holderName the business the message addresses
 * @param licenceIds the licences the message is about
 * @param stageOffsetDays the reminder stage (days before expiry, negative after)
 * @param text the rendered text
 * @param fields the rendered template fields of structured channels
 * @param status where the attempt is
 * @param outcome the outcome, once known
 * @param providerId the provider's id of the message or call, when sent
 * @param errorCode the error code, when failed
 * @param errorMessage a short description of the failure, when failed
 * @param possibleDuplicate whether an earlier attempt for the same reference may also
 * have been sent
 * @param ambiguity for an attempt whose outcome was unknown, whether and how that was
 * resolved; else null
 * @param timeline the status changes, oldest first
 * @param createdAt when the attempt was recorded
 * @param updatedAt when it last changed
 */
@Document("delivery_attempts")
record DeliveryAttempt(@Id String id, String reference, Channel channel, String provider, String recipient,
		String holderName, List<String> licenceIds, int stageOffsetDays, String text, Map<String, String> fields,
		AttemptStatus status, Outcome outcome, String providerId, String errorCode, String errorMessage,
		boolean possibleDuplicate, Ambiguity ambiguity, List<StatusChange> timeline, Instant createdAt,
		Instant updatedAt) {

	/**
	 * A new attempt of {@code request} through {@code provider},
	 * {@link AttemptStatus#SENDING}: recorded before the provider is called, its outcome
	 * still to come.
	 * @param duplicateNote why the attempt may repeat an earlier one (on its first
	 * timeline entry), or null
	 */
	static DeliveryAttempt sending(String id, DeliveryRequest request, String provider, RenderedMessage message,
			boolean possibleDuplicate, String duplicateNote, Instant at) {
		return new DeliveryAttempt(id, request.reference(), request.channel(), provider, request.recipient(),
				request.holderName(), request.licences().stream().map(DeliveryRequest.LicenceLine::licenceId).toList(),
				request.stageOffsetDays(), message.text(), message.fields(), AttemptStatus.SENDING, null, null, null,
				null, possibleDuplicate, null,
				List.of(new StatusChange(AttemptStatus.SENDING.name(), at, duplicateNote)), at, at);
	}

	/**
	 * An attempt whose send was {@link DeliveryResult#ambiguous() ambiguous}, and what
	 * the provider said when the reference was sent again.
	 */
	enum Ambiguity {

		/** Not resolved yet: the reference has not been sent again. */
		OPEN("open"),

		/** The provider had sent it; nothing was sent again. */
		SENT("sent"),

		/** The provider had not sent it; it was sent again. */
		NOT_SENT("not-sent"),

		/**
		 * The provider could not tell; it was sent again, flagged as a possible
		 * duplicate.
		 */
		UNRESOLVED("unresolved");

		private final String tag;

		Ambiguity(String tag) {
			this.tag = tag;
		}

		/** The value of the {@code resolution} tag of {@code delivery.ambiguous}. */
		String tag() {
			return tag;
		}

	}

	/**
	 * One entry of an attempt's timeline.
	 *
	 * @param status the status entered (an {@link AttemptStatus} or a provider status
	 * such as {@code delivered})
	 * @param at when
	 * @param detail what happened, e.g. the error code and message, or null
	 */
	record StatusChange(String status, Instant at, String detail) {
	}

}
