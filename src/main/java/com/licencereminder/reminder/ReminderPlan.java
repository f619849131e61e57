package com.licencereminder.reminder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The reminder plan of one validity cycle of a licence: its tasks and whether the cycle
 * is still being reminded. Keyed {@code licenceId:cycle}, so every stop condition finds
 * the tasks to cancel by id, without scanning the tasks.
 *
 * @param id {@link #idOf}
 * @param licenceId the licence
 * @param cycle the validity cycle
 * @param validUntil the cycle's last valid day
 * @param state whether the cycle is still reminded
 * @param taskIds the tasks planned for the cycle
 * @param stoppedReason why reminding stopped (message code), when it did
 * @param stoppedBy who or what stopped it
 * @param stoppedAt when
 * @param createdAt when the cycle was planned
 */
@Document("reminder_plans")
record ReminderPlan(@Id String id, String licenceId, int cycle, LocalDate validUntil, State state, List<String> taskIds,
		String stoppedReason, String stoppedBy, Instant stoppedAt, Instant createdAt) {

	static String idOf(String licenceId, int cycle) {
		return licenceId + ":" + cycle;
	}

	/** Whether a cycle is still reminded. */
	enum State {

		/**
		 * Being written: the plan is stored first, then its tasks, then it becomes
		 * ACTIVE. A task of such a plan is not judged (neither sent nor cancelled) until
		 * the plan is complete; a plan left in this state by a crash is completed when
		 * its licence is planned again.
		 */
		PLANNING,

		/** Reminders go out as planned. */
		ACTIVE,

		/** The business acknowledged: the remaining stages are cancelled. */
		ACKNOWLEDGED,

		/** A later cycle replaced this one (renewal or a corrected date). */
		SUPERSEDED,

		/** The licence was cancelled, revoked or withdrawn, or no longer expires. */
		ENDED;

		/** Whether the cycle is still to be reminded (being planned or active). */
		boolean isOpen() {
			return this == PLANNING || this == ACTIVE;
		}

	}

}
