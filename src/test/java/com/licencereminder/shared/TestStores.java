package com.licencereminder.shared;

import org.springframework.data.mongodb.core.MongoTemplate;

/** Test helpers for the embedded store shared by a test context. */
public final class TestStores {

	private TestStores() {
	}

	/**
	 * Drops every collection but {@code users}, which holds the accounts the tests log in
	 * with.
	 */
	public static void clear(MongoTemplate mongo) {
		mongo.getCollectionNames().stream().filter(name -> !"users".equals(name)).forEach(mongo::dropCollection);
	}

}
