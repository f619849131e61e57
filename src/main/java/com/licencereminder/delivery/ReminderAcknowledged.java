package com.licencereminder.delivery;

import java.util.List;

/**
 * Published when a business acknowledges a reminder through a channel (reply "1",
 * keypress 1, mini-program action): the engine stops the remaining stages of those
 * licences' cycles.
 *
 * @param licenceIds the licences the acknowledged reminder was about
 * @param channel the channel the acknowledgement came through
 * @param from the masked sender (e.g. {@code 138****5678})
 */
public record ReminderAcknowledged(List<String> licenceIds, Channel channel, String from) {
}
