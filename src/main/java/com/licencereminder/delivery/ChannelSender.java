package com.licencereminder.delivery;

import java.time.Instant;

/**
 * A provider adapter for one channel. Implementations live in sub-packages ({@code sms},
 * {@code voice}, {@code miniprogram}, {@code simulator}); {@link Deliveries} picks the
 * configured one for each channel and falls back to the simulator.
 */
public interface ChannelSender {

	/** The channel this sender serves. */
	Channel channel();

	/**
	 * The provider's name as the delivery log shows it (e.g. {@code twilio},
	 * {@code simulator}).
	 */
	String provider();

	/**
	 * Sends one rendered message. Never throws for provider errors: they are classified
	 * into the result; a request that went out without an answer is
	 * {@link DeliveryResult#ambiguous() ambiguous} ({@link DeliveryResult#TIMEOUT},
	 * {@link DeliveryResult#CONNECTION}), one that never reached the provider is not
	 * ({@link DeliveryResult#CONNECT_FAILED}).
	 * @param attemptId the delivery attempt, for status callbacks
	 * @param recipient the E.164 number or openid
	 * @param message the rendered message
	 */
	DeliveryResult send(String attemptId, String recipient, RenderedMessage message);

	/**
	 * Asks the provider's records whether an attempt whose send was
	 * {@link DeliveryResult#ambiguous() ambiguous} was sent after all. {@link Deliveries}
	 * calls it on a thread of its own and gives up after
	 * {@code licence-reminder.delivery.lookup-timeout}; an implementation should still
	 * bound its own work (pages read, requests made) and report failures as
	 * {@link Lookup#unknown}. The default is a provider without records to ask: always
	 * unknown.
	 * @param attemptId the attempt
	 * @param recipient the E.164 number or openid it was sent to
	 * @param message what it sent
	 * @param sentAfter the provider created the message or call, if at all, after this
	 * (clock differences already allowed for)
	 * @param sentBefore ...and before this
	 */
	default Lookup lookup(String attemptId, String recipient, RenderedMessage message, Instant sentAfter,
			Instant sentBefore) {
		return Lookup.unknown(provider() + " cannot be asked what it sent");
	}

	/**
	 * What the provider's records say about an attempt.
	 *
	 * @param status sent, not sent, or unknown
	 * @param providerId the provider's id of the message or call, when sent
	 * @param detail why the answer is unknown, or where it came from, for the attempt's
	 * timeline; or null
	 */
	record Lookup(Status status, String providerId, String detail) {

		/** Found: it was sent, as {@code providerId}. */
		public static Lookup sent(String providerId) {
			return new Lookup(Status.SENT, providerId, providerId);
		}

		/** The provider's records were read and hold no such message or call. */
		public static Lookup notSent() {
			return new Lookup(Status.NOT_SENT, null, null);
		}

		/**
		 * The provider could not tell (no records to ask, the question failed or took too
		 * long).
		 */
		public static Lookup unknown(String why) {
			return new Lookup(Status.UNKNOWN, null, why);
		}

		/** The three answers. */
		public enum Status {

			/** The provider has it. */
			SENT,

			/** The provider certainly does not have it. */
			NOT_SENT,

			/** The provider could not tell. */
			UNKNOWN

		}

	}

}
