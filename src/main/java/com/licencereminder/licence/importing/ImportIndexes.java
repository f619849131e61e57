package com.licencereminder.licence.importing;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** Creates the indexes of the import collections at start-up. */
@Component
class ImportIndexes implements SmartInitializingSingleton {

	private final MongoTemplate mongo;

	ImportIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		mongo.indexOps(ImportIssue.class)
			.createIndex(new Index().on("importId", Direction.ASC)
				.on("severity", Direction.ASC)
				.on("row", Direction.ASC)
				.named("importId_severity_row"));
		mongo.indexOps(ImportJob.class).createIndex(new Index().on("status", Direction.ASC).named("status"));
		mongo.indexOps(ImportJob.class).createIndex(new Index().on("submittedAt", Direction.DESC).named("submittedAt"));
	}

}
