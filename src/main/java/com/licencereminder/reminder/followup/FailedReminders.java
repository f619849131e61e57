package com.licencereminder.reminder.followup;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reminders that failed for licences on the follow-up list, so staff see what was
 * tried before they call. The engine provides it; the follow-up list does not read the
 * engine's tasks itself.
 */
public interface FailedReminders {

	/**
	 * The failed reminders of the licences' cycles, keyed {@code licenceId:cycle}, the
	 * latest stage first.
	 * @param locale the language of the reasons
	 */
	Map<String, List<FailedReminder>> of(Collection<String> licenceIds, Locale locale);

	/**
	 * A reminder that failed.
	 *
	 * @param channel the reminder channel's name ({@code SMS}, {@code VOICE}, ...)
	 * @param reason why, in the reader's language
	 * @param attemptIds its delivery attempts, oldest first
	 */
	record FailedReminder(String channel, int offsetDays, String errorCode, String reason, List<String> attemptIds,
			Instant finishedAt) {
	}

}
