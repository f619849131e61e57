package com.licencereminder.delivery;

import com.licencereminder.shared.OutdatedIndexes;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/**
 * Creates the indexes of the delivery log at start-up. The idempotency lookup by
 * reference and the opt-out lookup by number are {@code _id} lookups
 * ({@code delivery_references}, {@code opt_outs}); the opt-outs' {@code at} index serves
 * the refresh of their copy in memory; the attempt indexes serve the delivery log's
 * filters, newest first, and the dashboard's delivery panels, whose aggregations the
 * {@code createdAt} index covers (it holds every field they read; it replaced an index on
 * {@code createdAt} alone, dropped here).
 */
@Component
class DeliveryIndexes implements SmartInitializingSingleton {

	private final MongoTemplate mongo;

	DeliveryIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		IndexOperations attempts = mongo.indexOps(DeliveryAttempt.class);
		attempts.createIndex(
				new Index().on("reference", Direction.ASC).on("createdAt", Direction.ASC).named("reference_createdAt"));
		attempts.createIndex(new Index().on("licenceIds", Direction.ASC)
			.on("createdAt", Direction.DESC)
			.named("licenceIds_createdAt"));
		attempts.createIndex(
				new Index().on("status", Direction.ASC).on("createdAt", Direction.DESC).named("status_createdAt"));
		attempts.createIndex(
				new Index().on("channel", Direction.ASC).on("createdAt", Direction.DESC).named("channel_createdAt"));
		// the delivery and providers panels: their aggregations read these fields alone
		OutdatedIndexes.drop(attempts, "createdAt", index -> true);
		attempts.createIndex(new Index().on("createdAt", Direction.DESC)
			.on("channel", Direction.ASC)
			.on("provider", Direction.ASC)
			.on("status", Direction.ASC)
			.on("ambiguity", Direction.ASC)
			.named("createdAt_channel_provider_status_ambiguity"));
		mongo.indexOps(OptOut.class).createIndex(new Index().on("at", Direction.ASC).named("at"));
		// the last reminder to a number, for replies
		attempts.createIndex(new Index().on("recipient", Direction.ASC)
			.on("channel", Direction.ASC)
			.on("createdAt", Direction.DESC)
			.named("recipient_channel_createdAt"));
		// receipts that name the provider's id instead of the attempt (Tencent's sid,
		// callid)
		attempts.createIndex(new Index().on("providerId", Direction.ASC)
			.on("provider", Direction.ASC)
			.sparse()
			.named("providerId_provider"));
	}

}
