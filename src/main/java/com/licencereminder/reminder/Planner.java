package com.licencereminder.reminder;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicencePlanning;
import com.licencereminder.reminder.followup.FollowUp;
import com.licencereminder.reminder.followup.FollowUps;
import com.licencereminder.shared.Inserts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Turns the current validity cycle of licences into reminder tasks, one per stage and
 * channel of the licence type's policy. Idempotent: planning a cycle again creates
 * nothing that exists.
 * <ul>
 * <li>Earlier cycles still being reminded are superseded: their open tasks are
 * cancelled.</li>
 * <li>Terminated licences (注销/吊销/撤销) and licences without expiry get no tasks; an active
 * plan of theirs is ended and its open tasks cancelled.</li>
 * <li>Catch-up: of the stages already past, only the latest is due now; older ones are
 * recorded as skipped. A licence already expired gets no reminders of stages at or before
 * expiry (only stages after expiry, by the same rule) and goes to the follow-up list
 * instead.</li>
 * <li>A channel the licence has no contact for is recorded as skipped; a licence
 * reachable on no channel goes to the follow-up list.</li>
 * <li>Due times are moved into the channel's send window.</li>
 * </ul>
 * The tasks themselves come from the {@link Ladder}.
 * <p>
 * Writes are ordered so that every prefix is safe for a concurrent reader and after a
 * crash: the plan is stored first as {@link ReminderPlan.State#PLANNING} (the dispatcher
 * leaves its tasks for later), then the tasks, then the plan becomes ACTIVE, then the
 * licence's planning mark is cleared ({@link LicencePlanning}). A crash anywhere leaves
 * the licence marked, and planning it again completes the plan. Works in batches: one
 * lookup of the plans of all given licences and one bulk write per step.
 */
@Component
class Planner {

	private final MongoTemplate mongo;

	private final Ladder ladder;

	private final TaskStops stops;

	private final FollowUps followUps;

	private final LicencePlanning licencePlanning;

	private final Clock clock;

	private final Counter planned;

	Planner(MongoTemplate mongo, ReminderPolicies policies, SendWindows windows, TaskStops stops, FollowUps followUps,
			LicencePlanning licencePlanning, Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.licencePlanning = licencePlanning;
		this.ladder = new Ladder(policies, windows, clock.getZone());
		this.stops = stops;
		this.followUps = followUps;
		this.clock = clock;
		this.planned = Counter.builder("reminder.tasks.planned").description("Reminder tasks planned").register(meters);
	}

	/** Plans the current cycle of each licence; returns the number of tasks created. */
	int plan(Collection<Licence> licences) {
		if (licences.isEmpty()) {
			return 0;
		}
		Instant now = clock.instant();
		Map<String, ReminderPlan> plans = existingPlans(licences);
		List<ReminderTask> newTasks = new ArrayList<>();
		List<ReminderPlan> newPlans = new ArrayList<>();
		Map<String, List<String>> completing = new LinkedHashMap<>();
		List<Licence> expired = new ArrayList<>();
		List<Licence> unreachable = new ArrayList<>();
		for (Licence licence : licences) {
			for (int cycle = 1; cycle < licence.cycle(); cycle++) {
				ReminderPlan old = plans.get(ReminderPlan.idOf(licence.id(), cycle));
				if (old != null && old.state().isOpen()) {
					stops.stop(old, ReminderPlan.State.SUPERSEDED, supersededReason(old.validUntil(), licence),
							"import");
				}
			}
			ReminderPlan current = plans.get(ReminderPlan.idOf(licence.id(), licence.cycle()));
			if (licence.status().isTerminated() || !licence.expires()) {
				if (current != null && current.state().isOpen()) {
					stops.stop(current, ReminderPlan.State.ENDED, licence.status().isTerminated()
							? "reminder.cancel.terminated" : "reminder.cancel.no-expiry", "import");
				}
				continue;
			}
			if (current != null && current.state() != ReminderPlan.State.PLANNING) {
				continue;
			}
			List<ReminderTask> tasks = ladder.tasksFor(licence, now);
			newTasks.addAll(tasks);
			Set<String> taskIds = new LinkedHashSet<>(current == null ? List.of() : current.taskIds());
			tasks.forEach(task -> taskIds.add(task.id()));
			String planId = ReminderPlan.idOf(licence.id(), licence.cycle());
			if (current == null) {
				newPlans.add(new ReminderPlan(planId, licence.id(), licence.cycle(), licence.validUntil(),
						ReminderPlan.State.PLANNING, List.copyOf(taskIds), null, null, null, now));
			}
			completing.put(planId, List.copyOf(taskIds));
			followUp(licence, now, expired, unreachable);
		}
		followUps.open(expired, FollowUp.Reason.EXPIRED);
		followUps.open(unreachable, FollowUp.Reason.UNREACHABLE);
		Inserts.ignoringDuplicates(mongo, newPlans, ReminderPlan.class);
		int created = Inserts.ignoringDuplicates(mongo, newTasks, ReminderTask.class);
		activate(completing);
		licencePlanning.planned(licences);
		planned.increment(created);
		return created;
	}

	/**
	 * Why a cycle's reminders end when the licence moved to a later cycle: its expiry
	 * moved later (renewed), was removed (no expiry) or moved earlier (a corrected date).
	 */
	static String supersededReason(LocalDate cycleUntil, Licence licence) {
		if (!licence.expires()) {
			return "reminder.cancel.no-expiry";
		}
		if (cycleUntil == null) {
			return "reminder.cancel.superseded";
		}
		return licence.validUntil().isAfter(cycleUntil) ? "reminder.cancel.renewed" : "reminder.cancel.corrected";
	}

	/**
	 * Makes the plans whose tasks are all written ACTIVE. A plan stopped while it was
	 * being written (an acknowledgement, a revocation) stays stopped, and the tasks
	 * written after the stop are cancelled with its reason here.
	 */
	private void activate(Map<String, List<String>> completing) {
		if (completing.isEmpty()) {
			return;
		}
		BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, ReminderPlan.class);
		completing.forEach((planId, taskIds) -> bulk.updateOne(
				Query.query(Criteria.where("_id").is(planId).and("state").is(ReminderPlan.State.PLANNING)),
				new Update().set("state", ReminderPlan.State.ACTIVE).set("taskIds", taskIds)));
		if (bulk.execute().getMatchedCount() == completing.size()) {
			return;
		}
		Query stopped = Query
			.query(Criteria.where("_id").in(completing.keySet()).and("state").ne(ReminderPlan.State.ACTIVE));
		for (ReminderPlan plan : mongo.find(stopped, ReminderPlan.class)) {
			if (plan.state() != ReminderPlan.State.PLANNING) {
				stops.cancelPending(completing.get(plan.id()), plan.stoppedReason(), plan.stoppedBy());
			}
		}
	}

	/**
	 * Adds the licence to the licences the follow-up list gets: lapsed ones, and those
	 * neither a call nor the mini-program can reach.
	 */
	private void followUp(Licence licence, Instant now, List<Licence> expired, List<Licence> unreachable) {
		LocalDate today = LocalDate.ofInstant(now, clock.getZone());
		if (licence.validUntil().isBefore(today)) {
			expired.add(licence);
		}
		else if (!licence.reachableByCall() && !licence.reachableByWechat()) {
			unreachable.add(licence);
		}
	}

	private Map<String, ReminderPlan> existingPlans(Collection<Licence> licences) {
		Set<String> ids = new LinkedHashSet<>();
		for (Licence licence : licences) {
			IntStream.rangeClosed(1, licence.cycle()).forEach(cycle -> ids.add(ReminderPlan.idOf(licence.id(), cycle)));
		}
		Map<String, ReminderPlan> plans = new HashMap<>();
		mongo.find(Query.query(Criteria.where("_id").in(ids)), ReminderPlan.class)
			.forEach(plan -> plans.put(plan.id(), plan));
		return plans;
	}

}
