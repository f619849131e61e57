package com.licencereminder.delivery;

import java.util.List;

import com.licencereminder.delivery.DeliveryResult.Outcome;

/**
 * Controls the simulator, the channel that records what would have been sent instead of
 * sending it (collection {@code simulator_outbox}, shown at
 * {@code GET /api/simulator/outbox}). Every channel without a real provider uses it; it
 * answers {@code SENT} with a provider id {@code SIM-<n>} unless told to fail, and
 * answers a lookup of an attempt from its outbox. Meant for tests and demos: failure
 * rules live in memory, per instance.
 * <p>
 * It is part of the delivery module's API (its implementation is in
 * {@code delivery.simulator}), so other modules' tests can inject it:
 * {@code @Autowired SimulatorControl simulator;}.
 */
public interface SimulatorControl {

	/** The provider name the simulator's senders report. */
	String PROVIDER = "simulator";

	/**
	 * Makes the next {@code times} sends on the channel fail, replacing an earlier rule
	 * for it.
	 * @param outcome {@code TRANSIENT_FAILURE} or {@code PERMANENT_FAILURE}
	 * @param errorCode the error code to report (e.g. {@code 21211}, {@code 43101},
	 * {@code 503})
	 * @throws IllegalArgumentException for {@code SENT} or fewer than one time
	 */
	void failNext(Channel channel, Outcome outcome, String errorCode, int times);

	/**
	 * Makes every send to the recipient fail until {@link #reset()}; it takes precedence
	 * over {@link #failNext}.
	 * @param recipient the E.164 number or openid, as in the request
	 * @throws IllegalArgumentException for {@code SENT}
	 */
	void failRecipient(String recipient, Outcome outcome, String errorCode);

	/**
	 * Makes the next {@code times} sends on the channel time out as a provider that does
	 * not answer in time: each fails {@code TRANSIENT_FAILURE} with error code
	 * {@link DeliveryResult#TIMEOUT}, whose outcome is unknown
	 * ({@link DeliveryResult#ambiguous()}). Replaces an earlier rule for the channel;
	 * {@link #failRecipient} takes precedence.
	 * @param sent whether the message was sent all the same: it is then in the outbox,
	 * and asking the simulator ({@link ChannelSender#lookup}) finds it; otherwise the
	 * simulator has no record of it
	 * @throws IllegalArgumentException for fewer than one time
	 */
	void timeOutNext(Channel channel, boolean sent, int times);

	/** Forgets all failure rules and empties the outbox. */
	void reset();

	/**
	 * What the simulator sent, newest first.
	 * @param limit at most this many messages
	 */
	List<SimulatedMessage> outbox(int limit);

}
