package com.licencereminder.licence;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/**
 * Creates the indexes the licence queries need, at start-up, before requests are served.
 * Lookups by licence use {@code _id} (derived from type and number); the others serve the
 * expiry and status filters, the holder lookups of the reminder engine and the licences
 * it still has to plan ({@link LicencePlanning}), the renewed licences for the
 * dashboard's renewal share ({@code renewals}, sparse), and the search's fields
 * ({@code holderName}, {@code licenceNumber}, {@code uscc}), whose keys an unanchored
 * regular expression is tested on instead of every licence.
 */
@Component
class LicenceIndexes implements SmartInitializingSingleton {

	private final MongoTemplate mongo;

	LicenceIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		IndexOperations licences = mongo.indexOps(Licence.class);
		licences.createIndex(
				new Index().on("status", Direction.ASC).on("validUntil", Direction.ASC).named("status_validUntil"));
		licences.createIndex(new Index().on("validUntil", Direction.ASC).named("validUntil"));
		licences.createIndex(new Index().on("uscc", Direction.ASC).named("uscc"));
		licences.createIndex(new Index().on("mobiles", Direction.ASC).named("mobiles"));
		licences.createIndex(new Index().on("numberKey", Direction.ASC).named("numberKey"));
		licences
			.createIndex(new Index().on(LicencePlanning.FIELD, Direction.ASC).sparse().named(LicencePlanning.FIELD));
		licences.createIndex(new Index().on("renewals", Direction.ASC).sparse().named("renewals"));
		licences.createIndex(new Index().on("holderName", Direction.ASC).named("holderName"));
		licences.createIndex(new Index().on("licenceNumber", Direction.ASC).named("licenceNumber"));
	}

}
