package com.licencereminder.reminder;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import com.licencereminder.licence.Licence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Turns the current validity cycle of licences into reminder tasks, one per stage and channel of
 * the licence type's policy. Idempotent: planning a cycle again creates nothing that exists.
 * <ul>
 * <li>Earlier cycles still being reminded are superseded: their open tasks are cancelled.</li>
 * <li>Terminated licences (注销/吊销/撤销) and licences without expiry get no tasks; an active plan
 * of theirs is ended and its open tasks cancelled.</li>
 * <li>Catch-up: of the stages already past, only the latest is due now; older ones are recorded
 * as skipped. A licence already expired gets no reminders of stages at or before expiry (only
 * stages after expiry, by the same rule) and goes to the follow-up list instead.</li>
 * <li>A channel the licence has no contact for is recorded as skipped; a licence reachable on no
 * channel goes to the follow-up list.</li>
 * <li>Due times are moved into the channel's send window.</li>
 * </ul>
 * The tasks themselves come from the {@link Ladder}.
 * Works in batches: one lookup of the plans of all given licences and one bulk write.
 */
@Component
class Planner {

	private final MongoTemplate mongo;

	private final Ladder ladder;

	private final TaskStops stops;

	private final FollowUps followUps;

	private final Clock clock;

	private final Counter planned;

	Planner(MongoTemplate mongo, ReminderPolicies policies, SendWindows windows, TaskStops stops, FollowUps followUps,
			Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
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
		for (Licence licence : licences) {
			for (int cycle = 1; cycle < licence.cycle(); cycle++) {
				ReminderPlan old = plans.get(ReminderPlan.idOf(licence.id(), cycle));
				if (old != null && old.state() == ReminderPlan.State.ACTIVE) {
					stops.stop(old, ReminderPlan.State.SUPERSEDED, "reminder.cancel.renewed", "import");
				}
			}
			ReminderPlan current = plans.get(ReminderPlan.idOf(licence.id(), licence.cycle()));
			if (licence.status().isTerminated() || !licence.expires()) {
				if (current != null && current.state() == ReminderPlan.State.ACTIVE) {
					stops.stop(current, ReminderPlan.State.ENDED,
							licence.status().isTerminated() ? "reminder.cancel.terminated" : "reminder.cancel.no-expiry", "import");
				}
				continue;
			}
			if (current != null) {
				continue;
			}
			List<ReminderTask> tasks = ladder.tasksFor(licence, now);
			newTasks.addAll(tasks);
			newPlans.add(new ReminderPlan(ReminderPlan.idOf(licence.id(), licence.cycle()), licence.id(), licence.cycle(),
					licence.validUntil(), ReminderPlan.State.ACTIVE, tasks.stream().map(ReminderTask::id).toList(), null, null,
					null, now));
			addFollowUps(licence, tasks, now);
		}
		insertIgnoringDuplicates(newTasks, ReminderTask.class);
		insertIgnoringDuplicates(newPlans, ReminderPlan.class);
		planned.increment(newTasks.size());
		return newTasks.size();
	}

	private void addFollowUps(Licence licence, List<ReminderTask> tasks, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, clock.getZone());
		if (licence.validUntil().isBefore(today)) {
			followUps.open(licence, FollowUp.Reason.EXPIRED);
		}
		else if (!licence.reachableByCall() && !licence.reachableByWechat()) {
			followUps.open(licence, FollowUp.Reason.UNREACHABLE);
		}
	}

	private Map<String, ReminderPlan> existingPlans(Collection<Licence> licences) {
		Set<String> ids = new LinkedHashSet<>();
		for (Licence licence : licences) {
			IntStream.rangeClosed(1, licence.cycle()).forEach(cycle -> ids.add(ReminderPlan.idOf(licence.id(), cycle)));
		}
		Map<String, ReminderPlan> plans = new HashMap<>();
		mongo.find(Query.query(Criteria.where("_id").in(ids)), ReminderPlan.class).forEach(plan -> plans.put(plan.id(), plan));
		return plans;
	}

	private <T> void insertIgnoringDuplicates(List<T> documents, Class<T> type) {
		if (documents.isEmpty()) {
			return;
		}
		try {
			mongo.bulkOps(BulkMode.UNORDERED, type).insert(documents).execute();
		}
		catch (BulkOperationException ex) {
			if (ex.getErrors().stream().anyMatch(error -> error.getCode() != 11000)) {
				throw ex;
			}
		}
	}

}
