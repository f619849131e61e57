package com.licencereminder.reminder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.Licences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Plans every licence in batches. Planning is idempotent, so the sweep only creates what
 * is missing: cycles whose import event was lost, licences imported while the engine was
 * down.
 */
@Component
class Sweep {

	private static final Logger log = LoggerFactory.getLogger(Sweep.class);

	private static final int BATCH = 1000;

	private final Licences licences;

	private final Planner planner;

	Sweep(Licences licences, Planner planner) {
		this.licences = licences;
		this.planner = planner;
	}

	/** Returns the number of tasks created. */
	int run() {
		AtomicInteger created = new AtomicInteger();
		AtomicLong seen = new AtomicLong();
		List<Licence> batch = new ArrayList<>(BATCH);
		licences.forEach(licence -> {
			batch.add(licence);
			seen.incrementAndGet();
			if (batch.size() == BATCH) {
				created.addAndGet(planner.plan(batch));
				batch.clear();
			}
		});
		created.addAndGet(planner.plan(batch));
		log.info("Re-plan sweep over {} licences created {} tasks", seen.get(), created.get());
		return created.get();
	}

}
