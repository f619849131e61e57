package com.licencereminder.reminder;

import java.time.Instant;

import org.springframework.data.mongodb.core.query.Update;

/**
 * The updates that move a reminder task from one status to another. Every one records the
 * step in the task's {@code history} (the latest {@value ReminderTask#HISTORY_LIMIT}
 * kept) and its {@code updatedAt}, so a task's page shows every state it went through and
 * why.
 */
final class TaskUpdates {

	private TaskUpdates() {
	}

	/**
	 * Moves the task to {@code status} for {@code reason} (null for the ordinary course).
	 */
	static Update to(TaskStatus status, String reason, Instant now) {
		Update update = new Update();
		update.push("history").slice(-ReminderTask.HISTORY_LIMIT).each(new ReminderTask.Change(now, status, reason));
		return update.set("status", status).set("updatedAt", now);
	}

	/** Gives the task back as PENDING, due at {@code dueAt}, without a lease. */
	static Update pendingAgain(Instant dueAt, String reason, Instant now) {
		return withoutLease(to(TaskStatus.PENDING, reason, now).set("dueAt", dueAt));
	}

	/** Ends the task in a final status; FAILED, CANCELLED and SKIPPED need a reason. */
	static Update ended(TaskStatus status, String reason, Instant now) {
		return withoutLease(to(status, reason, now).set("reason", reason).set("finishedAt", now));
	}

	/** Drops the lease bookkeeping of a task no longer held by a dispatcher. */
	static Update withoutLease(Update update) {
		return update.unset("leaseOwner").unset("leaseUntil").unset("claimToken");
	}

}
