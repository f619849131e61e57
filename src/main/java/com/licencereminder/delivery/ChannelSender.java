package com.licencereminder.delivery;

import java.time.Instant;
import java.util.Optional;

/**
 * A provider adapter for one channel. Implementations live in sub-packages ({@code sms},
 * {@code voice}, {@code miniprogram}, {@code aliyun}, {@code tencent},
 * {@code simulator}); {@link Deliveries} routes each request through the configured ones
 * in the order of {@code licence-reminder.routing.*} and falls back to the simulator when
 * none is configured.
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
	 * Whether this provider can reach the recipient (e.g. a domestic provider only
	 * mainland numbers). {@link Deliveries} routes a request only to senders that can.
	 * The default: any recipient.
	 */
	default boolean reaches(String recipient) {
		return true;
	}

	/**
	 * Takes a slot of the provider's limits for sends to one recipient (e.g. Aliyun's
	 * calls a minute to a number, {@link RecipientLimits}). When there is none now,
	 * {@link Deliveries} defers the send, without calling the provider, until the instant
	 * returned. The default: no such limits.
	 * @return empty when a slot is taken; else when there will be one
	 */
	default Optional<Instant> takeSlot(String recipient, RenderedMessage message) {
		return Optional.empty();
	}

	/**
	 * Gives back the slot {@link #takeSlot} took, for a send that did not reach the
	 * provider or that the provider refused. The default: nothing to give back.
	 */
	default void giveBackSlot(String recipient, RenderedMessage message) {
	}

	/**
	 * The provider template set ({@code config/templates/providers.yml}) this sender's
	 * messages are rendered from, e.g. {@code aliyun}; null (the default) for a provider
	 * that sends the service's own text.
	 */
	default String templateSet() {
		return null;
	}

	/**
	 * The text as the recipient's phone shows it, from the text a provider template
	 * produces: e.g. with the provider's signature in front. The default: unchanged.
	 */
	default String asReceived(String text) {
		return text;
	}

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
