package com.licencereminder.delivery.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.licencereminder.delivery.Channel;
import com.licencereminder.shared.Masking;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the simulator would have sent, newest first. Recipients are masked unless the caller is an
 * administrator.
 */
@RestController
@RequestMapping("/api/simulator/outbox")
class SimulatorController {

	static final int MAX_PAGE_SIZE = 500;

	private final MongoTemplate mongo;

	SimulatorController(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@GetMapping
	OutboxPage outbox(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
			Authentication user) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
		}
		long total = mongo.count(new Query(), OutboxEntry.class);
		Query query = new Query().with(Sort.by(Sort.Direction.DESC, "seq")).skip((long) page * size).limit(size);
		boolean full = user != null && user.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
		List<OutboxView> content = mongo.find(query, OutboxEntry.class).stream().map(e -> OutboxView.of(e, full)).toList();
		return new OutboxPage(content, page, size, total, (total + size - 1) / size);
	}

	/** One page of the outbox. */
	record OutboxPage(List<OutboxView> content, int page, int size, long totalElements, long totalPages) {
	}

	/**
	 * A simulated message as the API shows it.
	 *
	 * @param providerId the simulator's id, {@code SIM-<n>}
	 * @param recipient masked unless the caller is an administrator
	 */
	record OutboxView(String providerId, Channel channel, String recipient, String text, Map<String, String> fields,
			Instant at, String attemptId) {

		static OutboxView of(OutboxEntry e, boolean full) {
			String recipient = full ? e.recipient()
					: e.channel() == Channel.MINI_PROGRAM ? Masking.openId(e.recipient()) : Masking.phone(e.recipient());
			return new OutboxView(e.id(), e.channel(), recipient, e.text(), e.fields() == null ? Map.of() : e.fields(), e.at(),
					e.attemptId());
		}

	}

}
