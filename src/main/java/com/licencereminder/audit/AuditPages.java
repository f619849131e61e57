package com.licencereminder.audit;

import java.util.Optional;
import com.licencereminder.shared.RequestValues;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import com.licencereminder.audit.AuditEntry.Action;
import com.licencereminder.console.ConsolePage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log page at {@code /audit} for administrators: the API's query
 * ({@link AuditQuery}) with filters by who, action and a date range in the service's
 * zone, {@value #PAGE_SIZE} entries a page, times in the service's zone and actions in
 * words. A filter that cannot be read is left out and the page says so.
 */
@Controller
@ConsolePage
class AuditPages {

	static final int PAGE_SIZE = 50;

	private final AuditQuery query;

	private final Clock clock;

	AuditPages(AuditQuery query, Clock clock) {
		this.query = query;
		this.clock = clock;
	}

	@GetMapping("/audit")
	String audit(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		Action wanted = action.isBlank() ? null : RequestValues.named(Action.class, action).orElse(null);
		if (!action.isBlank() && wanted == null) {
			model.addAttribute("error", "audit.page.bad-action");
		}
		Instant start = instant(from, false, model);
		Instant end = instant(to, true, model);
		AuditQuery.Slice slice = query.find(actor, wanted, start, end, Math.max(page, 0), PAGE_SIZE);
		model.addAttribute("filter",
				new Filter(actor.strip(), wanted == null ? "" : wanted.name(), from.strip(), to.strip()));
		model.addAttribute("actions", Action.values());
		model.addAttribute("slice", slice);
		model.addAttribute("time", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(clock.getZone()));
		return "audit/audit";
	}

	private Instant instant(String text, boolean end, Model model) {
		if (text.isBlank()) {
			return null;
		}
		Optional<Instant> time = RequestValues.time(text, end, clock.getZone());
		if (time.isEmpty()) {
			model.addAttribute("error", "audit.page.bad-date");
		}
		return time.orElse(null);
	}

	/** The filters as the form shows them. */
	record Filter(String actor, String action, String from, String to) {
	}

}
