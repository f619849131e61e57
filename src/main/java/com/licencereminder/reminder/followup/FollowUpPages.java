package com.licencereminder.reminder.followup;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.licencereminder.console.ConsolePage;
import com.licencereminder.shared.RequestValues;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The follow-up list in the console ({@code GET /follow-ups}, every role): a work queue,
 * open items first and the oldest first, filtered by {@code status} ({@code OPEN} by
 * default, {@code DONE} or {@code ALL}), paged. Each item says who to contact (phones in
 * full for operators and administrators, who call them, masked for regulators, as in the
 * API), why, the licence, and the reminders of its cycle that failed. Operators and
 * administrators record an outcome per open item with {@code POST
 * /follow-ups/{id}/outcome} ({@link FollowUps#record}), answered by a redirect back to
 * the list with a flash message. {@code GET /follow-ups/export.csv} and
 * {@code /follow-ups/export.xlsx} export the list as filtered ({@link FollowUpExport}:
 * phones always masked), in a file named after the filter and the export time; there an
 * unknown {@code status} is refused (400) rather than read as {@code OPEN}.
 */
@Controller
@ConsolePage
class FollowUpPages {

	static final int PAGE_SIZE = 25;

	static final int MAX_NOTE = 2000;

	private final FollowUps followUps;

	private final FailedReminders failedReminders;

	private final FollowUpExport export;

	private final Clock clock;

	FollowUpPages(FollowUps followUps, FailedReminders failedReminders, FollowUpExport export, Clock clock) {
		this.followUps = followUps;
		this.failedReminders = failedReminders;
		this.export = export;
		this.clock = clock;
	}

	@GetMapping("/follow-ups")
	String list(@RequestParam(defaultValue = "OPEN") String status, @RequestParam(defaultValue = "0") int page,
			Authentication user, Locale locale, Model model) {
		FollowUp.Status wanted = switch (status.toUpperCase(Locale.ROOT)) {
			case "DONE" -> FollowUp.Status.DONE;
			case "ALL" -> null;
			default -> FollowUp.Status.OPEN;
		};
		int current = Math.max(page, 0);
		boolean full = FollowUp.contactsInFullFor(user);
		List<FollowUp> items = followUps.list(wanted, current, PAGE_SIZE)
			.stream()
			.map(item -> full ? item : item.masked())
			.toList();
		Map<String, List<FailedReminders.FailedReminder>> failed = failedReminders
			.of(items.stream().map(FollowUp::licenceId).distinct().toList(), locale);
		long total = followUps.count(wanted);
		model.addAttribute("status", wanted == null ? "ALL" : wanted.name());
		model.addAttribute("items",
				items.stream()
					.map(item -> new Item(item, failed.getOrDefault(item.licenceId() + ":" + item.cycle(), List.of())))
					.toList());
		model.addAttribute("page", current);
		model.addAttribute("totalPages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
		model.addAttribute("total", total);
		model.addAttribute("results", FollowUp.Result.BY_STAFF);
		model.addAttribute("zone", clock.getZone());
		return "reminder/follow-ups";
	}

	@GetMapping("/follow-ups/export.csv")
	void exportCsv(@RequestParam(defaultValue = "OPEN") String status, HttpServletResponse response)
			throws IOException {
		// a bad filter is refused before the response starts
		FollowUp.Status wanted = exportStatus(status);
		export.sendCsv(wanted, export.disposition(filter(wanted), "csv"), true, response);
	}

	@GetMapping("/follow-ups/export.xlsx")
	void exportXlsx(@RequestParam(defaultValue = "OPEN") String status, Locale locale, HttpServletResponse response)
			throws IOException {
		// a bad filter is refused before the response starts
		FollowUp.Status wanted = exportStatus(status);
		export.sendXlsx(wanted, filter(wanted), locale, response);
	}

	/**
	 * The status of an export: {@code OPEN}, {@code DONE} or {@code ALL} (null), any
	 * case.
	 * @throws ResponseStatusException 400 for anything else
	 */
	private static FollowUp.Status exportStatus(String status) {
		if ("ALL".equalsIgnoreCase(status.strip())) {
			return null;
		}
		return RequestValues.named(FollowUp.Status.class, status)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be OPEN, DONE or ALL"));
	}

	/** The export's filter, as the page's parameters. */
	private static Map<String, String> filter(FollowUp.Status status) {
		return Map.of("status", status == null ? "ALL" : status.name());
	}

	@PostMapping("/follow-ups/{id}/outcome")
	String outcome(@PathVariable String id, @RequestParam(required = false) String outcome,
			@RequestParam(required = false) String note, Principal user, RedirectAttributes redirect) {
		FollowUp.Result result = FollowUp.Result.BY_STAFF.stream()
			.filter(r -> r.name().equalsIgnoreCase(outcome == null ? "" : outcome.strip()))
			.findFirst()
			.orElse(null);
		if (result == null) {
			redirect.addFlashAttribute("error", "reminder.follow-up.outcome-missing");
		}
		else if (note != null && note.length() > MAX_NOTE) {
			redirect.addFlashAttribute("error", "reminder.follow-up.note-too-long");
		}
		else {
			FollowUp item = followUps.record(id, result, note == null || note.isBlank() ? null : note.strip(),
					user.getName());
			if (item == null) {
				redirect.addFlashAttribute("error", "reminder.follow-up.not-found");
			}
			else {
				redirect.addFlashAttribute("recorded", item.holderName());
				redirect.addFlashAttribute("recordedResult", result.name());
			}
		}
		return "redirect:/follow-ups";
	}

	/**
	 * A follow-up item with the reminders of its cycle that failed.
	 *
	 * @param item phones masked unless the viewer calls them
	 * ({@link FollowUp#contactsInFullFor})
	 */
	record Item(FollowUp item, List<FailedReminders.FailedReminder> failed) {

		public boolean open() {
			return item.status() == FollowUp.Status.OPEN;
		}

	}

}
