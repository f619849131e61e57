package com.licencereminder.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;

import com.licencereminder.audit.AuditEntry.Action;
import com.licencereminder.shared.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The audit log for administrators, newest first. Filters: {@code actor} (exact),
 * {@code action} ({@link Action}), {@code from} (inclusive) and {@code to} (exclusive),
 * each an ISO instant or offset date-time, or a date in the service's zone (a date as
 * {@code to} includes that day); paging with {@code page} and {@code size} (at most 500).
 */
@RestController
class AuditController {

	private final AuditQuery query;

	AuditController(AuditQuery query) {
		this.query = query;
	}

	@GetMapping("/api/audit")
	Map<String, Object> entries(@RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		Paging.check(page, size);
		Action wanted = blank(action) ? null
				: AuditQuery.action(action)
					.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
							"action must be one of " + Arrays.toString(Action.values())));
		AuditQuery.Slice slice = query.find(actor, wanted, instant(from, false, "from"), instant(to, true, "to"), page,
				size);
		return Map.of("content", slice.content(), "page", page, "size", size, "totalElements", slice.totalElements(),
				"totalPages", slice.totalPages());
	}

	private Instant instant(String value, boolean end, String name) {
		if (blank(value)) {
			return null;
		}
		try {
			return query.instant(value, end);
		}
		catch (DateTimeParseException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name
					+ " must be an ISO instant (2026-03-01T08:00:00Z), a date-time with offset or a date (2026-03-01)");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
