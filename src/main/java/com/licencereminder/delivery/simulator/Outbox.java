package com.licencereminder.delivery.simulator;

import java.util.List;

import com.licencereminder.delivery.simulator.SimulatorController.OutboxPage;
import com.licencereminder.delivery.simulator.SimulatorController.OutboxView;
import com.licencereminder.shared.Paging;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the simulator sent, newest first, a page at a time: the query of the API and the
 * console's outbox.
 */
@Component
class Outbox {

	private final MongoTemplate mongo;

	private final Simulator simulator;

	Outbox(MongoTemplate mongo, Simulator simulator) {
		this.mongo = mongo;
		this.simulator = simulator;
	}

	/**
	 * One page of the outbox, recipients masked unless {@code full}.
	 * @throws ResponseStatusException 400 for a negative page or a size outside 1 to
	 * {@value Paging#MAX_PAGE_SIZE}
	 */
	OutboxPage page(int page, int size, boolean full) {
		Paging.check(page, size);
		simulator.flush();
		long total = mongo.count(new Query(), OutboxEntry.class);
		Query query = new Query().with(Sort.by(Sort.Direction.DESC, "seq")).skip((long) page * size).limit(size);
		List<OutboxView> content = mongo.find(query, OutboxEntry.class)
			.stream()
			.map(e -> OutboxView.of(e, full))
			.toList();
		return new OutboxPage(content, page, size, total, (total + size - 1) / size);
	}

}
