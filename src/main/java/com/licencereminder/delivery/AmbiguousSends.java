package com.licencereminder.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.licencereminder.delivery.ChannelSender.Lookup;
import com.licencereminder.delivery.DeliveryAttempt.Ambiguity;
import com.licencereminder.delivery.DeliveryAttempt.StatusChange;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Resolves an attempt whose outcome is unknown ({@link DeliveryResult#ambiguous()})
 * before its reference is sent again, so that a message the provider sent after all is
 * not sent twice.
 * <p>
 * A status the provider reported for the attempt meanwhile answers the question;
 * otherwise the provider is asked ({@link ChannelSender#lookup}) on a thread of its own,
 * for at most {@code licence-reminder.delivery.lookup-timeout}, about the attempt's
 * recipient and text, created between the attempt's start and its end, each widened by
 * {@value #CLOCK_SLACK_MINUTES} minutes for clock differences. A provider id already
 * recorded on another attempt of the reference does not count as found. The answer is
 * recorded on the attempt (its {@link Ambiguity}, status and timeline) and on the
 * reference. Counter {@code delivery.ambiguous} tagged {@code channel}, {@code provider}
 * and {@code resolution} ({@code sent}, {@code not-sent}, {@code unresolved}).
 */
@Component
class AmbiguousSends implements DisposableBean {

	/** Timeline entry of an attempt the provider had sent. */
	static final String LOOKUP_SENT = "lookup-sent";

	/** Timeline entry of an attempt the provider had not sent, or reported as failed. */
	static final String LOOKUP_NOT_SENT = "lookup-not-sent";

	/** Timeline entry of an attempt the provider could not tell about. */
	static final String LOOKUP_UNRESOLVED = "lookup-unresolved";

	static final int CLOCK_SLACK_MINUTES = 2;

	/** Lookups running at once; one more is not started but answered unknown. */
	static final int MAX_LOOKUPS = 8;

	private static final Duration CLOCK_SLACK = Duration.ofMinutes(CLOCK_SLACK_MINUTES);

	private static final Logger log = LoggerFactory.getLogger(AmbiguousSends.class);

	private final MongoTemplate mongo;

	private final Duration timeout;

	private final MeterRegistry meters;

	private final Clock clock;

	private final ThreadPoolExecutor lookups;

	AmbiguousSends(MongoTemplate mongo, DeliveryProperties properties, MeterRegistry meters, Clock clock) {
		this.mongo = mongo;
		this.timeout = properties.lookupTimeout();
		this.meters = meters;
		this.clock = clock;
		AtomicInteger threads = new AtomicInteger();
		this.lookups = new ThreadPoolExecutor(0, MAX_LOOKUPS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				runnable -> {
					Thread thread = new Thread(runnable, "delivery-lookup-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	/**
	 * Settles the uncertain attempt of a reference that the caller has claimed for a new
	 * attempt (so no other request sends or resolves it meanwhile). Never throws for the
	 * provider: a lookup that fails, throws or takes too long is unresolved.
	 * @param reference the reference
	 * @param uncertainAttemptId its attempt whose outcome is unknown
	 * @param newAttemptId the attempt the reference is claimed for
	 * @param channel the channel
	 * @param senders the channel's senders now; the one of the uncertain attempt's
	 * provider is asked
	 * @return how it was resolved; when {@link Ambiguity#SENT}, the attempt's result,
	 * which the reference now records as sent and no longer claims: nothing is to be sent
	 */
	Resolution resolve(String reference, String uncertainAttemptId, String newAttemptId, Channel channel,
			List<ChannelSender> senders) {
		DeliveryAttempt uncertain = mongo.findById(uncertainAttemptId, DeliveryAttempt.class);
		Lookup answer = answer(reference, uncertain, senders);
		Instant now = clock.instant();
		Update attempt = new Update().set("updatedAt", now);
		Update ref = new Update().unset("uncertainAttemptId").unset("uncertainSince");
		Ambiguity ambiguity;
		AttemptStatus status = null;
		DeliveryResult sent = null;
		switch (answer.status()) {
			case SENT -> {
				ambiguity = Ambiguity.SENT;
				status = AttemptStatus.SENT;
				sent = new DeliveryResult(Outcome.SENT, uncertainAttemptId, answer.providerId(), null, null);
				attempt.set("outcome", Outcome.SENT)
					.unset("errorCode")
					.unset("errorMessage")
					.push("timeline", new StatusChange(LOOKUP_SENT, now, answer.detail()));
				if (answer.providerId() != null) {
					attempt.set("providerId", answer.providerId());
				}
				ref.set("sent", sent).unset("pendingAttemptId").unset("pendingSince").inc("attempts", -1);
			}
			case NOT_SENT -> {
				ambiguity = Ambiguity.NOT_SENT;
				status = AttemptStatus.FAILED;
				attempt.push("timeline",
						new StatusChange(LOOKUP_NOT_SENT, now, (answer.detail() == null ? "" : answer.detail() + "; ")
								+ "sending again as attempt " + newAttemptId));
			}
			default -> {
				ambiguity = Ambiguity.UNRESOLVED;
				attempt.push("timeline", new StatusChange(LOOKUP_UNRESOLVED, now, answer.detail()
						+ "; sending again as attempt " + newAttemptId + ", flagged as a possible duplicate"));
			}
		}
		if (uncertain != null) {
			mongo.updateFirst(query(where("_id").is(uncertainAttemptId)), attempt.set("ambiguity", ambiguity),
					DeliveryAttempt.class);
			if (status != null) {
				mongo.updateFirst(query(where("_id").is(uncertainAttemptId).and("status").is(AttemptStatus.UNKNOWN)),
						new Update().set("status", status), DeliveryAttempt.class);
			}
		}
		mongo.updateFirst(query(where("_id").is(reference).and("pendingAttemptId").is(newAttemptId)), ref,
				DeliveryReference.class);
		Counter.builder("delivery.ambiguous")
			.description("Attempts whose outcome was unknown, by channel, provider and how they were resolved")
			.tag("channel", channel.name())
			.tag("provider", uncertain == null ? "unknown" : uncertain.provider())
			.tag("resolution", ambiguity.tag())
			.register(meters)
			.increment();
		log.info("Attempt {} for reference {}, whose outcome was unknown, resolved {}: {}", uncertainAttemptId,
				reference, ambiguity.tag(), answer.detail());
		return new Resolution(ambiguity, sent);
	}

	/**
	 * What is known about the attempt: what the provider reported meanwhile, or else what
	 * it says now.
	 */
	private Lookup answer(String reference, DeliveryAttempt uncertain, List<ChannelSender> senders) {
		if (uncertain == null) {
			return Lookup.unknown("the attempt is not recorded");
		}
		switch (uncertain.status()) {
			case SENT, DELIVERED -> {
				return new Lookup(Lookup.Status.SENT, uncertain.providerId(), "reported by the provider");
			}
			case UNDELIVERED, FAILED -> {
				return new Lookup(Lookup.Status.NOT_SENT, null, "reported by the provider as " + uncertain.status());
			}
			default -> {
			}
		}
		ChannelSender sender = senders.stream()
			.filter(candidate -> candidate.provider().equals(uncertain.provider()))
			.findFirst()
			.orElse(null);
		if (sender == null) {
			return Lookup
				.unknown("sent through " + uncertain.provider() + ", which no longer serves " + uncertain.channel());
		}
		Lookup found = ask(sender, uncertain);
		if (found.status() == Lookup.Status.SENT && found.providerId() != null
				&& mongo.exists(query(where("reference").is(reference)
					.and("providerId")
					.is(found.providerId())
					.and("_id")
					.ne(uncertain.id())), DeliveryAttempt.class)) {
			return Lookup.unknown("the provider's " + found.providerId() + " is another attempt's");
		}
		return found;
	}

	/** The provider's answer within the timeout, or unknown. */
	private Lookup ask(ChannelSender sender, DeliveryAttempt uncertain) {
		Instant after = uncertain.createdAt().minus(CLOCK_SLACK);
		Instant before = ended(uncertain).plus(CLOCK_SLACK);
		RenderedMessage message = new RenderedMessage(uncertain.text(), uncertain.fields());
		Future<Lookup> asked;
		try {
			asked = lookups.submit(() -> sender.lookup(uncertain.id(), uncertain.recipient(), message, after, before));
		}
		catch (RejectedExecutionException ex) {
			return Lookup.unknown(MAX_LOOKUPS + " lookups already running");
		}
		try {
			Lookup lookup = asked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return lookup == null || lookup.status() == null ? Lookup.unknown("the provider gave no answer") : lookup;
		}
		catch (TimeoutException ex) {
			asked.cancel(true);
			return Lookup.unknown("no answer within " + timeout.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			log.warn("Lookup of attempt {} at {} threw instead of answering unknown", uncertain.id(), sender.provider(),
					Deliveries.masked(ex.getCause()));
			return Lookup.unknown("the lookup failed: " + ex.getCause().getClass().getName());
		}
		catch (InterruptedException ex) {
			asked.cancel(true);
			Thread.currentThread().interrupt();
			return Lookup.unknown("interrupted");
		}
	}

	/** When the send of the attempt returned without an answer. */
	private static Instant ended(DeliveryAttempt attempt) {
		List<StatusChange> timeline = attempt.timeline() == null ? List.of() : attempt.timeline();
		return timeline.stream()
			.filter(change -> AttemptStatus.UNKNOWN.name().equals(change.status()))
			.map(StatusChange::at)
			.findFirst()
			.orElse(attempt.updatedAt());
	}

	@Override
	public void destroy() {
		lookups.shutdownNow();
	}

	/**
	 * How an uncertain attempt was resolved.
	 *
	 * @param ambiguity {@link Ambiguity#SENT}, {@link Ambiguity#NOT_SENT} or
	 * {@link Ambiguity#UNRESOLVED}
	 * @param sent for {@link Ambiguity#SENT}, the attempt's result; else null
	 */
	record Resolution(Ambiguity ambiguity, DeliveryResult sent) {
	}

}
