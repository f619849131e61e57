package com.licencereminder.audit;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/**
 * The indexes of the audit queries (newest first, optionally by actor or action), created
 * at start.
 */
@Component
class AuditIndexes implements SmartInitializingSingleton {

	private final MongoTemplate mongo;

	AuditIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		IndexOperations entries = mongo.indexOps(AuditEntry.class);
		entries.createIndex(new Index().on("at", Direction.DESC).named("at"));
		entries.createIndex(new Index().on("actor", Direction.ASC).on("at", Direction.DESC).named("actor_at"));
		entries.createIndex(new Index().on("action", Direction.ASC).on("at", Direction.DESC).named("action_at"));
	}

}
