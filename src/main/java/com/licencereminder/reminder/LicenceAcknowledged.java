package com.licencereminder.reminder;

/**
 * Published after a licence's current cycle was acknowledged, from any source; the
 * remaining reminders of the cycle are cancelled.
 *
 * @param licenceId the licence
 * @param cycle its validity cycle
 * @param by a user name, or the channel and masked number ({@code sms:138****5678})
 * @param note what the user wrote, or null
 */
public record LicenceAcknowledged(String licenceId, int cycle, String by, String note) {
}
