package com.licencereminder.reminder;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One reminder: a stage of a licence's validity cycle on one channel. Its id is
 * {@code licenceId:cycle:offsetDays:channel}, so planning the same cycle twice creates
 * nothing new.
 *
 * @param id {@link #idOf}
 * @param licenceId the licence
 * @param cycle the licence's validity cycle
 * @param offsetDays the stage: days before the last valid day
 * @param channel what the stage does on this task
 * @param status where the task is
 * @param scheduledAt when the stage was due by the policy (before windows and retries);
 * lateness is measured from it
 * @param dueAt when the task is to run next (window-adjusted, moved by retries)
 * @param digestKey tasks with the same key that are due together become one message
 * @param attempts delivery attempts so far
 * @param leaseOwner the dispatcher instance holding the task, while CLAIMED or SENDING
 * @param leaseUntil when the lease runs out
 * @param reason the message code saying why a task failed, was cancelled or skipped
 * @param reasonArgs its arguments
 * @param errorCode the provider's last error code
 * @param attemptIds the delivery attempts made for this task
 * @param possibleDuplicate whether a send may have been repeated after a crash
 * @param createdAt when it was planned
 * @param updatedAt when it last changed
 * @param finishedAt when it reached a final status
 * @param history every status the task went through, oldest first, with the reason (at
 * most {@value #HISTORY_LIMIT} entries are kept, the newest)
 * @param wrongNumbers the licence's numbers a provider said cannot be reached on this
 * channel (not a valid number, not a mobile): the task goes on with the next; null when
 * none
 */
@Document(ReminderTask.COLLECTION)
record ReminderTask(@Id String id, String licenceId, int cycle, int offsetDays, ReminderChannel channel,
		TaskStatus status, Instant scheduledAt, Instant dueAt, String digestKey, int attempts, String leaseOwner,
		Instant leaseUntil, String reason, List<String> reasonArgs, String errorCode, List<String> attemptIds,
		boolean possibleDuplicate, Instant createdAt, Instant updatedAt, Instant finishedAt, List<Change> history,
		List<String> wrongNumbers) {

	/**
	 * The most history entries a task keeps (a task retried and deferred many times keeps
	 * its latest).
	 */
	static final int HISTORY_LIMIT = 50;

	/** The collection of reminder tasks. */
	static final String COLLECTION = "reminder_tasks";

	ReminderTask {
		history = history == null ? List.of() : history;
		reasonArgs = reasonArgs == null ? List.of() : reasonArgs;
		attemptIds = attemptIds == null ? List.of() : attemptIds;
	}

	/**
	 * Why the task ended as it did (or was put off), in the reader's language; null
	 * without a reason.
	 */
	String reasonText(MessageSource messages, Locale locale) {
		return reason == null ? null : messages.getMessage(reason, reasonArgs.toArray(), reason, locale);
	}

	/** {@link #wrongNumbers()}, empty when none. */
	List<String> knownWrongNumbers() {
		return wrongNumbers == null ? List.of() : wrongNumbers;
	}

	static String idOf(String licenceId, int cycle, int offsetDays, ReminderChannel channel) {
		return licenceId + ":" + cycle + ":" + offsetDays + ":" + channel;
	}

	static ReminderTask pending(String licenceId, int cycle, int offsetDays, ReminderChannel channel,
			Instant scheduledAt, Instant dueAt, String digestKey, Instant now) {
		return new ReminderTask(idOf(licenceId, cycle, offsetDays, channel), licenceId, cycle, offsetDays, channel,
				TaskStatus.PENDING, scheduledAt, dueAt, digestKey, 0, null, null, null, List.of(), null, List.of(),
				false, now, now, null, List.of(new Change(now, TaskStatus.PENDING, null)), null);
	}

	static ReminderTask skipped(String licenceId, int cycle, int offsetDays, ReminderChannel channel,
			Instant scheduledAt, String reason, Instant now) {
		return new ReminderTask(idOf(licenceId, cycle, offsetDays, channel), licenceId, cycle, offsetDays, channel,
				TaskStatus.SKIPPED, scheduledAt, scheduledAt, null, 0, null, null, reason, List.of(), null, List.of(),
				false, now, now, now, List.of(new Change(now, TaskStatus.SKIPPED, reason)), null);
	}

	/**
	 * One step of a task's history.
	 *
	 * @param at when
	 * @param status the status the task went to
	 * @param reason why (a message code), or null for the ordinary course (planned,
	 * claimed, sent)
	 */
	record Change(Instant at, TaskStatus status, String reason) {
	}

}
