package com.licencereminder.reminder;

import java.util.ArrayList;
import java.util.List;

import com.licencereminder.licence.Licence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Plans every licence in batches. Planning is idempotent, so the sweep only creates what is
 * missing: cycles whose import event was lost, licences imported while the engine was down.
 */
@Component
class Sweep {

	private static final Logger log = LoggerFactory.getLogger(Sweep.class);

	private static final int BATCH = 1000;

	private final MongoTemplate mongo;

	private final Planner planner;

	Sweep(MongoTemplate mongo, Planner planner) {
		this.mongo = mongo;
		this.planner = planner;
	}

	/** Returns the number of tasks created. */
	int run() {
		int created = 0;
		long licences = 0;
		List<Licence> batch = new ArrayList<>(BATCH);
		try (var stream = mongo.stream(new Query(), Licence.class)) {
			for (Licence licence : (Iterable<Licence>) stream::iterator) {
				batch.add(licence);
				licences++;
				if (batch.size() == BATCH) {
					created += planner.plan(batch);
					batch.clear();
				}
			}
		}
		created += planner.plan(batch);
		log.info("Re-plan sweep over {} licences created {} tasks", licences, created);
		return created;
	}

}
