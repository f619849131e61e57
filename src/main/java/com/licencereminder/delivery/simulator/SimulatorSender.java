package com.licencereminder.delivery.simulator;

import java.time.Instant;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.ChannelSender;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.RenderedMessage;
import com.licencereminder.delivery.SimulatorControl;

/** The simulator as the sender of one channel. */
class SimulatorSender implements ChannelSender {

	private final Channel channel;

	private final Simulator simulator;

	SimulatorSender(Channel channel, Simulator simulator) {
		this.channel = channel;
		this.simulator = simulator;
	}

	@Override
	public Channel channel() {
		return channel;
	}

	@Override
	public String provider() {
		return SimulatorControl.PROVIDER;
	}

	@Override
	public DeliveryResult send(String attemptId, String recipient, RenderedMessage message) {
		return simulator.send(channel, attemptId, recipient, message);
	}

	@Override
	public Lookup lookup(String attemptId, String recipient, RenderedMessage message, Instant sentAfter,
			Instant sentBefore) {
		return simulator.lookup(attemptId);
	}

}
