package com.licencereminder.licence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which licences the reminder engine still has to plan. An import marks every licence it
 * creates or changes ({@value #FIELD}: when it was marked) in the same write as the
 * change itself, so the mark survives any crash; the engine clears it once the licence's
 * current cycle is completely planned. A licence marked longer ago than planning takes
 * was missed (a crash, a lost event) and is planned again. The mark is removed rather
 * than set to false, so the sparse index holds only the marked licences.
 */
@Component
public class LicencePlanning {

	/** The field of the mark on the licence document. */
	public static final String FIELD = "planPending";

	private final MongoTemplate mongo;

	LicencePlanning(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Up to {@code limit} marked licences, the longest waiting first.
	 * @param markedBefore only licences marked at or before this instant
	 */
	public List<Licence> awaiting(Instant markedBefore, int limit) {
		Query query = Query.query(Criteria.where(FIELD).lte(markedBefore)).with(Sort.by(FIELD)).limit(limit);
		return mongo.find(query, Licence.class);
	}

	/**
	 * How many licences are marked (counted through the index: a range, which every store
	 * serves by index).
	 */
	public long awaitingCount() {
		return mongo.count(Query.query(Criteria.where(FIELD).gte(Instant.EPOCH)), Licence.class);
	}

	/**
	 * Clears the mark of each licence whose stored data is still the data planned (same
	 * {@link Licence#fingerprint()}): a licence an import changed in the meantime stays
	 * marked.
	 */
	public void planned(Collection<Licence> licences) {
		if (licences.isEmpty()) {
			return;
		}
		var bulk = mongo.bulkOps(BulkMode.UNORDERED, Licence.class);
		for (Licence licence : licences) {
			bulk.updateOne(Query.query(Criteria.where("_id")
				.is(licence.id())
				.and("fingerprint")
				.is(licence.fingerprint())
				.and(FIELD)
				.exists(true)), new Update().unset(FIELD));
		}
		bulk.execute();
	}

}
