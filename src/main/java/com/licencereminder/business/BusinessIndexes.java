package com.licencereminder.business;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Creates the indexes the business queries need, at start-up: the reminder engine asks
 * for a licence's bound users before every send ({@link Consents}), the API for a user's
 * bindings and subscriptions.
 */
@Component
class BusinessIndexes implements SmartInitializingSingleton {

	private final MongoTemplate mongo;

	BusinessIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		mongo.indexOps(Bindings.Binding.class)
			.createIndex(new Index().on("licenceId", Direction.ASC).named("licenceId"));
		mongo.indexOps(Bindings.Binding.class).createIndex(new Index().on("openId", Direction.ASC).named("openId"));
		mongo.indexOps(Consents.Quota.class).createIndex(new Index().on("openId", Direction.ASC).named("openId"));
	}

}
