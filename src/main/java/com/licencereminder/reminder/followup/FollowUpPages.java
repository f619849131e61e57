package com.licencereminder.reminder.followup;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.licencereminder.console.ConsolePage;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The follow-up list in the console ({@code GET /follow-ups}, every role): a work queue,
 * open items first and the oldest first, filtered by {@code status} ({@code OPEN} by
 * default, {@code DONE} or {@code ALL}), paged. Each item says who to contact (phones in
 * full for operators and administrators, who call them, masked for regulators, as in the
 * API), why, the licence, and the reminders of its cycle that failed. Operators and
 * administrators record an outcome per open item with {@code POST
 * /follow-ups/{id}/outcome} ({@link FollowUps#record}), answered by a redirect back to
 * the list with a flash message.
 */
@Controller
@ConsolePage
class FollowUpPages {

	static final int PAGE_SIZE = 25;

	static final int MAX_NOTE = 2000;

	private final FollowUps followUps;

	private final FailedReminders failedReminders;

	private final Clock clock;

	FollowUpPages(FollowUps followUps, FailedReminders failedReminders, Clock clock) {
		this.followUps = followUps;
		this.failedReminders = failedReminders;
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
