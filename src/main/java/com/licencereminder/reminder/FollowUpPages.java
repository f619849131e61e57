package com.licencereminder.reminder;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.licencereminder.console.ConsolePage;
import org.springframework.context.MessageSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The follow-up list in the console ({@code GET /follow-ups}, every role): a work queue, open items
 * first and the oldest first, filtered by {@code status} ({@code OPEN} by default, {@code DONE} or
 * {@code ALL}), paged. Each item says who to contact (phones in full for operators and
 * administrators, who call them, masked for regulators, as in the API), why, the licence, and the reminders of its cycle that failed.
 * Operators and administrators record an outcome per open item with
 * {@code POST /follow-ups/{id}/outcome} ({@link FollowUpOutcomes}), answered by a redirect back to
 * the list with a flash message.
 */
@Controller
@ConsolePage
class FollowUpPages {

	static final int PAGE_SIZE = 25;

	static final int MAX_NOTE = 2000;

	private final FollowUps followUps;

	private final FollowUpOutcomes outcomes;

	private final MongoTemplate mongo;

	private final MessageSource messages;

	private final Clock clock;

	FollowUpPages(FollowUps followUps, FollowUpOutcomes outcomes, MongoTemplate mongo, MessageSource messages,
			Clock clock) {
		this.followUps = followUps;
		this.outcomes = outcomes;
		this.mongo = mongo;
		this.messages = messages;
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
			.map(item -> full ? item : ReminderController.masked(item))
			.toList();
		Map<String, List<FailedReminder>> failed = failedReminders(items, locale);
		long total = followUps.count(wanted);
		model.addAttribute("status", wanted == null ? "ALL" : wanted.name());
		model.addAttribute("items", items.stream()
			.map(item -> new Item(item, failed.getOrDefault(item.licenceId() + ":" + item.cycle(), List.of())))
			.toList());
		model.addAttribute("page", current);
		model.addAttribute("totalPages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
		model.addAttribute("total", total);
		model.addAttribute("results", FollowUpOutcomes.BY_STAFF);
		model.addAttribute("zone", clock.getZone());
		return "reminder/follow-ups";
	}

	@PostMapping("/follow-ups/{id}/outcome")
	String outcome(@PathVariable String id, @RequestParam(required = false) String outcome,
			@RequestParam(required = false) String note, Principal user, RedirectAttributes redirect) {
		FollowUp.Result result = FollowUpOutcomes.BY_STAFF.stream()
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
			FollowUp item = outcomes.record(id, result, note == null || note.isBlank() ? null : note.strip(), user.getName());
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
	 * The failed reminder tasks of the items' cycles, keyed {@code licenceId:cycle}: one query for the
	 * whole page.
	 */
	private Map<String, List<FailedReminder>> failedReminders(List<FollowUp> items, Locale locale) {
		if (items.isEmpty()) {
			return Map.of();
		}
		List<String> licenceIds = items.stream().map(FollowUp::licenceId).distinct().toList();
		return mongo.find(Query.query(Criteria.where("licenceId").in(licenceIds).and("status").is(TaskStatus.FAILED)),
				ReminderTask.class)
			.stream()
			.sorted(Comparator.comparing(ReminderTask::offsetDays).reversed().thenComparing(ReminderTask::channel))
			.collect(Collectors.groupingBy(task -> task.licenceId() + ":" + task.cycle(),
					Collectors.mapping(task -> new FailedReminder(task.channel(), task.offsetDays(), task.errorCode(),
							task.reason() == null ? null
									: messages.getMessage(task.reason(), task.reasonArgs().toArray(), task.reason(), locale),
							task.attemptIds(), task.finishedAt()), Collectors.toList())));
	}

	/**
	 * A follow-up item with the reminders of its cycle that failed.
	 *
	 * @param item phones masked unless the viewer calls them ({@link FollowUp#contactsInFullFor})
	 */
	record Item(FollowUp item, List<FailedReminder> failed) {

		public boolean open() {
			return item.status() == FollowUp.Status.OPEN;
		}

	}

	/**
	 * A reminder that failed.
	 *
	 * @param reason why, in the reader's language
	 * @param attemptIds its delivery attempts, oldest first
	 */
	record FailedReminder(ReminderChannel channel, int offsetDays, String errorCode, String reason,
			List<String> attemptIds, Instant finishedAt) {
	}

}
