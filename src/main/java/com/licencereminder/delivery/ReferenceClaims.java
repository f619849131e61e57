package com.licencereminder.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.licencereminder.delivery.DeliveryAttempt.Ambiguity;
import com.licencereminder.delivery.DeliveryAttempt.StatusChange;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.shared.Inserts;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * At most one attempt in flight per reference, and a reference once sent is never sent
 * again: the reference record ({@link DeliveryReference}) names the attempt in flight,
 * the attempt whose outcome is unknown and the result once sent. {@link #claim} takes the
 * reference for a new attempt; {@link #complete} records the send's result on the attempt
 * and the reference.
 */
@Component
class ReferenceClaims {

	private static final Logger log = LoggerFactory.getLogger(ReferenceClaims.class);

	private final MongoTemplate mongo;

	private final DeliveryProperties properties;

	private final Clock clock;

	ReferenceClaims(MongoTemplate mongo, DeliveryProperties properties, Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Makes the new attempt the one in flight for the reference, unless another one is in
	 * flight or was sent. The reference record is created by an insert (the {@code _id}
	 * makes it unique) or taken over by a conditional update, so two concurrent requests
	 * cannot both win. An attempt in flight longer than the in-flight timeout is stale:
	 * when it is recorded as sent (a crash fell between the attempt's completion and the
	 * reference's), the reference is completed from it, else it is taken over and the new
	 * attempt flagged as a possible duplicate. Each outcome is one conditional write.
	 */
	Claim claim(String reference, String attemptId, Instant now) {
		try {
			mongo.insert(new DeliveryReference(reference, attemptId, now, 1, null, null, null));
			return new Claim(null, false, null);
		}
		catch (DuplicateKeyException ex) {
			// an earlier attempt exists: take over unless one is in flight or was sent
		}
		DeliveryReference previous = takeOver(reference, where("pendingAttemptId").is(null), attemptId, now);
		if (previous != null) {
			return new Claim(null, false, previous.uncertainAttemptId());
		}
		DeliveryReference current = mongo.findById(reference, DeliveryReference.class);
		Instant staleBefore = now.minus(properties.inFlightTimeout());
		if (current != null && current.sent() == null && current.pendingAttemptId() != null
				&& current.pendingSince().isBefore(staleBefore)) {
			String stale = current.pendingAttemptId();
			Optional<DeliveryResult> recorded = recordedSend(reference, stale);
			if (recorded.isPresent()) {
				return new Claim(recorded.get(), false, null);
			}
			previous = takeOver(reference, where("pendingAttemptId").is(stale).and("pendingSince").lt(staleBefore),
					attemptId, now);
			if (previous != null) {
				log.warn(
						"Attempt {} for reference {} never completed; sending again as attempt {}, flagged as a possible duplicate",
						stale, reference, attemptId);
				return new Claim(null, true, previous.uncertainAttemptId());
			}
			current = mongo.findById(reference, DeliveryReference.class);
		}
		if (current != null && current.sent() != null) {
			return new Claim(current.sent(), false, null);
		}
		return new Claim(
				new DeliveryResult(Outcome.TRANSIENT_FAILURE, current == null ? null : current.pendingAttemptId(), null,
						Deliveries.IN_FLIGHT, "Another attempt with this reference is in flight"),
				false, null);
	}

	/**
	 * Makes the attempt the one in flight for the reference when it is not sent and its
	 * state matches {@code state}.
	 * @return the reference as it was, or null when it did not match
	 */
	private DeliveryReference takeOver(String reference, Criteria state, String attemptId, Instant now) {
		return mongo.findAndModify(
				query(new Criteria().andOperator(where("_id").is(reference), where("sent").is(null), state)),
				new Update().set("pendingAttemptId", attemptId).set("pendingSince", now).inc("attempts", 1),
				FindAndModifyOptions.options().returnNew(false), DeliveryReference.class);
	}

	/**
	 * The send of a stale attempt, when that attempt is recorded as sent: the reference,
	 * still showing it in flight, is completed from it (if nothing else has moved it on
	 * meanwhile), so nothing is sent again; empty when the attempt is not recorded as
	 * sent.
	 */
	private Optional<DeliveryResult> recordedSend(String reference, String staleAttemptId) {
		DeliveryAttempt stale = mongo.findById(staleAttemptId, DeliveryAttempt.class);
		if (stale == null || stale.outcome() != Outcome.SENT) {
			return Optional.empty();
		}
		DeliveryResult sent = new DeliveryResult(Outcome.SENT, stale.id(), stale.providerId(), null, null);
		mongo.updateFirst(heldBy(reference, staleAttemptId), referenceCompletion(sent), DeliveryReference.class);
		log.warn("Attempt {} for reference {} was recorded as sent but its reference still showed it in flight;"
				+ " the reference is completed from it and nothing is sent again", stale.id(), reference);
		return Optional.of(sent);
	}

	/**
	 * Claims new references for their attempts in flight with one unordered insert, as
	 * {@link #claim} does when the reference is new.
	 * @return the references that exist already (inserted by their earlier requests),
	 * which this did not claim
	 * @throws org.springframework.dao.DataAccessException when the store refuses the
	 * insert for another reason
	 */
	Set<String> claimNew(List<DeliveryReference> references) {
		return Inserts.storedAlready(mongo, references, DeliveryReference.class)
			.stream()
			.map(DeliveryReference::reference)
			.collect(Collectors.toSet());
	}

	/**
	 * Renews a claim of {@link #claimNew} that has waited long enough for another request
	 * to take it over ({@link #claim} after
	 * {@code licence-reminder.delivery.in-flight-timeout}), unless one has.
	 * @return whether the attempt still holds the reference
	 */
	boolean renew(String reference, String attemptId, Instant now) {
		return mongo
			.updateFirst(heldBy(reference, attemptId), new Update().set("pendingSince", now), DeliveryReference.class)
			.getMatchedCount() == 1;
	}

	/**
	 * Undoes a claim of {@link #claimNew} whose attempt never reached the provider: the
	 * attempt and the reference are removed, as if never made, unless another request has
	 * taken the reference over since.
	 */
	void withdraw(String reference, String attemptId) {
		mongo.remove(query(where("_id").is(attemptId).and("status").is(AttemptStatus.SENDING)), DeliveryAttempt.class);
		mongo.remove(heldBy(reference, attemptId).addCriteria(where("attempts").is(1)), DeliveryReference.class);
	}

	/**
	 * Records the send's result on the attempt and the reference. When a provider
	 * callback has already moved the attempt on (it can arrive before the send's own
	 * answer), that status is kept, and if it is a failure, the failure is what the
	 * caller gets: the engine could not act on the {@link DeliveryFailed} event while its
	 * task was still being sent. An {@link DeliveryResult#ambiguous() ambiguous} result
	 * leaves the attempt {@code UNKNOWN} and the reference remembering it.
	 * @param started when the attempt started
	 * @return the result the caller should act on
	 */
	DeliveryResult complete(String attemptId, String reference, Instant started, DeliveryResult result) {
		Instant now = clock.instant();
		DeliveryResult effective = result;
		if (mongo
			.updateFirst(query(where("_id").is(attemptId).and("status").is(AttemptStatus.SENDING)),
					completion(result, now), DeliveryAttempt.class)
			.getMatchedCount() == 0) {
			effective = reported(attemptId, result, now);
		}
		Update ref = referenceCompletion(effective);
		if (effective.ambiguous()) {
			log.warn("Attempt {} for reference {} got no answer ({}): it may have been sent; the provider will be asked"
					+ " before the reference is sent again", attemptId, reference, effective.errorCode());
			mongo.updateFirst(query(where("_id").is(attemptId)), new Update().set("ambiguity", Ambiguity.OPEN),
					DeliveryAttempt.class);
			ref.set("uncertainAttemptId", attemptId).set("uncertainSince", started);
		}
		mongo.updateFirst(heldBy(reference, attemptId), ref, DeliveryReference.class);
		return effective;
	}

	/**
	 * Records the results of many attempts as {@link #complete} does each, the attempts
	 * still {@code SENDING} and their references with one unordered bulk write each. An
	 * ambiguous result, and an attempt a provider callback has moved on meanwhile, take
	 * the path of {@link #complete}.
	 * @return the result the caller should act on, by attempt id
	 */
	Map<String, DeliveryResult> completeAll(List<Completion> completions) {
		Map<String, DeliveryResult> effective = new HashMap<>();
		List<Completion> plain = new ArrayList<>();
		for (Completion completion : completions) {
			if (completion.result().ambiguous()) {
				effective.put(completion.attemptId(), complete(completion.attemptId(), completion.reference(),
						completion.started(), completion.result()));
			}
			else {
				plain.add(completion);
			}
		}
		if (plain.isEmpty()) {
			return effective;
		}
		Instant now = clock.instant();
		BulkOperations attempts = mongo.bulkOps(BulkMode.UNORDERED, DeliveryAttempt.class);
		plain.forEach(completion -> attempts.updateOne(
				query(where("_id").is(completion.attemptId()).and("status").is(AttemptStatus.SENDING)),
				completion(completion.result(), now)));
		Set<String> movedOn = attempts.execute().getMatchedCount() == plain.size() ? Set.of() : movedOn(plain, now);
		BulkOperations references = mongo.bulkOps(BulkMode.UNORDERED, DeliveryReference.class);
		for (Completion completion : plain) {
			DeliveryResult result = movedOn.contains(completion.attemptId())
					? reported(completion.attemptId(), completion.result(), now) : completion.result();
			effective.put(completion.attemptId(), result);
			references.updateOne(heldBy(completion.reference(), completion.attemptId()), referenceCompletion(result));
		}
		references.execute();
		return effective;
	}

	/**
	 * The attempts among {@code completions} that the bulk completion at {@code now} did
	 * not match, because a provider callback had moved them on: those without its
	 * timeline entry (status, time to the millisecond as stored, and detail).
	 */
	private Set<String> movedOn(List<Completion> completions, Instant now) {
		Map<String, Completion> byAttempt = new HashMap<>();
		completions.forEach(completion -> byAttempt.put(completion.attemptId(), completion));
		Query batch = query(where("_id").in(byAttempt.keySet()));
		batch.fields().include("_id", "timeline");
		Set<String> movedOn = new HashSet<>(byAttempt.keySet());
		for (Document attempt : mongo.find(batch, Document.class, mongo.getCollectionName(DeliveryAttempt.class))) {
			DeliveryResult result = byAttempt.get(attempt.getString("_id")).result();
			StatusChange ours = new StatusChange(status(result).name(), now.truncatedTo(ChronoUnit.MILLIS),
					detail(result));
			if (attempt.getList("timeline", Document.class, List.of())
				.stream()
				.anyMatch(change -> ours.equals(new StatusChange(change.getString("status"),
						change.getDate("at").toInstant(), change.getString("detail"))))) {
				movedOn.remove(attempt.getString("_id"));
			}
		}
		return movedOn;
	}

	/**
	 * Adds the send's own result to an attempt a provider callback moved on before it:
	 * that status is kept, and a failure it reported is what the caller gets.
	 */
	private DeliveryResult reported(String attemptId, DeliveryResult result, Instant now) {
		DeliveryAttempt reported = mongo.findAndModify(query(where("_id").is(attemptId)),
				new Update().set("providerId", result.providerId())
					.set("updatedAt", now)
					.push("timeline", new StatusChange(status(result).name(), now, detail(result))),
				DeliveryAttempt.class);
		if (reported != null
				&& (reported.status() == AttemptStatus.UNDELIVERED || reported.status() == AttemptStatus.FAILED)) {
			return new DeliveryResult(reported.outcome() == null ? Outcome.TRANSIENT_FAILURE : reported.outcome(),
					attemptId, result.providerId(), reported.errorCode(),
					"reported by the provider before the send returned");
		}
		return result;
	}

	private static AttemptStatus status(DeliveryResult result) {
		return result.outcome() == Outcome.SENT ? AttemptStatus.SENT
				: result.ambiguous() ? AttemptStatus.UNKNOWN : AttemptStatus.FAILED;
	}

	private static String detail(DeliveryResult result) {
		return result.outcome() == Outcome.SENT ? result.providerId() : result.outcome() + " " + result.errorCode()
				+ (result.errorMessage() == null ? "" : ": " + result.errorMessage());
	}

	/** The reference while the attempt is the one in flight for it. */
	private static Query heldBy(String reference, String attemptId) {
		return query(where("_id").is(reference).and("pendingAttemptId").is(attemptId));
	}

	/**
	 * The update that ends the reference's attempt in flight, remembering the result once
	 * sent.
	 */
	private static Update referenceCompletion(DeliveryResult result) {
		Update update = new Update().unset("pendingAttemptId").unset("pendingSince");
		if (result.outcome() == Outcome.SENT) {
			update.set("sent", result);
		}
		return update;
	}

	/** The update that records the send's result on an attempt still {@code SENDING}. */
	private static Update completion(DeliveryResult result, Instant now) {
		AttemptStatus status = status(result);
		return new Update().set("status", status)
			.set("outcome", result.outcome())
			.set("providerId", result.providerId())
			.set("errorCode", result.errorCode())
			.set("errorMessage", result.errorMessage())
			.set("updatedAt", now)
			.push("timeline", new StatusChange(status.name(), now, detail(result)));
	}

	/** The result of a send of an attempt, to be recorded. */
	record Completion(String attemptId, String reference, Instant started, DeliveryResult result) {
	}

	/**
	 * The answer when the reference cannot be claimed; or whether the claim took over a
	 * stale attempt, and the reference's attempt whose outcome is unknown, if any.
	 */
	record Claim(DeliveryResult answer, boolean takeover, String uncertainAttemptId) {
	}

}
