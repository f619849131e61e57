package com.licencereminder.delivery;

import java.time.Instant;
import java.util.Map;

/**
 * A message the simulator sent instead of a provider.
 *
 * @param providerId the simulator's id, {@code SIM-<n>}
 * @param channel the channel
 * @param recipient the E.164 number or openid, unmasked
 * @param text the text
 * @param fields the template fields of structured channels
 * @param at when it was sent
 * @param attemptId the delivery attempt
 */
public record SimulatedMessage(String providerId, Channel channel, String recipient, String text,
		Map<String, String> fields, Instant at, String attemptId) {
}
