package com.licencereminder.licence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Licence queries. Phone numbers and openids are masked ({@code 138****5678}) unless the
 * caller is an administrator.
 */
@RestController
@RequestMapping("/api/licences")
class LicenceController {

	private final LicenceSearch search;

	private final List<LicenceDetailSection> sections;

	LicenceController(LicenceSearch search, List<LicenceDetailSection> sections) {
		this.search = search;
		this.sections = sections;
	}

	/** Searches licences, soonest expiry first; see {@link LicenceSearch#search}. */
	@GetMapping
	LicenceSearch.LicencePage search(@RequestParam(required = false) String q,
			@RequestParam(required = false) String status, @RequestParam(required = false) Integer expiringWithinDays,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
			Authentication user) {
		return search.search(q, status, expiringWithinDays, page, size, isAdmin(user));
	}

	/**
	 * One licence with the sections other modules contribute (its reminders, its delivery
	 * attempts).
	 */
	@GetMapping("/{id}")
	Map<String, Object> licence(@PathVariable String id, Authentication user) {
		Licence licence = search.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No licence with id " + id));
		boolean full = isAdmin(user);
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("licence", search.view(licence, full));
		for (LicenceDetailSection section : sections) {
			detail.put(section.name(), section.contentFor(licence, full));
		}
		return detail;
	}

	/** Whether the caller may see phone numbers and openids in full (administrators). */
	static boolean isAdmin(Authentication user) {
		return user != null && user.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
	}

}
