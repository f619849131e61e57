package com.licencereminder.shared.store;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reports the store UP when it answers {@code ping}. Replaces Boot's Mongo health
 * indicator, which uses {@code hello}, a command the embedded store does not implement.
 */
@Component("mongoHealthIndicator")
class MongoPingHealthIndicator extends AbstractHealthIndicator {

	private final MongoTemplate mongo;

	MongoPingHealthIndicator(MongoTemplate mongo) {
		super("MongoDB ping failed");
		this.mongo = mongo;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Document result = mongo.executeCommand(new Document("ping", 1));
		builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ok", result.get("ok"));
	}

}
