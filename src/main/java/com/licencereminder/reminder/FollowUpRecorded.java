package com.licencereminder.reminder;

/**
 * Published after staff recorded the outcome of a follow-up item.
 *
 * @param followUpId the item
 * @param licenceId its licence
 * @param result {@code CALLED}, {@code VISITED}, {@code RENEWED} or {@code UNREACHABLE}
 * @param note what staff wrote, or null
 * @param by who recorded it
 */
public record FollowUpRecorded(String followUpId, String licenceId, String result, String note, String by) {
}
