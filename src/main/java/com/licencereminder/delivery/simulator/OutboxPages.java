package com.licencereminder.delivery.simulator;

import java.time.Clock;

import com.licencereminder.console.ConsolePage;
import com.licencereminder.shared.Role;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The simulator's outbox in the console ({@code GET /outbox}, operators and
 * administrators): what the simulator "sent" in place of a provider, newest first, a page
 * at a time, each message as a phone would show it. Recipients are masked unless the
 * viewer is an administrator, as in the API.
 */
@Controller
@ConsolePage
class OutboxPages {

	static final int PAGE_SIZE = 24;

	private final Outbox outbox;

	private final Clock clock;

	OutboxPages(Outbox outbox, Clock clock) {
		this.outbox = outbox;
		this.clock = clock;
	}

	@GetMapping("/outbox")
	String outbox(@RequestParam(defaultValue = "0") int page, Authentication user, Model model) {
		model.addAttribute("messages", outbox.page(Math.max(page, 0), PAGE_SIZE, Role.ADMIN.isGrantedTo(user)));
		model.addAttribute("zone", clock.getZone());
		return "delivery/outbox";
	}

}
