package com.licencereminder.reminder;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * This instance's leases on reminder tasks. One query finds up to {@code batch-size}
 * candidates (pending and due, or held under an expired lease); one conditional update
 * per status takes those still claimable, stamping this instance as lease owner with a
 * claim token and a lease expiry; one lookup by id checks what this instance actually
 * got. Two instances never hold the same task: the conditional update lets only one of
 * them match. A crashed instance's leases run out and its tasks are claimed again; a task
 * that was already SENDING is then flagged as a possible duplicate.
 */
@Component
class Claims {

	private final MongoTemplate mongo;

	private final DispatchProperties properties;

	private final Clock clock;

	private final String owner;

	Claims(MongoTemplate mongo, DispatchProperties properties, Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
		this.owner = ManagementFactory.getRuntimeMXBean().getName() + ":"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

	/** The lease owner name of this instance. */
	String owner() {
		return owner;
	}

	/**
	 * Claims up to a batch of due tasks, with the pending tasks of the same digest due
	 * later that day. When another instance won every candidate, the query is repeated (a
	 * few times): the winner's tasks are no longer claimable, so the next query finds the
	 * next ones. The conditional updates state the cheap conditions before the
	 * {@code _id} list: the embedded store stops at a document's first failing condition,
	 * and matching a list costs one comparison per entry.
	 */
	List<ReminderTask> claim(Instant now) {
		for (int round = 0; round < 3; round++) {
			Criteria due = Criteria.where("status").is(TaskStatus.PENDING).and("dueAt").lte(now);
			Criteria expired = Criteria.where("status")
				.in(TaskStatus.CLAIMED, TaskStatus.SENDING)
				.and("leaseUntil")
				.lt(now);
			Query candidates = Query.query(new Criteria().orOperator(due, expired))
				.with(Sort.by("dueAt"))
				.limit(properties.batchSize());
			candidates.fields().include("_id", "status");
			List<Document> found = mongo.find(candidates, Document.class, ReminderTask.COLLECTION);
			if (found.isEmpty()) {
				return List.of();
			}
			List<ReminderTask> mine = take(found, now);
			if (!mine.isEmpty()) {
				return mine;
			}
		}
		return List.of();
	}

	private List<ReminderTask> take(List<Document> found, Instant now) {
		String token = UUID.randomUUID().toString();
		Instant leaseUntil = now.plus(properties.lease());
		Map<TaskStatus, List<String>> byStatus = found.stream()
			.collect(Collectors.groupingBy(task -> TaskStatus.valueOf(task.getString("status")),
					Collectors.mapping(task -> task.getString("_id"), Collectors.toList())));
		for (Map.Entry<TaskStatus, List<String>> entry : byStatus.entrySet()) {
			boolean pending = entry.getKey() == TaskStatus.PENDING;
			Criteria still = pending ? Criteria.where("status").is(TaskStatus.PENDING).and("dueAt").lte(now)
					: Criteria.where("status").is(entry.getKey()).and("leaseUntil").lt(now);
			Update take = leased(
					TaskUpdates.to(TaskStatus.CLAIMED, pending ? null : "reminder.history.lease-expired", now),
					leaseUntil, token);
			if (entry.getKey() == TaskStatus.SENDING) {
				take.set("possibleDuplicate", true);
			}
			mongo.updateMulti(Query.query(still.and("_id").in(entry.getValue())), take, ReminderTask.class);
		}
		List<ReminderTask> mine = taken(found.stream().map(task -> task.getString("_id")).toList(), token);
		mine.addAll(claimDigestSiblings(mine, now, leaseUntil, token));
		return mine;
	}

	private Update leased(Update update, Instant leaseUntil, String token) {
		return update.set("leaseOwner", owner).set("leaseUntil", leaseUntil).set("claimToken", token);
	}

	/**
	 * The tasks among {@code ids} this instance took with {@code token}. Looked up by
	 * {@code _id} alone and checked here, so that the lookup is served by the primary key
	 * in every store.
	 */
	private List<ReminderTask> taken(List<String> ids, String token) {
		return mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, ReminderTask.COLLECTION)
			.stream()
			.filter(task -> token.equals(task.getString("claimToken")) && owner.equals(task.getString("leaseOwner")))
			.map(task -> mongo.getConverter().read(ReminderTask.class, task))
			.collect(Collectors.toCollection(ArrayList::new));
	}

	/**
	 * Pending tasks sharing a digest key with the batch and due later that same day join
	 * the batch.
	 */
	private List<ReminderTask> claimDigestSiblings(List<ReminderTask> batch, Instant now, Instant leaseUntil,
			String token) {
		Set<String> keys = batch.stream()
			.filter(task -> task.channel() != ReminderChannel.MANUAL && task.digestKey() != null)
			.map(ReminderTask::digestKey)
			.collect(Collectors.toSet());
		if (keys.isEmpty()) {
			return List.of();
		}
		Instant endOfDay = LocalDate.ofInstant(now, clock.getZone())
			.plusDays(1)
			.atStartOfDay(clock.getZone())
			.toInstant();
		Query siblings = Query.query(Criteria.where("status")
			.is(TaskStatus.PENDING)
			.and("dueAt")
			.gt(now)
			.lt(endOfDay)
			.and("digestKey")
			.in(keys));
		siblings.fields().include("_id");
		List<String> ids = mongo.find(siblings, Document.class, ReminderTask.COLLECTION)
			.stream()
			.map(task -> task.getString("_id"))
			.toList();
		if (ids.isEmpty()) {
			return List.of();
		}
		mongo.updateMulti(Query.query(Criteria.where("status").is(TaskStatus.PENDING).and("_id").in(ids)),
				leased(TaskUpdates.to(TaskStatus.CLAIMED, "reminder.history.digest", now), leaseUntil, token),
				ReminderTask.class);
		return taken(ids, token);
	}

	/**
	 * Marks held tasks SENDING, one more attempt, with a fresh lease for the time the
	 * send takes.
	 */
	void sending(List<ReminderTask> tasks, Instant now) {
		mongo.updateMulti(Query.query(Criteria.where("_id").in(ids(tasks))),
				TaskUpdates.to(TaskStatus.SENDING, null, now)
					.inc("attempts", 1)
					.set("leaseUntil", now.plus(properties.lease())),
				ReminderTask.class);
	}

	/**
	 * Gives a task this instance still holds back as PENDING, due at {@code dueAt}, for
	 * {@code reason}.
	 */
	void putBack(ReminderTask task, Instant dueAt, String reason, Instant now) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(task.id()).and("leaseOwner").is(owner)),
				TaskUpdates.pendingAgain(dueAt, reason, now), ReminderTask.class);
	}

	/** Gives held tasks back as PENDING, due at {@code dueAt}, for {@code reason}. */
	void putBack(List<ReminderTask> tasks, Instant dueAt, String reason, Instant now) {
		mongo.updateMulti(Query.query(Criteria.where("_id").in(ids(tasks))),
				TaskUpdates.pendingAgain(dueAt, reason, now), ReminderTask.class);
	}

	/**
	 * Gives back the tasks among {@code tasks} still only claimed, so another instance
	 * takes them at once.
	 */
	void release(List<ReminderTask> tasks) {
		release(Criteria.where("_id").in(ids(tasks)));
	}

	/** Gives back every task this instance claimed and did not start. */
	void releaseAll() {
		release(Criteria.where("leaseOwner").is(owner));
	}

	private void release(Criteria which) {
		mongo.updateMulti(Query.query(which.and("status").is(TaskStatus.CLAIMED)),
				TaskUpdates
					.withoutLease(TaskUpdates.to(TaskStatus.PENDING, "reminder.history.released", clock.instant())),
				ReminderTask.class);
	}

	/**
	 * How long until the earliest pending task falls due, when that is after {@code now}
	 * and within {@code horizon} (one query in {@code dueAt} order, served by the
	 * {@code status_dueAt} index).
	 */
	Optional<Duration> untilNextDue(Instant now, Duration horizon) {
		Query next = Query
			.query(Criteria.where("status").is(TaskStatus.PENDING).and("dueAt").gt(now).lte(now.plus(horizon)))
			.with(Sort.by("dueAt"))
			.limit(1);
		next.fields().include("dueAt");
		Document task = mongo.findOne(next, Document.class, ReminderTask.COLLECTION);
		return task == null ? Optional.empty() : Optional.of(Duration.between(now, task.getDate("dueAt").toInstant()));
	}

	/** Pending tasks due at {@code now}. */
	long dueCount(Instant now) {
		return mongo.count(Query.query(Criteria.where("status").is(TaskStatus.PENDING).and("dueAt").lte(now)),
				ReminderTask.class);
	}

	static List<String> ids(List<ReminderTask> tasks) {
		return tasks.stream().map(ReminderTask::id).toList();
	}

}
