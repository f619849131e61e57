package com.licencereminder.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.licencereminder.audit.AuditEntry.Action;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The audit log's one query, for the API and the console: entries newest first, filtered
 * by actor (exact), action and a time range, one page at a time; and the parsing of the
 * filters' text.
 */
@Component
class AuditQuery {

	private final MongoTemplate mongo;

	private final Clock clock;

	AuditQuery(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * One page of the entries that match every filter given (null for none), newest
	 * first.
	 * @param from inclusive
	 * @param to exclusive
	 */
	Slice find(String actor, Action action, Instant from, Instant to, int page, int size) {
		List<Criteria> filters = new ArrayList<>();
		if (actor != null && !actor.isBlank()) {
			filters.add(Criteria.where("actor").is(actor.strip()));
		}
		if (action != null) {
			filters.add(Criteria.where("action").is(action));
		}
		if (from != null) {
			filters.add(Criteria.where("at").gte(from));
		}
		if (to != null) {
			filters.add(Criteria.where("at").lt(to));
		}
		Query query = filters.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(filters));
		long total = mongo.count(query, AuditEntry.class);
		List<AuditEntry> content = mongo.find(Query.of(query)
			.with(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id")))
			.skip((long) page * size)
			.limit(size), AuditEntry.class);
		return new Slice(content, page, size, total);
	}

	/** One page of entries and how many match in all. */
	record Slice(List<AuditEntry> content, int page, int size, long totalElements) {

		public long totalPages() {
			return (totalElements + size - 1) / size;
		}

	}

}
