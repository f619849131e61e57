package com.licencereminder.reminder;

import java.util.List;
import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Stops reminding a cycle: marks its plan, then cancels its pending tasks with the reason, by id.
 * A task already handed to delivery is not recalled; the dispatcher checks the plan before every
 * send, so claimed tasks of a stopped cycle are cancelled when their turn comes.
 */
@Component
class TaskStops {

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Counter cancelled;

	TaskStops(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.clock = clock;
		this.cancelled = Counter.builder("reminder.tasks.cancelled").description("Reminder tasks cancelled").register(meters);
	}

	/**
	 * Stops an active plan.
	 * @return whether this call stopped it (false when it was no longer active)
	 */
	boolean stop(ReminderPlan plan, ReminderPlan.State state, String reason, String by) {
		Instant now = clock.instant();
		ReminderPlan stopped = mongo.findAndModify(
				Query.query(Criteria.where("_id").is(plan.id()).and("state").is(ReminderPlan.State.ACTIVE)),
				new Update().set("state", state).set("stoppedReason", reason).set("stoppedBy", by).set("stoppedAt", now),
				ReminderPlan.class);
		if (stopped == null) {
			return false;
		}
		long count = mongo.updateMulti(
				Query.query(Criteria.where("_id").in(stopped.taskIds()).and("status").is(TaskStatus.PENDING)),
				new Update().set("status", TaskStatus.CANCELLED)
					.set("reason", reason)
					.set("reasonArgs", List.of(by))
					.set("updatedAt", now)
					.set("finishedAt", now),
				ReminderTask.class).getModifiedCount();
		cancelled.increment(count);
		return true;
	}

	/** Cancels one claimed task whose cycle is no longer reminded. */
	void cancelClaimed(ReminderTask task, String reason) {
		Instant now = clock.instant();
		mongo.updateFirst(Query.query(Criteria.where("_id").is(task.id())),
				new Update().set("status", TaskStatus.CANCELLED)
					.set("reason", reason)
					.unset("leaseOwner")
					.unset("leaseUntil")
					.set("updatedAt", now)
					.set("finishedAt", now),
				ReminderTask.class);
		cancelled.increment();
	}

}
