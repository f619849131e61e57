package com.licencereminder.reminder;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Counts of what the engine had to put off or repair, per day in the service's zone and
 * for every instance together ({@code reminder_counters}, one document a day), for the
 * overview; the metrics endpoint has the same as per-instance counters. Counted events
 * are rare (a task that could not be judged, a licence whose planning was lost), so one
 * upsert each is cheap.
 */
@Component
class EngineCounters {

	/** Claimed tasks put back because their cycle could not be judged yet. */
	static final String UNDECIDED = "undecided";

	/** Licences planned by the repair because their planning was lost. */
	static final String REPAIRED = "repaired";

	private static final String COLLECTION = "reminder_counters";

	private final MongoTemplate mongo;

	private final Clock clock;

	EngineCounters(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	void add(String counter, long count) {
		if (count <= 0) {
			return;
		}
		mongo.findAndModify(Query.query(Criteria.where("_id").is(LocalDate.now(clock).toString())),
				new Update().inc(counter, count), FindAndModifyOptions.options().upsert(true), Document.class,
				COLLECTION);
	}

	/** Each counter summed over the last {@code days} days, today included. */
	Map<String, Long> lastDays(int days) {
		LocalDate today = LocalDate.now(clock);
		Map<String, Long> sums = new HashMap<>(Map.of(UNDECIDED, 0L, REPAIRED, 0L));
		Query recent = Query.query(Criteria.where("_id").gt(today.minusDays(days).toString()).lte(today.toString()));
		for (Document day : mongo.find(recent, Document.class, COLLECTION)) {
			sums.replaceAll((name, sum) -> sum + ((Number) day.getOrDefault(name, 0)).longValue());
		}
		return sums;
	}

}
