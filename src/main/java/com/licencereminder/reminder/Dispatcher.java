package com.licencereminder.reminder;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.DeliveryRequest;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.licence.Licence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Claims due reminder tasks in batches and hands them to delivery.
 * <p>
 * <b>Claiming</b>: one query finds up to {@code batch-size} candidates (pending and due, or held
 * under an expired lease); one conditional update per kind takes those still claimable, stamping
 * this instance as lease owner with a claim token and a lease expiry; one lookup by id and token
 * returns what this instance actually got. Two instances never hold the same task: the
 * conditional update lets only one of them match. A crashed instance's leases run out and its
 * tasks are claimed again; a task that was already SENDING is then flagged as a possible
 * duplicate.
 * <p>
 * <b>Sending</b>: the messages of a batch go out in parallel ({@code dispatch.concurrency}); the
 * providers' rate limits in delivery set the pace. A send delivery refuses before reaching the
 * provider (circuit open, rate limit, an attempt in flight) is deferred by {@code dispatch.defer-for}
 * and not counted as an attempt. Tasks of one holder due the same day on the same channel go out as one message
 * (a digest). Before each send the cycle's plan is checked: a stopped cycle cancels the task. A
 * task outside its send window is put back until the window opens. The batch's licences and plans
 * are read once for the whole batch. The task is marked SENDING before delivery is called; sent
 * tasks are marked SENT in one bulk write when the batch ends (delivery's record of the send keeps
 * a takeover from sending again should that write be lost). Outcomes: sent; transient failure retried with exponential backoff
 * and jitter within the stage; permanent failure or retries used up fails the task, and when no
 * channel of the stage worked the licence goes to the follow-up list. MANUAL stages put the
 * licence on the follow-up list.
 * <p>
 * <b>Metrics</b>: counters {@code reminder.tasks.claimed} (taken by this instance, including tasks
 * later put back for a closed send window or cancelled by a stop condition),
 * {@code reminder.tasks.due} (handed to delivery: live, due and inside their window; a retry counts
 * again), {@code reminder.tasks.sent}, {@code reminder.tasks.failed} and {@code reminder.tasks.retried};
 * timer {@code reminder.lateness} (due time to send, with a percentile histogram); gauge
 * {@code reminder.queue.depth}. {@code reminder.tasks.planned} and {@code reminder.tasks.cancelled}
 * are counted by the planner and the stop conditions.
 */
@Component
class Dispatcher {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private static final Duration DEPTH_REFRESH = Duration.ofMinutes(1);

	private static final String TASKS = "reminder_tasks";

	/** A failure of the attempt in flight, reported before the send returned: {attemptId, errorCode, permanent}. */
	static final String LATE_FAILURE = "lateFailure";

	private final MongoTemplate mongo;

	private final Deliveries deliveries;

	private final ReminderPolicies policies;

	private final DispatchProperties properties;

	private final SendWindows windows;

	private final TaskStops stops;

	private final FollowUps followUps;

	private final Planner planner;

	private final EngineCounters counters;

	private final Ladder ladder;

	private final Clock clock;

	private final String owner;

	private volatile boolean accepting = true;

	private final Counter claimed;

	private final Counter due;

	private final Counter sent;

	private final Counter failed;

	private final Counter retried;

	private final Counter deferred;

	private final Counter undecided;

	private final ExecutorService senders;

	private final Timer lateness;

	private final AtomicLong depth = new AtomicLong();

	private volatile Instant depthRefreshedAt = Instant.EPOCH;

	Dispatcher(MongoTemplate mongo, Deliveries deliveries, ReminderPolicies policies, DispatchProperties properties,
			SendWindows windows, TaskStops stops, FollowUps followUps, Planner planner, EngineCounters counters, Clock clock,
			MeterRegistry meters) {
		this.mongo = mongo;
		this.deliveries = deliveries;
		this.policies = policies;
		this.properties = properties;
		this.windows = windows;
		this.stops = stops;
		this.followUps = followUps;
		this.planner = planner;
		this.counters = counters;
		this.ladder = new Ladder(policies, windows, clock.getZone());
		this.clock = clock;
		this.owner = ManagementFactory.getRuntimeMXBean().getName() + ":" + UUID.randomUUID().toString().substring(0, 8);
		this.claimed = Counter.builder("reminder.tasks.claimed").register(meters);
		this.due = Counter.builder("reminder.tasks.due").description("Reminder tasks handed to delivery").register(meters);
		this.sent = Counter.builder("reminder.tasks.sent").register(meters);
		this.failed = Counter.builder("reminder.tasks.failed").register(meters);
		this.retried = Counter.builder("reminder.tasks.retried").register(meters);
		this.deferred = Counter.builder("reminder.tasks.deferred")
			.description("Sends refused by a provider's circuit breaker or rate limit, tried again later")
			.register(meters);
		this.undecided = Counter.builder("reminder.tasks.undecided")
			.description("Claimed tasks that could not be judged yet (their plan still being written or missing), put back for later")
			.register(meters);
		AtomicInteger threads = new AtomicInteger();
		this.senders = Executors.newFixedThreadPool(properties.concurrency(), runnable -> {
			Thread thread = new Thread(runnable, "dispatch-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.lateness = Timer.builder("reminder.lateness")
			.description("Time from a task's due time to its send")
			.publishPercentileHistogram()
			.register(meters);
		Gauge.builder("reminder.queue.depth", depth, AtomicLong::get)
			.description("Pending tasks due now (refreshed at most once a minute)")
			.register(meters);
	}

	/** The lease owner name of this instance. */
	String owner() {
		return owner;
	}

	/** Claims one batch and dispatches it; returns the number of tasks claimed. */
	int dispatchOnce() {
		if (!accepting) {
			return 0;
		}
		Instant now = clock.instant();
		refreshDepth(now);
		List<ReminderTask> batch = claim(now);
		if (batch.isEmpty()) {
			return 0;
		}
		claimed.increment(batch.size());
		Map<String, List<ReminderTask>> groups = new LinkedHashMap<>();
		for (ReminderTask task : batch) {
			String key = task.channel() == ReminderChannel.MANUAL || task.digestKey() == null ? task.id() : task.digestKey();
			groups.computeIfAbsent(key, k -> new ArrayList<>()).add(task);
		}
		Map<String, Licence> licences = new HashMap<>();
		mongo.find(Query.query(Criteria.where("_id").in(batch.stream().map(ReminderTask::licenceId).distinct().toList())),
				Licence.class).forEach(licence -> licences.put(licence.id(), licence));
		Map<String, ReminderPlan> plans = new HashMap<>();
		mongo.find(Query.query(Criteria.where("_id").in(batch.stream().map(t -> ReminderPlan.idOf(t.licenceId(), t.cycle())).distinct().toList())),
				ReminderPlan.class).forEach(plan -> plans.put(plan.id(), plan));
		Queue<Sent> sends = new ConcurrentLinkedQueue<>();
		Queue<Licence> unplanned = new ConcurrentLinkedQueue<>();
		AtomicInteger undecidedInBatch = new AtomicInteger();
		List<Callable<Void>> work = new ArrayList<>();
		for (List<ReminderTask> group : groups.values()) {
			work.add(() -> {
				if (!accepting) {
					release(group);
					return null;
				}
				try {
					dispatch(group, licences, plans, sends, unplanned, undecidedInBatch);
				}
				catch (RuntimeException ex) {
					log.error("Dispatching {} failed; the tasks are retried after their lease", ids(group), ex);
				}
				return null;
			});
		}
		try {
			senders.invokeAll(work);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finishSent(sends);
		counters.add(EngineCounters.UNDECIDED, undecidedInBatch.get());
		planAgain(unplanned);
		return batch.size();
	}

	/**
	 * Claims up to a batch of due tasks for this instance (package-private for crash tests). When
	 * another instance won every candidate, the query is repeated (a few times): the winner's tasks
	 * are no longer claimable, so the next query finds the next ones. The conditional updates state
	 * the cheap conditions before the {@code _id} list: the embedded store scans for them and stops
	 * at a document's first failing condition, and matching a list costs one comparison per entry.
	 */
	List<ReminderTask> claim(Instant now) {
		for (int round = 0; round < 3; round++) {
			Criteria due = Criteria.where("status").is(TaskStatus.PENDING).and("dueAt").lte(now);
			Criteria expired = Criteria.where("status").in(TaskStatus.CLAIMED, TaskStatus.SENDING).and("leaseUntil").lt(now);
			Query candidates = Query.query(new Criteria().orOperator(due, expired))
				.with(Sort.by("dueAt"))
				.limit(properties.batchSize());
			candidates.fields().include("_id", "status");
			List<Document> found = mongo.find(candidates, Document.class, TASKS);
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
			Criteria still = entry.getKey() == TaskStatus.PENDING ? Criteria.where("status").is(TaskStatus.PENDING).and("dueAt").lte(now)
					: Criteria.where("status").is(entry.getKey()).and("leaseUntil").lt(now);
			Update take = TaskUpdates.to(TaskStatus.CLAIMED,
					entry.getKey() == TaskStatus.PENDING ? null : "reminder.history.lease-expired", now)
				.set("leaseOwner", owner)
				.set("leaseUntil", leaseUntil)
				.set("claimToken", token);
			if (entry.getKey() == TaskStatus.SENDING) {
				take.set("possibleDuplicate", true);
			}
			mongo.updateMulti(Query.query(still.and("_id").in(entry.getValue())), take, ReminderTask.class);
		}
		List<ReminderTask> mine = taken(found.stream().map(task -> task.getString("_id")).toList(), token);
		mine.addAll(claimDigestSiblings(mine, now, leaseUntil, token));
		return mine;
	}

	/**
	 * The tasks among {@code ids} this instance took with {@code token}. Looked up by {@code _id}
	 * alone and checked here: the embedded store uses an index only for a query on exactly the
	 * indexed fields, and scans otherwise.
	 */
	private List<ReminderTask> taken(List<String> ids, String token) {
		return mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, TASKS)
			.stream()
			.filter(task -> token.equals(task.getString("claimToken")) && owner.equals(task.getString("leaseOwner")))
			.map(task -> mongo.getConverter().read(ReminderTask.class, task))
			.collect(Collectors.toCollection(ArrayList::new));
	}

	/** Pending tasks sharing a digest key with the batch and due later that same day join the batch. */
	private List<ReminderTask> claimDigestSiblings(List<ReminderTask> batch, Instant now, Instant leaseUntil, String token) {
		Set<String> keys = batch.stream()
			.filter(task -> task.channel() != ReminderChannel.MANUAL && task.digestKey() != null)
			.map(ReminderTask::digestKey)
			.collect(Collectors.toSet());
		if (keys.isEmpty()) {
			return List.of();
		}
		Instant endOfDay = LocalDate.ofInstant(now, clock.getZone()).plusDays(1).atStartOfDay(clock.getZone()).toInstant();
		Query siblings = Query.query(Criteria.where("status").is(TaskStatus.PENDING).and("dueAt").gt(now).lt(endOfDay)
				.and("digestKey").in(keys));
		siblings.fields().include("_id");
		List<String> ids = mongo.find(siblings, Document.class, TASKS).stream().map(task -> task.getString("_id")).toList();
		if (ids.isEmpty()) {
			return List.of();
		}
		mongo.updateMulti(Query.query(Criteria.where("status").is(TaskStatus.PENDING).and("_id").in(ids)),
				TaskUpdates.to(TaskStatus.CLAIMED, "reminder.history.digest", now)
					.set("leaseOwner", owner)
					.set("leaseUntil", leaseUntil)
					.set("claimToken", token),
				ReminderTask.class);
		return taken(ids, token);
	}

	/** Dispatches one group (a digest or a single task): judges each task, then sends the live ones. */
	private void dispatch(List<ReminderTask> group, Map<String, Licence> licences, Map<String, ReminderPlan> plans,
			Queue<Sent> sends, Queue<Licence> unplanned, AtomicInteger notJudged) {
		Instant now = clock.instant();
		List<ReminderTask> live = judge(group, licences, plans, unplanned, notJudged, now);
		if (!live.isEmpty()) {
			send(live, licences, sends, now);
		}
	}

	/**
	 * The tasks of the group to send. The others are cancelled with a true reason, or put back for
	 * later when they cannot be judged yet (counted in {@code notJudged}; a licence whose task has no
	 * plan at all goes to {@code unplanned}).
	 */
	private List<ReminderTask> judge(List<ReminderTask> group, Map<String, Licence> licences,
			Map<String, ReminderPlan> plans, Queue<Licence> unplanned, AtomicInteger notJudged, Instant now) {
		List<ReminderTask> live = new ArrayList<>();
		for (ReminderTask task : group) {
			Licence licence = licences.get(task.licenceId());
			ReminderPlan plan = plans.get(ReminderPlan.idOf(task.licenceId(), task.cycle()));
			Verdict verdict = Verdict.of(task, licence, plan);
			if (verdict.undecided() != null) {
				mongo.updateFirst(Query.query(Criteria.where("_id").is(task.id()).and("leaseOwner").is(owner)),
						TaskUpdates.pendingAgain(now.plus(properties.undecidedRetry()), verdict.undecided(), now),
						ReminderTask.class);
				undecided.increment();
				notJudged.incrementAndGet();
				if (plan == null && licence != null) {
					unplanned.add(licence);
				}
			}
			else if (verdict.stop() != null) {
				stops.cancelClaimed(task, verdict.stop(), verdict.args());
			}
			else {
				live.add(task);
			}
		}
		return live;
	}

	private void send(List<ReminderTask> live, Map<String, Licence> licences, Queue<Sent> sends, Instant now) {
		ReminderTask first = live.get(0);
		Licence licence = licences.get(first.licenceId());
		if (first.channel() == ReminderChannel.MANUAL) {
			followUps.open(licence, FollowUp.Reason.MANUAL_STAGE);
			finish(live, TaskStatus.SENT, now);
			sent.increment(live.size());
			return;
		}
		Channel channel = first.channel().delivery().orElseThrow();
		if (!windows.isOpen(channel, now)) {
			Instant opening = windows.nextOpening(channel, now);
			mongo.updateMulti(Query.query(Criteria.where("_id").in(ids(live))),
					TaskUpdates.pendingAgain(opening, "reminder.defer.window", now), ReminderTask.class);
			return;
		}
		mongo.updateMulti(Query.query(Criteria.where("_id").in(ids(live))),
				TaskUpdates.to(TaskStatus.SENDING, null, now).inc("attempts", 1).set("leaseUntil", now.plus(properties.lease())),
				ReminderTask.class);
		List<ReminderTask> ordered = live.stream().sorted(Comparator.comparing(ReminderTask::id)).toList();
		List<DeliveryRequest.LicenceLine> lines = ordered.stream()
			.map(task -> licences.get(task.licenceId()))
			.distinct()
			.map(l -> new DeliveryRequest.LicenceLine(l.id(), l.cycle(), l.licenceType(), l.licenceNumber(), l.validUntil(), l.issuer()))
			.toList();
		boolean possibleDuplicate = live.stream().anyMatch(ReminderTask::possibleDuplicate);
		DeliveryRequest request = new DeliveryRequest(ordered.get(0).id(), channel, first.channel().recipient(licence),
				licence.holderName(), first.offsetDays(), lines, possibleDuplicate);
		due.increment(live.size());
		DeliveryResult result = deliveries.send(request);
		Instant after = clock.instant();
		if (result.deferred()) {
			mongo.updateMulti(Query.query(Criteria.where("_id").in(ids(live))),
					TaskUpdates.pendingAgain(after.plus(properties.deferFor()), "reminder.defer.provider", after)
						.set("errorCode", result.errorCode())
						.inc("attempts", -1),
					ReminderTask.class);
			deferred.increment(live.size());
			return;
		}
		switch (result.outcome()) {
			case SENT -> {
				boolean mayRepeat = possibleDuplicate || live.stream().anyMatch(Dispatcher::lastSendUnanswered);
				sends.add(new Sent(ids(live), result.attemptId(), after,
						mayRepeat ? deliveries.possibleDuplicate(result.attemptId()) : null));
				sent.increment(live.size());
				live.forEach(task -> lateness.record(Duration.between(task.dueAt(), after).abs()));
			}
			case TRANSIENT_FAILURE -> retryOrFail(live, licences, result, after);
			case PERMANENT_FAILURE -> fail(live, licences, "reminder.fail.permanent", result, after);
		}
	}

	/**
	 * What to do with a claimed task, judged from its licence and plan as read after the claim:
	 * send it, cancel it for a reason that is true, or, when the store does not tell yet, leave it
	 * for later ({@code undecided}, a message code saying why).
	 */
	record Verdict(String stop, List<String> args, String undecided) {

		static final Verdict SEND = new Verdict(null, List.of(), null);

		static Verdict of(ReminderTask task, Licence licence, ReminderPlan plan) {
			if (licence == null) {
				return stop("reminder.cancel.licence-gone");
			}
			if (licence.cycle() > task.cycle()) {
				return stop(plan == null ? "reminder.cancel.superseded" : Planner.supersededReason(plan.validUntil(), licence));
			}
			if (licence.cycle() < task.cycle()) {
				return new Verdict(null, List.of(), "reminder.defer.licence-behind");
			}
			if (licence.status().isTerminated()) {
				return stop("reminder.cancel.terminated");
			}
			if (!licence.expires()) {
				return stop("reminder.cancel.no-expiry");
			}
			if (plan == null) {
				return new Verdict(null, List.of(), "reminder.defer.plan-missing");
			}
			return switch (plan.state()) {
				case PLANNING -> new Verdict(null, List.of(), "reminder.defer.plan-not-ready");
				case ACTIVE -> task.channel().canReach(licence) ? SEND : stop(task.channel().missingContactCode());
				case ACKNOWLEDGED, SUPERSEDED, ENDED -> new Verdict(plan.stoppedReason() == null ? "reminder.cancel.terminated"
						: plan.stoppedReason(), plan.stoppedBy() == null ? List.of() : List.of(plan.stoppedBy()), null);
			};
		}

		private static Verdict stop(String reason) {
			return new Verdict(reason, List.of(), null);
		}

	}

	/** Plans again the licences whose claimed tasks had no plan (data from before plans were written first). */
	private void planAgain(Collection<Licence> unplanned) {
		if (unplanned.isEmpty()) {
			return;
		}
		try {
			planner.plan(unplanned.stream().collect(Collectors.toMap(Licence::id, l -> l, (a, b) -> a)).values());
		}
		catch (RuntimeException ex) {
			log.warn("Planning {} licences whose tasks had no plan failed; the tasks wait for the next repair", unplanned.size(), ex);
		}
	}

	private void retryOrFail(List<ReminderTask> tasks, Map<String, Licence> licences, DeliveryResult result, Instant now) {
		ReminderTask first = tasks.get(0);
		int attempts = first.attempts() + 1;
		ReminderPolicies.Retry retry = policies.retry();
		long base = retry.initialBackoff().toMillis() << Math.min(attempts - 1, 20);
		long capped = Math.min(base, retry.maxBackoff().toMillis());
		long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
		Instant retryAt = windows.nextOpening(first.channel().delivery().orElseThrow(), now.plusMillis(jittered));
		Instant deadline = ladder.deadline(licences.get(first.licenceId()), first.offsetDays());
		if (attempts >= retry.maxAttempts() || !retryAt.isBefore(deadline)) {
			fail(tasks, licences, result.ambiguous() ? "reminder.fail.outcome-unknown" : "reminder.fail.retries-exhausted",
					result, now);
			return;
		}
		mongo.updateMulti(Query.query(Criteria.where("_id").in(ids(tasks))),
				TaskUpdates.pendingAgain(retryAt, "reminder.defer.retry", now)
					.set("errorCode", result.errorCode())
					.addToSet("attemptIds", result.attemptId())
					.unset(LATE_FAILURE),
				ReminderTask.class);
		retried.increment(tasks.size());
	}

	private void fail(List<ReminderTask> tasks, Map<String, Licence> licences, String reason, DeliveryResult result,
			Instant now) {
		mongo.updateMulti(Query.query(Criteria.where("_id").in(ids(tasks))),
				TaskUpdates.ended(TaskStatus.FAILED, reason, now)
					.set("reasonArgs", List.of(String.valueOf(result.errorCode()), String.valueOf(result.errorMessage())))
					.set("errorCode", result.errorCode())
					.addToSet("attemptIds", result.attemptId())
					.unset(LATE_FAILURE),
				ReminderTask.class);
		failed.increment(tasks.size());
		for (ReminderTask task : tasks) {
			Licence licence = licences.get(task.licenceId());
			if (noChannelOfStageWorks(task, licence)) {
				followUps.open(licence, FollowUp.Reason.NO_WORKING_CHANNEL);
			}
		}
	}

	/** Whether every channel of the task's stage has ended without a send. */
	private boolean noChannelOfStageWorks(ReminderTask task, Licence licence) {
		List<String> stageTaskIds = policies.policyFor(licence)
			.stage(task.offsetDays())
			.map(stage -> stage.channels().stream()
				.filter(channel -> channel != ReminderChannel.MANUAL)
				.map(channel -> ReminderTask.idOf(task.licenceId(), task.cycle(), task.offsetDays(), channel))
				.toList())
			.orElse(List.of(task.id()));
		return mongo.find(Query.query(Criteria.where("_id").in(stageTaskIds)), ReminderTask.class)
			.stream()
			.noneMatch(sibling -> sibling.status() == TaskStatus.SENT || sibling.status().isOpen());
	}

	/** Ends the tasks (MANUAL stages: no attempt). */
	private void finish(List<ReminderTask> tasks, TaskStatus status, Instant now) {
		mongo.updateMulti(Query.query(Criteria.where("_id").in(ids(tasks))), ended(status, now), ReminderTask.class);
	}

	private static Update ended(TaskStatus status, Instant now) {
		return TaskUpdates.ended(status, null, now).set("errorCode", null);
	}

	/**
	 * Marks the batch's sent tasks SENT in one bulk write, each with its attempt and send time. A
	 * task on which a failure of that attempt was already reported ({@link #failedLater}) is left
	 * SENDING and settled by {@link #failedWhileFinishing}. Should the write fail, the tasks stay
	 * SENDING; their sends are recorded by delivery, so the takeover after the lease gets the recorded
	 * result and sends nothing again.
	 */
	private void finishSent(Collection<Sent> sends) {
		if (sends.isEmpty()) {
			return;
		}
		BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, ReminderTask.class);
		List<String> all = new ArrayList<>();
		for (Sent send : sends) {
			bulk.updateMulti(Query.query(Criteria.where("_id").in(send.taskIds()).and(LATE_FAILURE + ".attemptId").ne(send.attemptId())),
					send.settled(ended(TaskStatus.SENT, send.at()).push("attemptIds", send.attemptId()).unset(LATE_FAILURE)));
			all.addAll(send.taskIds());
		}
		try {
			if (bulk.execute().getModifiedCount() == all.size()) {
				return;
			}
			Map<String, Sent> byAttempt = sends.stream().collect(Collectors.toMap(Sent::attemptId, send -> send));
			Query late = Query.query(Criteria.where("_id").in(all).and(LATE_FAILURE).exists(true));
			late.fields().include("_id", LATE_FAILURE);
			for (Document task : mongo.find(late, Document.class, TASKS)) {
				Sent send = byAttempt.get(task.get(LATE_FAILURE, Document.class).getString("attemptId"));
				if (send != null) {
					failedWhileFinishing(task.getString("_id"), send.attemptId(), send.at());
				}
			}
		}
		catch (RuntimeException ex) {
			log.error("Recording {} sent tasks failed; they are settled from delivery's record after their lease", all.size(), ex);
		}
	}

	/**
	 * Handles a failure a provider reports after the send (an unanswered call, an undelivered text).
	 * While the task is still being sent, the failure is recorded on it ({@value #LATE_FAILURE}) and
	 * acted on when the send returns: whatever the order of the callback and the send's own answer,
	 * the failure is never lost.
	 */
	void failedLater(String reference, String attemptId, String errorCode, boolean permanent) {
		ReminderTask task = mongo.findById(reference, ReminderTask.class);
		if (task != null && task.status() == TaskStatus.SENDING) {
			Update mark = new Update().set(LATE_FAILURE, new Document("attemptId", attemptId).append("errorCode", errorCode)
				.append("permanent", permanent));
			if (mongo.updateFirst(Query.query(Criteria.where("_id").is(reference).and("status").is(TaskStatus.SENDING)), mark,
					ReminderTask.class).getModifiedCount() > 0) {
				log.debug("Attempt {} of task {} failed ({}) before its send returned", attemptId, reference, errorCode);
				return;
			}
			task = mongo.findById(reference, ReminderTask.class);
		}
		if (task == null || task.status() != TaskStatus.SENT || task.attemptIds().isEmpty()
				|| !attemptId.equals(task.attemptIds().get(task.attemptIds().size() - 1))) {
			return;
		}
		List<ReminderTask> group = List.of(task);
		Map<String, Licence> licences = new HashMap<>();
		Licence licence = mongo.findById(task.licenceId(), Licence.class);
		if (licence == null) {
			return;
		}
		licences.put(licence.id(), licence);
		DeliveryResult result = new DeliveryResult(permanent ? DeliveryResult.Outcome.PERMANENT_FAILURE
				: DeliveryResult.Outcome.TRANSIENT_FAILURE, attemptId, null, errorCode, "reported by the provider after the send");
		if (permanent) {
			fail(group, licences, "reminder.fail.permanent", result, clock.instant());
		}
		else {
			retryOrFail(group, licences, result, clock.instant());
		}
	}

	/** Settles a sent task whose failure was reported before the send returned: SENT, then the failure. */
	private void failedWhileFinishing(String reference, String attemptId, Instant now) {
		Document failure = mongo.findAndModify(
				Query.query(Criteria.where("_id").is(reference).and(LATE_FAILURE + ".attemptId").is(attemptId)),
				TaskUpdates.ended(TaskStatus.SENT, null, now).push("attemptIds", attemptId).unset(LATE_FAILURE),
				Document.class, mongo.getCollectionName(ReminderTask.class));
		if (failure != null && failure.get(LATE_FAILURE) instanceof Document late) {
			failedLater(reference, attemptId, late.getString("errorCode"), late.getBoolean("permanent", false));
		}
	}

	private void release(List<ReminderTask> tasks) {
		mongo.updateMulti(Query.query(Criteria.where("_id").in(ids(tasks)).and("status").is(TaskStatus.CLAIMED)),
				TaskUpdates.withoutLease(TaskUpdates.to(TaskStatus.PENDING, "reminder.history.released", clock.instant())),
				ReminderTask.class);
	}

	/**
	 * How long until the earliest pending task falls due, when that is after now and within
	 * {@code horizon} (one query in {@code dueAt} order, served by the {@code status_dueAt} index).
	 */
	Optional<Duration> untilNextDue(Duration horizon) {
		if (!accepting) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		Query next = Query.query(Criteria.where("status").is(TaskStatus.PENDING).and("dueAt").gt(now).lte(now.plus(horizon)))
			.with(Sort.by("dueAt"))
			.limit(1);
		next.fields().include("dueAt");
		Document task = mongo.findOne(next, Document.class, TASKS);
		return task == null ? Optional.empty() : Optional.of(Duration.between(now, task.getDate("dueAt").toInstant()));
	}

	private void refreshDepth(Instant now) {
		if (Duration.between(depthRefreshedAt, now).compareTo(DEPTH_REFRESH) < 0) {
			return;
		}
		depthRefreshedAt = now;
		depth.set(mongo.count(Query.query(Criteria.where("status").is(TaskStatus.PENDING).and("dueAt").lte(now)),
				ReminderTask.class));
	}

	/**
	 * Whether the task's last attempt got no answer (a timeout or a broken connection after the
	 * request went out): delivery asks the provider before sending again, and flags the new attempt
	 * when the provider cannot tell.
	 */
	private static boolean lastSendUnanswered(ReminderTask task) {
		return DeliveryResult.TIMEOUT.equals(task.errorCode()) || DeliveryResult.CONNECTION.equals(task.errorCode());
	}

	private static List<String> ids(List<ReminderTask> tasks) {
		return tasks.stream().map(ReminderTask::id).toList();
	}

	/**
	 * A send that ended SENT, to be recorded on its tasks at the end of the batch.
	 * @param duplicate for tasks taken over while SENDING, whether delivery flagged the attempt as a
	 *     possible duplicate (false: the send was already recorded, nothing was sent again), else null
	 */
	private record Sent(List<String> taskIds, String attemptId, Instant at, Boolean duplicate) {

		Update settled(Update update) {
			return duplicate == null ? update : update.set("possibleDuplicate", duplicate);
		}

	}

	/** Stops claiming as soon as shutdown begins. */
	@EventListener(ContextClosedEvent.class)
	void stopClaiming() {
		accepting = false;
	}

	/** Gives back the tasks this instance claimed but did not start, so another instance takes them at once. */
	@PreDestroy
	void releaseUnstarted() {
		accepting = false;
		senders.shutdown();
		try {
			mongo.updateMulti(Query.query(Criteria.where("leaseOwner").is(owner).and("status").is(TaskStatus.CLAIMED)),
					TaskUpdates.withoutLease(TaskUpdates.to(TaskStatus.PENDING, "reminder.history.released", clock.instant())),
					ReminderTask.class);
		}
		catch (RuntimeException ex) {
			log.warn("Could not release claimed tasks at shutdown; they are taken over after their lease", ex);
		}
	}

}
