package com.licencereminder.delivery.simulator;

import java.time.Instant;
import java.util.Map;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.SimulatedMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A message the simulator sent, as stored.
 *
 * @param id the simulator's provider id, {@code SIM-<n>}
 * @param seq {@code n}, for ordering
 */
@Document("simulator_outbox")
record OutboxEntry(@Id String id, long seq, Channel channel, String recipient, String text, Map<String, String> fields,
		Instant at, String attemptId) {

	SimulatedMessage toMessage() {
		return new SimulatedMessage(id, channel, recipient, text, fields, at, attemptId);
	}

}
