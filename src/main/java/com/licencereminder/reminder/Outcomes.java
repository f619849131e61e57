package com.licencereminder.reminder;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.FailureClass;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.Licences;
import com.licencereminder.reminder.followup.FollowUp;
import com.licencereminder.reminder.followup.FollowUps;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Settles sent tasks by what delivery answered. Sent tasks are recorded SENT in one bulk
 * write when their batch ends (delivery's record of the send keeps a takeover from
 * sending again should that write be lost). A send refused before reaching the provider
 * is deferred and not counted as an attempt; a transient failure is retried with
 * exponential backoff and jitter within the stage; a permanent failure or the last retry
 * fails the task, and when no channel of the stage worked the licence goes to the
 * follow-up list. A failure the provider reports after the send ({@link #failedLater}) is
 * never lost, whatever the order of the report and the send's own answer.
 */
@Component
class Outcomes {

	private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

	/**
	 * A failure of the attempt in flight, reported before the send returned: {attemptId,
	 * errorCode, permanent}.
	 */
	static final String LATE_FAILURE = "lateFailure";

	private final MongoTemplate mongo;

	private final Deliveries deliveries;

	private final Licences registry;

	private final ReminderPolicies policies;

	private final SendWindows windows;

	private final Ladder ladder;

	private final FollowUps followUps;

	private final DispatchProperties properties;

	private final EngineMetrics metrics;

	private final Clock clock;

	Outcomes(MongoTemplate mongo, Deliveries deliveries, Licences licences, ReminderPolicies policies,
			SendWindows windows, FollowUps followUps, DispatchProperties properties, EngineMetrics metrics,
			Clock clock) {
		this.mongo = mongo;
		this.deliveries = deliveries;
		this.registry = licences;
		this.policies = policies;
		this.windows = windows;
		this.ladder = new Ladder(policies, windows, clock.getZone());
		this.followUps = followUps;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * A send that went out, to be recorded with the batch's others ({@link #recordSent}).
	 * @param mayRepeat whether the send may repeat an earlier one (a takeover, or an
	 * earlier attempt left unanswered): delivery then says whether the attempt is flagged
	 * as a possible duplicate
	 */
	Sent sent(List<ReminderTask> tasks, DeliveryResult result, Instant at, boolean mayRepeat) {
		metrics.sent(tasks, at);
		return new Sent(Claims.ids(tasks), result.attemptId(), at,
				mayRepeat ? deliveries.possibleDuplicate(result.attemptId()) : null);
	}

	/**
	 * Ends a MANUAL stage: the licence goes to the follow-up list, no attempt is made.
	 */
	void handedToFollowUp(List<ReminderTask> tasks, Licence licence, Instant now) {
		followUps.open(licence, FollowUp.Reason.MANUAL_STAGE);
		mongo.updateMulti(Query.query(Criteria.where("_id").in(Claims.ids(tasks))), ended(TaskStatus.SENT, now),
				ReminderTask.class);
		metrics.sent(tasks.size());
	}

	/**
	 * Skips claimed tasks for {@code reason} (the business withdrew the channel, or no
	 * bound openid has a subscription): the stage's other channels carry the reminder,
	 * and a licence goes to follow-up when none of them works.
	 */
	void skipped(List<ReminderTask> tasks, Map<String, Licence> licences, String reason, Instant now) {
		mongo.updateMulti(Query.query(Criteria.where("_id").in(Claims.ids(tasks))),
				TaskUpdates.ended(TaskStatus.SKIPPED, reason, now).set("reasonArgs", List.of()), ReminderTask.class);
		metrics.skipped(tasks.size());
		followUpWhereNoChannelWorks(tasks, licences);
	}

	/**
	 * A send held back by a limit (delivery's circuit breaker or rate limit, a provider's
	 * limit of sends to the number): tried again when the limit allows it
	 * ({@link DeliveryResult#notBefore()}) if delivery knows when, else after
	 * {@code dispatch.defer-for}, and in the channel's send window; no attempt counted.
	 */
	void deferred(List<ReminderTask> tasks, Map<String, Licence> licences, DeliveryResult result, Instant now) {
		ReminderTask first = tasks.get(0);
		Instant at = now.plus(properties.deferFor());
		if (result.notBefore() != null && result.notBefore().isAfter(at)) {
			at = result.notBefore();
		}
		at = windows.nextOpening(first.channel().delivery().orElseThrow(), at);
		if (!at.isBefore(ladder.deadline(licences.get(first.licenceId()), first.offsetDays()))) {
			fail(tasks, licences, "reminder.fail.limit-past-deadline", result, now);
			return;
		}
		long moved = mongo
			.updateMulti(held(tasks),
					TaskUpdates.pendingAgain(at, "reminder.defer.provider", now)
						.set("errorCode", result.errorCode())
						.inc("attempts", -1),
					ReminderTask.class)
			.getModifiedCount();
		metrics.deferred((int) moved);
	}

	/**
	 * A transient failure: the tasks are tried again with exponential backoff and jitter,
	 * unless the retries are used up or the next try would fall after the stage's
	 * deadline.
	 */
	void retryOrFail(List<ReminderTask> tasks, Map<String, Licence> licences, DeliveryResult result, Instant now) {
		ReminderTask first = tasks.get(0);
		int attempts = first.attempts() + 1;
		ReminderPolicies.Retry retry = policies.retry();
		long base = retry.initialBackoff().toMillis() << Math.min(attempts - 1, 20);
		long capped = Math.min(base, retry.maxBackoff().toMillis());
		long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
		Instant retryAt = windows.nextOpening(first.channel().delivery().orElseThrow(), now.plusMillis(jittered));
		Instant deadline = ladder.deadline(licences.get(first.licenceId()), first.offsetDays());
		if (attempts >= retry.maxAttempts() || !retryAt.isBefore(deadline)) {
			fail(tasks, licences,
					result.ambiguous() ? "reminder.fail.outcome-unknown" : "reminder.fail.retries-exhausted", result,
					now);
			return;
		}
		long moved = mongo
			.updateMulti(held(tasks),
					TaskUpdates.pendingAgain(retryAt, "reminder.defer.retry", now)
						.set("errorCode", result.errorCode())
						.addToSet("attemptIds", result.attemptId())
						.unset(LATE_FAILURE),
					ReminderTask.class)
			.getModifiedCount();
		metrics.retried((int) moved);
	}

	/**
	 * A permanent failure of a send to {@code recipient}. When the provider said the
	 * number cannot be reached this way ({@link FailureClass#WRONG_RECIPIENT}) and the
	 * licence has another number for the channel, the tasks go on at once (in the send
	 * window) with the next, the number remembered on them as wrong; else they fail.
	 */
	void failed(List<ReminderTask> tasks, Map<String, Licence> licences, String recipient, DeliveryResult result,
			Instant now) {
		ReminderTask first = tasks.get(0);
		if (recipient != null && FailureClass.of(result.errorCode()) == FailureClass.WRONG_RECIPIENT) {
			Set<String> wrong = new HashSet<>(wrongNumbers(tasks));
			wrong.add(recipient);
			String next = first.channel().recipient(licences.get(first.licenceId()), wrong);
			if (next != null) {
				Instant at = windows.nextOpening(first.channel().delivery().orElseThrow(), now);
				long moved = mongo
					.updateMulti(held(tasks),
							TaskUpdates.pendingAgain(at, "reminder.defer.next-number", now)
								.set("errorCode", result.errorCode())
								.addToSet("wrongNumbers", recipient)
								.addToSet("attemptIds", result.attemptId())
								.unset(LATE_FAILURE),
							ReminderTask.class)
					.getModifiedCount();
				metrics.retried((int) moved);
				return;
			}
		}
		fail(tasks, licences, "reminder.fail.permanent", result, now);
	}

	/** The numbers found wrong for any of the tasks (they go to one recipient). */
	static Set<String> wrongNumbers(Collection<ReminderTask> tasks) {
		Set<String> wrong = new HashSet<>();
		tasks.forEach(task -> wrong.addAll(task.knownWrongNumbers()));
		return wrong;
	}

	/**
	 * Fails the tasks for {@code reason}; a licence goes to follow-up when no channel of
	 * its stage worked.
	 */
	void fail(List<ReminderTask> tasks, Map<String, Licence> licences, String reason, DeliveryResult result,
			Instant now) {
		long ended = mongo
			.updateMulti(held(tasks), TaskUpdates.ended(TaskStatus.FAILED, reason, now)
				.set("reasonArgs", List.of(String.valueOf(result.errorCode()), String.valueOf(result.errorMessage())))
				.set("errorCode", result.errorCode())
				.addToSet("attemptIds", result.attemptId())
				.unset(LATE_FAILURE), ReminderTask.class)
			.getModifiedCount();
		metrics.failed((int) ended);
		if (ended > 0) {
			followUpWhereNoChannelWorks(tasks, licences);
		}
	}

	/**
	 * The tasks as this dispatcher holds them: still under its lease, or (a failure
	 * reported after the send, for tasks read without one) still SENT. A task another
	 * instance took over after the lease ran out, or that a repeated report already moved
	 * on, is left to whoever holds it now.
	 */
	private static Query held(List<ReminderTask> tasks) {
		String owner = tasks.get(0).leaseOwner();
		Criteria ids = Criteria.where("_id").in(Claims.ids(tasks));
		return Query.query(owner != null ? ids.and("leaseOwner").is(owner) : ids.and("status").is(TaskStatus.SENT));
	}

	private void followUpWhereNoChannelWorks(List<ReminderTask> tasks, Map<String, Licence> licences) {
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
			.map(stage -> stage.channels()
				.stream()
				.filter(channel -> channel != ReminderChannel.MANUAL)
				.map(channel -> ReminderTask.idOf(task.licenceId(), task.cycle(), task.offsetDays(), channel))
				.toList())
			.orElse(List.of(task.id()));
		return mongo.find(Query.query(Criteria.where("_id").in(stageTaskIds)), ReminderTask.class)
			.stream()
			.noneMatch(sibling -> sibling.status() == TaskStatus.SENT || sibling.status().isOpen());
	}

	private static Update ended(TaskStatus status, Instant now) {
		return TaskUpdates.ended(status, null, now).set("errorCode", null);
	}

	/**
	 * Marks a batch's sent tasks SENT in one bulk write, each with its attempt and send
	 * time. A task on which a failure of that attempt was already reported is left
	 * SENDING and settled by {@link #failedWhileFinishing}. Should the write fail, the
	 * tasks stay SENDING; their sends are recorded by delivery, so the takeover after the
	 * lease gets the recorded result and sends nothing again.
	 */
	void recordSent(Collection<Sent> sends) {
		if (sends.isEmpty()) {
			return;
		}
		BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, ReminderTask.class);
		List<String> all = new ArrayList<>();
		for (Sent send : sends) {
			bulk.updateMulti(Query
				.query(Criteria.where("_id").in(send.taskIds()).and(LATE_FAILURE + ".attemptId").ne(send.attemptId())),
					send.settled(ended(TaskStatus.SENT, send.at()).push("attemptIds", send.attemptId())
						.unset(LATE_FAILURE)));
			all.addAll(send.taskIds());
		}
		try {
			if (bulk.execute().getModifiedCount() == all.size()) {
				return;
			}
			Map<String, Sent> byAttempt = sends.stream().collect(Collectors.toMap(Sent::attemptId, send -> send));
			Query late = Query.query(Criteria.where("_id").in(all).and(LATE_FAILURE).exists(true));
			late.fields().include("_id", LATE_FAILURE);
			for (Document task : mongo.find(late, Document.class, ReminderTask.COLLECTION)) {
				Sent send = byAttempt.get(task.get(LATE_FAILURE, Document.class).getString("attemptId"));
				if (send != null) {
					failedWhileFinishing(task.getString("_id"), send.attemptId(), send.at());
				}
			}
		}
		catch (RuntimeException ex) {
			log.error("Recording {} sent tasks failed; they are settled from delivery's record after their lease",
					all.size(), ex);
		}
	}

	/**
	 * Handles a failure a provider reports after the send (an unanswered call, an
	 * undelivered text). While the task is still being sent, the failure is recorded on
	 * it ({@value #LATE_FAILURE}) and acted on when the send returns; once the task is
	 * SENT with this attempt as its last, it is retried or failed now. A report of an
	 * older attempt changes nothing.
	 */
	void failedLater(String reference, String attemptId, String errorCode, boolean permanent) {
		ReminderTask task = mongo.findById(reference, ReminderTask.class);
		if (task != null && task.status() == TaskStatus.SENDING) {
			Update mark = new Update().set(LATE_FAILURE,
					new Document("attemptId", attemptId).append("errorCode", errorCode).append("permanent", permanent));
			if (mongo
				.updateFirst(Query.query(Criteria.where("_id").is(reference).and("status").is(TaskStatus.SENDING)),
						mark, ReminderTask.class)
				.getModifiedCount() > 0) {
				log.debug("Attempt {} of task {} failed ({}) before its send returned", attemptId, reference,
						errorCode);
				return;
			}
			task = mongo.findById(reference, ReminderTask.class);
		}
		if (task == null || task.status() != TaskStatus.SENT || task.attemptIds().isEmpty()
				|| !attemptId.equals(task.attemptIds().get(task.attemptIds().size() - 1))) {
			return;
		}
		Licence licence = registry.find(task.licenceId()).orElse(null);
		if (licence == null) {
			return;
		}
		Map<String, Licence> licences = Map.of(licence.id(), licence);
		DeliveryResult result = new DeliveryResult(
				permanent ? DeliveryResult.Outcome.PERMANENT_FAILURE : DeliveryResult.Outcome.TRANSIENT_FAILURE,
				attemptId, null, errorCode, "reported by the provider after the send");
		Instant now = clock.instant();
		if (permanent) {
			failed(List.of(task), licences, task.channel().recipient(licence, task.knownWrongNumbers()), result, now);
		}
		else if (FailureClass.of(errorCode) == FailureClass.RATE_LIMITED) {
			deferred(
					List.of(task), licences, new DeliveryResult(result.outcome(), attemptId, null, errorCode,
							result.errorMessage(), FailureClass.limitLifts(errorCode, null, now, clock.getZone())),
					now);
		}
		else {
			retryOrFail(List.of(task), licences, result, now);
		}
	}

	/**
	 * Settles a sent task whose failure was reported before the send returned: SENT, then
	 * the failure.
	 */
	private void failedWhileFinishing(String reference, String attemptId, Instant now) {
		Document failure = mongo.findAndModify(
				Query.query(Criteria.where("_id").is(reference).and(LATE_FAILURE + ".attemptId").is(attemptId)),
				TaskUpdates.ended(TaskStatus.SENT, null, now).push("attemptIds", attemptId).unset(LATE_FAILURE),
				Document.class, ReminderTask.COLLECTION);
		if (failure != null && failure.get(LATE_FAILURE) instanceof Document late) {
			failedLater(reference, attemptId, late.getString("errorCode"), late.getBoolean("permanent", false));
		}
	}

	/**
	 * A send that ended SENT, to be recorded on its tasks at the end of the batch.
	 *
	 * @param duplicate for sends that may repeat an earlier one, whether delivery flagged
	 * the attempt as a possible duplicate (false: nothing was sent again), else null
	 */
	record Sent(List<String> taskIds, String attemptId, Instant at, Boolean duplicate) {

		Update settled(Update update) {
			return duplicate == null ? update : update.set("possibleDuplicate", duplicate);
		}

	}

}
