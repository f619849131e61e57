package com.licencereminder.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.licencereminder.delivery.DeliveryAttempt.StatusChange;
import com.licencereminder.shared.Masking;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * What providers report after the send: the inbound side of the {@link ChannelSender}
 * SPI, used by the provider adapters' webhooks. Every method is idempotent and safe to
 * call with callbacks that arrive twice or out of order.
 */
@Service
public class ProviderReports {

	/** The timeline entry of an acknowledged attempt. */
	static final String ACKNOWLEDGED = "acknowledged";

	private static final Logger log = LoggerFactory.getLogger(ProviderReports.class);

	private final MongoTemplate mongo;

	private final OptOuts optOuts;

	private final ApplicationEventPublisher events;

	private final MeterRegistry meters;

	private final Clock clock;

	ProviderReports(MongoTemplate mongo, OptOuts optOuts, ApplicationEventPublisher events, MeterRegistry meters,
			Clock clock) {
		this.mongo = mongo;
		this.optOuts = optOuts;
		this.events = events;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Records a status the provider reported for an attempt.
	 * <ul>
	 * <li>The provider's status goes into the attempt's timeline once: a repeated
	 * callback with the same provider status adds nothing.</li>
	 * <li>The attempt's {@link AttemptStatus} only moves to a higher
	 * {@link AttemptStatus#rank() rank}; the error code, when given, is recorded with
	 * that move.</li>
	 * <li>A move to {@link AttemptStatus#DELIVERED} records the time since the send in
	 * {@code delivery.receipt.delay}.</li>
	 * <li>When the move is to {@link AttemptStatus#UNDELIVERED} or
	 * {@link AttemptStatus#FAILED}, the reference is freed (a retry with it sends again)
	 * and {@link DeliveryFailed} is published.</li>
	 * </ul>
	 * @param attemptId the attempt
	 * @param providerStatus the provider's own word for it (e.g. {@code delivered},
	 * {@code no-answer})
	 * @param status what that means for the attempt
	 * @param errorCode the provider's error code, or null
	 * @param permanent for a failure, whether retrying cannot help
	 * @return false when the attempt is unknown
	 */
	public boolean reported(String attemptId, String providerStatus, AttemptStatus status, String errorCode,
			boolean permanent) {
		DeliveryAttempt attempt = mongo.findById(attemptId, DeliveryAttempt.class);
		if (attempt == null) {
			return false;
		}
		Instant now = clock.instant();
		String detail = errorCode == null ? null : "error " + errorCode;
		// A repeat adds no timeline entry but still moves the status: the move is guarded
		// by its own condition, and a crash between the two writes must not leave the
		// status behind for good.
		mongo.updateFirst(query(where("_id").is(attemptId).and("timeline.status").ne(providerStatus)),
				new Update().push("timeline", new StatusChange(providerStatus, now, detail)).set("updatedAt", now),
				DeliveryAttempt.class);
		List<AttemptStatus> lower = Arrays.stream(AttemptStatus.values())
			.filter(s -> s.rank() < status.rank())
			.toList();
		boolean failure = status == AttemptStatus.UNDELIVERED || status == AttemptStatus.FAILED;
		Update move = new Update().set("status", status);
		if (failure) {
			move.set("outcome",
					permanent ? DeliveryResult.Outcome.PERMANENT_FAILURE : DeliveryResult.Outcome.TRANSIENT_FAILURE)
				.set("errorCode", errorCode == null ? providerStatus : errorCode);
		}
		else if (errorCode != null) {
			move.set("errorCode", errorCode);
		}
		boolean moved = mongo
			.updateFirst(query(where("_id").is(attemptId).and("status").in(lower)), move, DeliveryAttempt.class)
			.getModifiedCount() > 0;
		if (moved && status == AttemptStatus.DELIVERED && attempt.createdAt() != null) {
			Timer.builder("delivery.receipt.delay")
				.description("Time from the send to the provider's delivery receipt, by channel and provider")
				.tag("channel", attempt.channel().name())
				.tag("provider", attempt.provider())
				.publishPercentileHistogram()
				.register(meters)
				.record(Duration.between(attempt.createdAt(), now));
		}
		if (moved && failure) {
			log.info("{} attempt {} to {} ended {} ({}) after the send", attempt.channel(), attemptId,
					Deliveries.mask(attempt.channel(), attempt.recipient()), providerStatus, errorCode);
			mongo.updateFirst(query(where("_id").is(attempt.reference()).and("sent.attemptId").is(attemptId)),
					new Update().unset("sent"), DeliveryReference.class);
			events.publishEvent(new DeliveryFailed(attempt.reference(), attemptId,
					errorCode == null ? providerStatus : errorCode, permanent));
		}
		return true;
	}

	/**
	 * Acknowledges the reminder of an attempt (a keypress on its call): publishes
	 * {@link ReminderAcknowledged} for the attempt's licences, once per attempt.
	 * @param attemptId the attempt
	 * @param from the number that answered
	 * @return false when the attempt is unknown
	 */
	public boolean acknowledged(String attemptId, String from) {
		DeliveryAttempt attempt = mongo.findById(attemptId, DeliveryAttempt.class);
		if (attempt == null) {
			return false;
		}
		acknowledge(attempt, from);
		return true;
	}

	/**
	 * Acknowledges the last reminder sent on a channel to a number (a reply "1"): the
	 * newest attempt to it that was sent or delivered. An attempt is acknowledged once; a
	 * second reply changes nothing.
	 * @param channel the channel the reply came through
	 * @param from the number that replied, E.164
	 * @return false when no reminder was sent to that number
	 */
	public boolean acknowledgedLatest(Channel channel, String from) {
		DeliveryAttempt attempt = mongo.findOne(Query
			.query(where("recipient").is(from)
				.and("channel")
				.is(channel)
				.and("status")
				.in(AttemptStatus.SENT, AttemptStatus.DELIVERED))
			.with(Sort.by(Sort.Order.desc("createdAt"))), DeliveryAttempt.class);
		if (attempt == null) {
			return false;
		}
		acknowledge(attempt, from);
		return true;
	}

	/**
	 * The attempt a provider's receipt is about, for providers whose receipts carry their
	 * own id of the message or call (Tencent's {@code sid}, {@code callid}) instead of
	 * the attempt id.
	 * @param provider the provider
	 * @param channel the channel
	 * @param providerId the provider's id, as the send answered it
	 * @return the attempt id, or null when no attempt has that id (or the id is blank)
	 */
	public String attemptOf(String provider, Channel channel, String providerId) {
		if (providerId == null || providerId.isBlank()) {
			return null;
		}
		DeliveryAttempt attempt = mongo.findOne(
				Query.query(where("providerId").is(providerId).and("provider").is(provider).and("channel").is(channel)),
				DeliveryAttempt.class);
		return attempt == null ? null : attempt.id();
	}

	/**
	 * Attempts through a provider still waiting for their final status (sent, neither
	 * delivered nor failed), created between {@code from} and {@code to}, oldest first:
	 * the ones whose receipt may have been lost, to ask the provider about.
	 * @param provider the provider
	 * @param channel the channel
	 * @param from created at or after this
	 * @param to ...and before this
	 * @param limit at most this many
	 */
	public List<AwaitingReceipt> awaitingReceipt(String provider, Channel channel, Instant from, Instant to,
			int limit) {
		return mongo
			.find(Query.query(where("status").is(AttemptStatus.SENT)
				.and("createdAt")
				.gte(from)
				.lt(to)
				.and("provider")
				.is(provider)
				.and("channel")
				.is(channel)).with(Sort.by("createdAt")).limit(limit), DeliveryAttempt.class)
			.stream()
			.map(attempt -> new AwaitingReceipt(attempt.id(), attempt.recipient(), attempt.createdAt()))
			.toList();
	}

	/**
	 * An attempt waiting for its receipt.
	 *
	 * @param attemptId the attempt
	 * @param recipient its E.164 number
	 * @param createdAt when it was sent
	 */
	public record AwaitingReceipt(String attemptId, String recipient, Instant createdAt) {
	}

	/**
	 * Puts a number on the SMS opt-out list (other channels continue); repeating it keeps
	 * the first record.
	 * @param number the E.164 number
	 * @param source how it opted out (e.g. {@code sms-reply}, {@code twilio-21610})
	 */
	public void optedOut(String number, String source) {
		optOuts.optOut(number, source);
		log.info("{} opted out of text messages ({})", Masking.phone(number), source);
	}

	private void acknowledge(DeliveryAttempt attempt, String from) {
		Instant now = clock.instant();
		if (mongo.updateFirst(query(where("_id").is(attempt.id()).and("timeline.status").ne(ACKNOWLEDGED)),
				new Update().push("timeline", new StatusChange(ACKNOWLEDGED, now, Masking.phone(from)))
					.set("updatedAt", now),
				DeliveryAttempt.class)
			.getModifiedCount() == 0) {
			return;
		}
		log.info("{} acknowledged the {} reminder of attempt {}", Masking.phone(from), attempt.channel(), attempt.id());
		events.publishEvent(new ReminderAcknowledged(attempt.licenceIds(), attempt.channel(), Masking.phone(from)));
	}

}
