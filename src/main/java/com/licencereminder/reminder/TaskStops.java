package com.licencereminder.reminder;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import com.licencereminder.licence.Licence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Stops reminding a cycle: marks its plan first, then cancels its pending tasks with the
 * reason, by id. A reader between the two sees a stopped plan with pending tasks, and the
 * dispatcher checks the plan after every claim, so such a task is cancelled with the
 * plan's reason when its turn comes; a task already handed to delivery is not recalled. A
 * plan still being written ({@link ReminderPlan.State#PLANNING}) is stopped like an
 * active one, and the planner cancels the tasks it writes after that; a cycle not planned
 * at all gets a stopped plan of its own, so that planning it later creates nothing.
 */
@Component
class TaskStops {

	private static final List<ReminderPlan.State> STOPPABLE = List.of(ReminderPlan.State.ACTIVE,
			ReminderPlan.State.PLANNING);

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Counter cancelled;

	TaskStops(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.clock = clock;
		this.cancelled = Counter.builder("reminder.tasks.cancelled")
			.description("Reminder tasks cancelled")
			.register(meters);
	}

	/**
	 * Stops a plan that is active or still being written.
	 * @return whether this call stopped it (false when it was stopped already)
	 */
	boolean stop(ReminderPlan plan, ReminderPlan.State state, String reason, String by) {
		Instant now = clock.instant();
		ReminderPlan stopped = mongo.findAndModify(
				Query.query(Criteria.where("_id").is(plan.id()).and("state").in(STOPPABLE)),
				new Update().set("state", state)
					.set("stoppedReason", reason)
					.set("stoppedBy", by)
					.set("stoppedAt", now),
				ReminderPlan.class);
		if (stopped == null) {
			return false;
		}
		cancelPending(stopped.taskIds(), reason, by);
		return true;
	}

	/**
	 * Stops the licence's current cycle whether or not it is planned yet: an existing
	 * plan is stopped; where there is none, a stopped plan without tasks is recorded.
	 * @return whether this call stopped the cycle
	 */
	boolean stopCycle(Licence licence, ReminderPlan.State state, String reason, String by) {
		String id = ReminderPlan.idOf(licence.id(), licence.cycle());
		for (int round = 0; round < 3; round++) {
			ReminderPlan plan = mongo.findById(id, ReminderPlan.class);
			if (plan != null) {
				return stop(plan, state, reason, by);
			}
			Instant now = clock.instant();
			try {
				mongo.insert(new ReminderPlan(id, licence.id(), licence.cycle(), licence.validUntil(), state, List.of(),
						reason, by, now, now));
				return true;
			}
			catch (DuplicateKeyException ex) {
				// the planner wrote the plan meanwhile: stop that one
			}
		}
		return false;
	}

	/** Cancels those of the tasks that are still pending. */
	void cancelPending(Collection<String> taskIds, String reason, String by) {
		if (taskIds.isEmpty()) {
			return;
		}
		long count = mongo
			.updateMulti(Query.query(Criteria.where("_id").in(taskIds).and("status").is(TaskStatus.PENDING)),
					TaskUpdates.ended(TaskStatus.CANCELLED, reason, clock.instant()).set("reasonArgs", List.of(by)),
					ReminderTask.class)
			.getModifiedCount();
		cancelled.increment(count);
	}

	/** Cancels one claimed task whose cycle is no longer reminded. */
	void cancelClaimed(ReminderTask task, String reason, List<String> reasonArgs) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(task.id())),
				TaskUpdates.ended(TaskStatus.CANCELLED, reason, clock.instant()).set("reasonArgs", reasonArgs),
				ReminderTask.class);
		cancelled.increment();
	}

}
