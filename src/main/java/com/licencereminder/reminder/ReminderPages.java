package com.licencereminder.reminder;

import java.security.Principal;

import com.licencereminder.console.ConsolePage;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's acknowledgement: the form on a licence's page stops the remaining
 * reminders of its current cycle, recording the logged-in user and the reason they give
 * (as {@code user: reason}, like the API's note), and returns to the licence's page with
 * a message (flash attribute {@code ok} or {@code error}, a message code).
 */
@Controller
@ConsolePage
class ReminderPages {

	static final int MAX_REASON = 500;

	private final Acknowledgements acknowledgements;

	ReminderPages(Acknowledgements acknowledgements) {
		this.acknowledgements = acknowledgements;
	}

	@PostMapping("/licences/{id}/acknowledge")
	String acknowledge(@PathVariable String id, @RequestParam(required = false) String reason, Principal user,
			RedirectAttributes redirect) {
		String back = "redirect:/licences/{id}";
		if (reason == null || reason.isBlank()) {
			redirect.addFlashAttribute("error", "reminder.acknowledge.reason-missing");
			return back;
		}
		if (reason.strip().length() > MAX_REASON) {
			redirect.addFlashAttribute("error", "reminder.acknowledge.reason-too-long");
			return back;
		}
		acknowledgements.acknowledge(id, user.getName(), reason)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		redirect.addFlashAttribute("ok", "reminder.acknowledge.done");
		return back;
	}

}
