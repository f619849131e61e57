package com.licencereminder.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.DeliveryRequest;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.Licences;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Runs one dispatch round: claims a batch of due tasks ({@link Claims}), reads the
 * batch's licences and plans once, judges each task ({@link Verdict}), sends the live
 * ones and hands delivery's answer to {@link Outcomes}. Tasks of one holder due the same
 * day on the same channel go out as one message (a digest); the messages of a batch go
 * out in parallel ({@code dispatch.concurrency}), the providers' rate limits in delivery
 * setting the pace. A task outside its send window is put back until the window opens;
 * MANUAL stages hand the licence to the follow-up list. A channel the business withdrew
 * (as {@link BusinessConsent#withdrawals} answers for the batch when it is claimed) is
 * skipped, and a mini-program message goes only to the openid {@link BusinessConsent}
 * grants (its quota taken with the grant and settled by the send's outcome), else it is
 * skipped ({@code reminder.skip.no-subscription}). A batch's tasks are judged and its
 * messages composed first; then the tasks of all its messages are marked SENDING in one
 * update, so a takeover after a crash knows a send may have gone out, and delivery makes
 * all the requests ready together ({@link Deliveries#prepare}: references, attempts, one
 * durable commit) before any provider is called; then the messages are sent. Both happen
 * in waves of as many messages as there are sending threads free ({@link ReadyWaves}), so
 * that no more messages are ready but unsent than there are threads.
 */
@Component
class Dispatcher {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private static final Duration DEPTH_REFRESH = Duration.ofMinutes(1);

	private final MongoTemplate mongo;

	private final Claims claims;

	private final Outcomes outcomes;

	private final Deliveries deliveries;

	private final Licences licences;

	private final DispatchProperties properties;

	private final SendWindows windows;

	private final TaskStops stops;

	private final Planner planner;

	private final EngineMetrics metrics;

	private final EngineCounters counters;

	private final Clock clock;

	private final BusinessConsent consent;

	private final ExecutorService senders;

	private volatile boolean accepting = true;

	private volatile Instant depthRefreshedAt = Instant.EPOCH;

	Dispatcher(MongoTemplate mongo, Claims claims, Outcomes outcomes, Deliveries deliveries, Licences licences,
			DispatchProperties properties, SendWindows windows, TaskStops stops, Planner planner, EngineMetrics metrics,
			EngineCounters counters, ObjectProvider<BusinessConsent> consent, Clock clock) {
		this.mongo = mongo;
		this.consent = consent.getIfAvailable(() -> BusinessConsent.IMPORTED_OPENIDS);
		this.claims = claims;
		this.outcomes = outcomes;
		this.deliveries = deliveries;
		this.licences = licences;
		this.properties = properties;
		this.windows = windows;
		this.stops = stops;
		this.planner = planner;
		this.metrics = metrics;
		this.counters = counters;
		this.clock = clock;
		AtomicInteger threads = new AtomicInteger();
		this.senders = Executors.newFixedThreadPool(properties.concurrency(), runnable -> {
			Thread thread = new Thread(runnable, "dispatch-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Claims one batch and dispatches it; returns the number of tasks claimed. */
	int dispatchOnce() {
		if (!accepting) {
			return 0;
		}
		Instant now = clock.instant();
		refreshDepth(now);
		List<ReminderTask> batch = claims.claim(now);
		if (batch.isEmpty()) {
			return 0;
		}
		metrics.claimed(batch.size());
		Map<String, List<ReminderTask>> groups = new LinkedHashMap<>();
		for (ReminderTask task : batch) {
			String key = task.channel() == ReminderChannel.MANUAL || task.digestKey() == null ? task.id()
					: task.digestKey();
			groups.computeIfAbsent(key, k -> new ArrayList<>()).add(task);
		}
		List<String> licenceIds = batch.stream().map(ReminderTask::licenceId).distinct().toList();
		Map<String, Licence> licencesById = licences.byId(licenceIds);
		Map<String, ReminderPlan> plans = mongo.find(
				Query.query(Criteria.where("_id")
					.in(batch.stream().map(t -> ReminderPlan.idOf(t.licenceId(), t.cycle())).distinct().toList())),
				ReminderPlan.class)
			.stream()
			.collect(Collectors.toMap(ReminderPlan::id, plan -> plan));
		Map<String, Set<Channel>> withdrawals = consent.withdrawals(licenceIds);
		Queue<Outcomes.Sent> sends = new ConcurrentLinkedQueue<>();
		Queue<Licence> unplanned = new ConcurrentLinkedQueue<>();
		Queue<Send> ready = new ConcurrentLinkedQueue<>();
		AtomicInteger undecidedInBatch = new AtomicInteger();
		inParallel(groups.values(), group -> group, group -> {
			if (!accepting) {
				claims.release(group);
				return;
			}
			List<ReminderTask> live = judge(group, licencesById, plans, withdrawals, unplanned, undecidedInBatch,
					clock.instant());
			if (!live.isEmpty()) {
				prepare(live, licencesById, clock.instant()).ifPresent(ready::add);
			}
		});
		ReadyWaves<Send, ReadySend> waves = new ReadyWaves<>(List.copyOf(ready), this::makeReady, () -> accepting,
				this::giveBack);
		List<Integer> threads = IntStream.range(0, Math.min(properties.concurrency(), ready.size())).boxed().toList();
		inParallel(threads, thread -> List.of(), thread -> {
			for (ReadySend one = waves.next(); one != null; one = waves.next()) {
				ReadySend sending = one;
				failingAlone(sending.send().tasks(), () -> send(sending, licencesById, sends));
			}
		});
		outcomes.recordSent(sends);
		counters.add(EngineCounters.UNDECIDED, undecidedInBatch.get());
		planAgain(unplanned);
		return batch.size();
	}

	/**
	 * The tasks of the group to send. The others are cancelled with a true reason, or put
	 * back for later when they cannot be judged yet (counted in {@code notJudged}; a
	 * licence whose task has no plan at all goes to {@code unplanned}).
	 */
	private List<ReminderTask> judge(List<ReminderTask> group, Map<String, Licence> licences,
			Map<String, ReminderPlan> plans, Map<String, Set<Channel>> withdrawals, Queue<Licence> unplanned,
			AtomicInteger notJudged, Instant now) {
		List<ReminderTask> live = new ArrayList<>();
		for (ReminderTask task : group) {
			Licence licence = licences.get(task.licenceId());
			ReminderPlan plan = plans.get(ReminderPlan.idOf(task.licenceId(), task.cycle()));
			Verdict verdict = Verdict.of(task, licence, plan);
			if (verdict.undecided() != null) {
				claims.putBack(task, now.plus(properties.undecidedRetry()), verdict.undecided(), now);
				metrics.undecided();
				notJudged.incrementAndGet();
				if (plan == null && licence != null) {
					unplanned.add(licence);
				}
			}
			else if (verdict.stop() != null) {
				stops.cancelClaimed(task, verdict.stop(), verdict.args());
			}
			else if (task.channel()
				.delivery()
				.filter(channel -> withdrawals.getOrDefault(task.licenceId(), Set.of()).contains(channel))
				.isPresent()) {
				outcomes.skipped(List.of(task), licences, "reminder.skip.withdrawn", now);
			}
			else {
				live.add(task);
			}
		}
		return live;
	}

	/**
	 * Runs {@code work} for each item on the sender threads and waits for all; an item
	 * whose work fails is logged, its tasks left to their lease.
	 */
	private <T> void inParallel(Collection<T> items, Function<T, List<ReminderTask>> tasks, Consumer<T> work) {
		List<Callable<Void>> calls = new ArrayList<>();
		for (T item : items) {
			calls.add(() -> {
				failingAlone(tasks.apply(item), () -> work.accept(item));
				return null;
			});
		}
		try {
			senders.invokeAll(calls);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Runs the work of some tasks; when it fails, logs it and leaves the tasks to their
	 * lease.
	 */
	private static void failingAlone(List<ReminderTask> tasks, Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			log.error("Dispatching {} failed; the tasks are retried after their lease", Claims.ids(tasks), ex);
		}
	}

	/**
	 * The send of the group's live tasks, or empty when they are handled without one
	 * (MANUAL stages handed to the follow-up list, a closed send window, no number, no
	 * mini-program subscription).
	 */
	private Optional<Send> prepare(List<ReminderTask> live, Map<String, Licence> licences, Instant now) {
		ReminderTask first = live.get(0);
		Licence licence = licences.get(first.licenceId());
		if (first.channel() == ReminderChannel.MANUAL) {
			outcomes.handedToFollowUp(live, licence, now);
			return Optional.empty();
		}
		Channel channel = first.channel().delivery().orElseThrow();
		if (!windows.isOpen(channel, now)) {
			claims.putBack(live, windows.nextOpening(channel, now), "reminder.defer.window", now);
			return Optional.empty();
		}
		String recipient = first.channel().recipient(licence, Outcomes.wrongNumbers(live));
		if (recipient == null && channel != Channel.MINI_PROGRAM) {
			outcomes.skipped(live, licences, "reminder.skip.no-valid-number", now);
			return Optional.empty();
		}
		BusinessConsent.Grant grant = null;
		if (channel == Channel.MINI_PROGRAM) {
			grant = consent.take(licence).orElse(null);
			if (grant == null) {
				outcomes.skipped(live, licences, "reminder.skip.no-subscription", now);
				return Optional.empty();
			}
			recipient = grant.openId();
		}
		List<ReminderTask> ordered = live.stream().sorted(Comparator.comparing(ReminderTask::id)).toList();
		List<DeliveryRequest.LicenceLine> lines = ordered.stream()
			.map(task -> licences.get(task.licenceId()))
			.distinct()
			.map(l -> new DeliveryRequest.LicenceLine(l.id(), l.cycle(), l.licenceType(), l.licenceNumber(),
					l.validUntil(), l.issuer()))
			.toList();
		boolean possibleDuplicate = live.stream().anyMatch(ReminderTask::possibleDuplicate);
		return Optional.of(new Send(live, new DeliveryRequest(ordered.get(0).id(), channel, recipient,
				licence.holderName(), first.offsetDays(), lines, possibleDuplicate), grant));
	}

	/**
	 * Marks the tasks of every send of a wave ({@link ReadyWaves}: as many as there are
	 * sending threads free) SENDING with one update, then has delivery make all the
	 * requests ready together ({@link Deliveries#prepare}), before any is sent. When
	 * either fails, nothing is sent (the grants are given back) and the tasks are retried
	 * after their lease.
	 * @return the sends, each with its request made ready
	 */
	private List<ReadySend> makeReady(List<Send> ready) {
		if (ready.isEmpty()) {
			return List.of();
		}
		try {
			claims.sending(ready.stream().flatMap(send -> send.tasks().stream()).toList(), clock.instant());
			List<Deliveries.Ready> requests = deliveries.prepare(ready.stream().map(Send::request).toList());
			List<ReadySend> made = new ArrayList<>(ready.size());
			for (int i = 0; i < ready.size(); i++) {
				made.add(new ReadySend(ready.get(i), requests.get(i)));
			}
			return made;
		}
		catch (RuntimeException ex) {
			ready.forEach(send -> settle(send.grant(), null));
			log.error("Making {} messages ready to send failed; their tasks are retried after their lease",
					ready.size(), ex);
			return List.of();
		}
	}

	/**
	 * Gives back the tasks of sends not made ready when shutdown began, with their
	 * grants, so that another instance takes them at once.
	 */
	private void giveBack(List<Send> unsent) {
		unsent.forEach(send -> settle(send.grant(), null));
		claims.release(unsent.stream().flatMap(send -> send.tasks().stream()).toList());
	}

	private void send(ReadySend ready, Map<String, Licence> licences, Queue<Outcomes.Sent> sends) {
		Send send = ready.send();
		List<ReminderTask> live = send.tasks();
		DeliveryRequest request = send.request();
		metrics.due(live.size());
		DeliveryResult result;
		try {
			result = deliveries.send(ready.ready());
		}
		catch (RuntimeException ex) {
			settle(send.grant(), null);
			throw ex;
		}
		settle(send.grant(), result);
		Instant after = clock.instant();
		if (result.deferred()) {
			outcomes.deferred(live, licences, result, after);
			return;
		}
		switch (result.outcome()) {
			case SENT -> sends.add(outcomes.sent(live, result, after,
					request.possibleDuplicate() || live.stream().anyMatch(Dispatcher::lastSendUnanswered)));
			case TRANSIENT_FAILURE -> outcomes.retryOrFail(live, licences, result, after);
			case PERMANENT_FAILURE -> outcomes.failed(live, licences, request.recipient(), result, after);
		}
	}

	private void settle(BusinessConsent.Grant grant, DeliveryResult result) {
		if (grant != null) {
			consent.settle(grant, result);
		}
	}

	/**
	 * Plans again the licences whose claimed tasks had no plan (data from before plans
	 * were written first).
	 */
	private void planAgain(Collection<Licence> unplanned) {
		if (unplanned.isEmpty()) {
			return;
		}
		try {
			planner.plan(unplanned.stream().collect(Collectors.toMap(Licence::id, l -> l, (a, b) -> a)).values());
		}
		catch (RuntimeException ex) {
			log.warn("Planning {} licences whose tasks had no plan failed; the tasks wait for the next repair",
					unplanned.size(), ex);
		}
	}

	/**
	 * How long until the earliest pending task falls due, when that is after now and
	 * within {@code horizon}.
	 */
	Optional<Duration> untilNextDue(Duration horizon) {
		return accepting ? claims.untilNextDue(clock.instant(), horizon) : Optional.empty();
	}

	private void refreshDepth(Instant now) {
		if (Duration.between(depthRefreshedAt, now).compareTo(DEPTH_REFRESH) < 0) {
			return;
		}
		depthRefreshedAt = now;
		metrics.depth(claims.dueCount(now));
	}

	/**
	 * Whether the task's last attempt got no answer (a timeout or a broken connection
	 * after the request went out): delivery asks the provider before sending again, and
	 * flags the new attempt when the provider cannot tell.
	 */
	private static boolean lastSendUnanswered(ReminderTask task) {
		return DeliveryResult.TIMEOUT.equals(task.errorCode()) || DeliveryResult.CONNECTION.equals(task.errorCode());
	}

	/** Stops claiming as soon as shutdown begins. */
	@EventListener(ContextClosedEvent.class)
	void stopClaiming() {
		accepting = false;
	}

	/**
	 * Gives back the tasks this instance claimed but did not start, so another instance
	 * takes them at once.
	 */
	@PreDestroy
	void releaseUnstarted() {
		accepting = false;
		senders.shutdown();
		try {
			claims.releaseAll();
		}
		catch (RuntimeException ex) {
			log.warn("Could not release claimed tasks at shutdown; they are taken over after their lease", ex);
		}
	}

	/**
	 * One message of a batch: the live tasks it covers, the request to delivery and the
	 * mini-program grant it uses, if any.
	 */
	private record Send(List<ReminderTask> tasks, DeliveryRequest request, BusinessConsent.Grant grant) {
	}

	/** A message of the batch with its request made ready by delivery. */
	private record ReadySend(Send send, Deliveries.Ready ready) {
	}

}
