package com.licencereminder.delivery.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.licencereminder.delivery.Channel;
import com.licencereminder.shared.Masking;
import com.licencereminder.shared.Role;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the simulator would have sent, newest first. Recipients are masked unless the
 * caller is an administrator.
 */
@RestController
@RequestMapping("/api/simulator/outbox")
class SimulatorController {

	private final Outbox outbox;

	SimulatorController(Outbox outbox) {
		this.outbox = outbox;
	}

	@GetMapping
	OutboxPage outbox(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
			Authentication user) {
		return outbox.page(page, size, Role.ADMIN.isGrantedTo(user));
	}

	/** One page of the outbox. */
	record OutboxPage(List<OutboxView> content, int page, int size, long totalElements, long totalPages) {
	}

	/**
	 * A simulated message as the API shows it.
	 *
	 * @param providerId the simulator's id, {@code SIM-<n>}
	 * @param recipient masked unless the caller is an administrator
	 */
	record OutboxView(String providerId, Channel channel, String recipient, String text, Map<String, String> fields,
			Instant at, String attemptId) {

		static OutboxView of(OutboxEntry e, boolean full) {
			String recipient = full ? e.recipient() : e.channel() == Channel.MINI_PROGRAM
					? Masking.openId(e.recipient()) : Masking.phone(e.recipient());
			return new OutboxView(e.id(), e.channel(), recipient, e.text(), e.fields() == null ? Map.of() : e.fields(),
					e.at(), e.attemptId());
		}

	}

}
