package com.licencereminder.delivery;

/**
 * A provider adapter for one channel. Implementations live in sub-packages ({@code sms},
 * {@code voice}, {@code miniprogram}, {@code simulator}); {@link Deliveries} picks the configured one
 * for each channel and falls back to the simulator.
 */
public interface ChannelSender {

	/** The channel this sender serves. */
	Channel channel();

	/** The provider's name as the delivery log shows it (e.g. {@code twilio}, {@code simulator}). */
	String provider();

	/**
	 * Sends one rendered message. Never throws for provider errors: they are classified into the
	 * result.
	 * @param attemptId the delivery attempt, for status callbacks
	 * @param recipient the E.164 number or openid
	 * @param message the rendered message
	 */
	DeliveryResult send(String attemptId, String recipient, RenderedMessage message);

}
