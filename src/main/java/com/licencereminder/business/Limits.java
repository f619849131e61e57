package com.licencereminder.business;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Fixed-window counters in the store, shared by all instances: {@link #take} counts one
 * use of a key in the current window and says whether the limit still allows it. Keys
 * carry hashes, never phone numbers or openids.
 */
@Component
class Limits {

	private final MongoTemplate mongo;

	private final Clock clock;

	Limits(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Counts one use of {@code key} in the current window of length {@code window}.
	 * @return whether this use is within {@code limit}
	 */
	boolean take(String key, Duration window, int limit) {
		Instant now = clock.instant();
		long slot = now.toEpochMilli() / window.toMillis();
		Counter counter = mongo.findAndModify(Query.query(Criteria.where("_id").is(key + ":" + slot)),
				new Update().inc("count", 1).setOnInsert("expiresAt", now.plus(window)),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Counter.class);
		return counter != null && counter.count() <= limit;
	}

	/**
	 * A counter of one window.
	 *
	 * @param id the key and the window's number
	 * @param count uses so far
	 * @param expiresAt when the window ends
	 */
	@Document("business_limits")
	record Counter(@Id String id, int count, Instant expiresAt) {
	}

}
