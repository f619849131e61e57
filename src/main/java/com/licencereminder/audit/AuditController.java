package com.licencereminder.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.licencereminder.audit.AuditEntry.Action;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The audit log for administrators, newest first. Filters: {@code actor} (exact), {@code action}
 * ({@link Action}), {@code from} (inclusive) and {@code to} (exclusive), each an ISO instant or
 * offset date-time, or a date in the service's zone (a date as {@code to} includes that day);
 * paging with {@code page} and {@code size} (at most 500).
 */
@RestController
class AuditController {

	static final int MAX_PAGE_SIZE = 500;

	private final MongoTemplate mongo;

	private final Clock clock;

	AuditController(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@GetMapping("/api/audit")
	Map<String, Object> entries(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
		}
		List<Criteria> filters = new ArrayList<>();
		if (actor != null && !actor.isBlank()) {
			filters.add(Criteria.where("actor").is(actor.strip()));
		}
		if (action != null && !action.isBlank()) {
			filters.add(Criteria.where("action").is(action(action)));
		}
		if (from != null && !from.isBlank()) {
			filters.add(Criteria.where("at").gte(instant(from, false, "from")));
		}
		if (to != null && !to.isBlank()) {
			filters.add(Criteria.where("at").lt(instant(to, true, "to")));
		}
		Query query = filters.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(filters));
		long total = mongo.count(query, AuditEntry.class);
		List<AuditEntry> content = mongo.find(Query.of(query)
			.with(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id")))
			.skip((long) page * size)
			.limit(size), AuditEntry.class);
		return Map.of("content", content, "page", page, "size", size, "totalElements", total,
				"totalPages", (total + size - 1) / size);
	}

	private static Action action(String value) {
		try {
			return Action.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "action must be one of " + Arrays.toString(Action.values()));
		}
	}

	private Instant instant(String value, boolean end, String name) {
		String text = value.strip();
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			// not a date-time with Z or an offset
		}
		try {
			LocalDate date = LocalDate.parse(text);
			return (end ? date.plusDays(1) : date).atStartOfDay(clock.getZone()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					name + " must be an ISO instant (2026-03-01T08:00:00Z), a date-time with offset or a date (2026-03-01)");
		}
	}

}
