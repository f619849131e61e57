package com.licencereminder.audit;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

import com.licencereminder.audit.AuditEntry.Action;
import com.licencereminder.shared.Paging;
import com.licencereminder.shared.RequestValues;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for administrators, newest first. Filters: {@code actor} (exact),
 * {@code action} ({@link Action}), {@code from} (inclusive) and {@code to} (exclusive),
 * each read by {@link RequestValues#instant} (a date as {@code to} includes that day);
 * paging with {@code page} and {@code size} (at most 500).
 */
@RestController
class AuditController {

	private final AuditQuery query;

	private final Clock clock;

	AuditController(AuditQuery query, Clock clock) {
		this.query = query;
		this.clock = clock;
	}

	@GetMapping("/api/audit")
	Map<String, Object> entries(@RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		Paging.check(page, size);
		Action wanted = RequestValues.choice(Action.class, action, "action");
		ZoneId zone = clock.getZone();
		AuditQuery.Slice slice = query.find(actor, wanted, RequestValues.instant(from, false, zone, "from"),
				RequestValues.instant(to, true, zone, "to"), page, size);
		return Map.of("content", slice.content(), "page", page, "size", size, "totalElements", slice.totalElements(),
				"totalPages", slice.totalPages());
	}

}
