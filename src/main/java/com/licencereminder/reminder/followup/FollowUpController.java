package com.licencereminder.reminder.followup;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import com.licencereminder.shared.Paging;
import com.licencereminder.shared.RequestValues;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The manual follow-up list through the API ({@code /api/follow-ups}). Phones are in full
 * for those who call them ({@link FollowUp#contactsInFullFor}), masked for everyone else;
 * the CSV export ({@code /api/follow-ups/export}) always masks them
 * ({@link FollowUpExport}).
 */
@RestController
class FollowUpController {

	private final FollowUps followUps;

	private final FollowUpExport export;

	FollowUpController(FollowUps followUps, FollowUpExport export) {
		this.followUps = followUps;
		this.export = export;
	}

	/**
	 * The follow-up list, open items first, oldest first; {@code status} = OPEN or DONE.
	 */
	@GetMapping("/api/follow-ups")
	Map<String, Object> followUps(@RequestParam(required = false) String status,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
			Authentication user) {
		Paging.check(page, size);
		FollowUp.Status wanted = RequestValues.choice(FollowUp.Status.class, status, "status");
		boolean full = FollowUp.contactsInFullFor(user);
		List<FollowUp> items = followUps.list(wanted, page, size)
			.stream()
			.map(item -> full ? item : item.masked())
			.toList();
		long total = followUps.count(wanted);
		return Map.of("content", items, "page", page, "size", size, "totalElements", total, "totalPages",
				(total + size - 1) / size);
	}

	/**
	 * The follow-up list as CSV ({@link FollowUpExport#COLUMNS}), in the list's order,
	 * filtered by {@code status} = OPEN or DONE (else every item); a byte order mark with
	 * {@code bom=true}. A bad filter is refused (400) before the response starts.
	 */
	@GetMapping(value = "/api/follow-ups/export", produces = "text/csv")
	void export(@RequestParam(required = false) String status, @RequestParam(defaultValue = "false") boolean bom,
			HttpServletResponse response) throws IOException {
		FollowUp.Status wanted = RequestValues.choice(FollowUp.Status.class, status, "status");
		export.sendCsv(wanted, "attachment; filename=\"follow-ups.csv\"", bom, response);
	}

	/**
	 * Records what staff did: {@code {"result": "CALLED|VISITED|RENEWED|UNREACHABLE",
	 * "note": "..."}}. RENEWED acknowledges the cycle.
	 */
	@PostMapping("/api/follow-ups/{id}/outcome")
	FollowUp outcome(@PathVariable String id, @RequestBody Map<String, String> body, Principal user) {
		FollowUp.Result result = RequestValues.choice(FollowUp.Result.class, body.get("result"), "result");
		if (!FollowUp.Result.BY_STAFF.contains(result)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"result must be CALLED, VISITED, RENEWED or UNREACHABLE");
		}
		FollowUp item = followUps.record(id, result, body.get("note"), user.getName());
		if (item == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No follow-up item with id " + id);
		}
		return item;
	}

}
