package com.licencereminder.reminder;

import java.security.Principal;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Acknowledgement by staff through the API.
 */
@RestController
class ReminderController {

	private final Acknowledgements acknowledgements;

	ReminderController(Acknowledgements acknowledgements) {
		this.acknowledgements = acknowledgements;
	}

	/**
	 * Stops the remaining reminders of the licence's current cycle. The body
	 * ({@code {"note": ...}}) is optional.
	 */
	@PostMapping("/api/licences/{id}/acknowledge")
	Map<String, Object> acknowledge(@PathVariable String id, @RequestBody(required = false) Map<String, String> body,
			Principal user) {
		String note = body == null ? null : body.get("note");
		return acknowledgements.acknowledge(id, user.getName(), note)
			.<Map<String, Object>>map(licence -> Map.of("licenceId", licence.id(), "cycle", licence.cycle(),
					"acknowledgedBy", Acknowledgements.recorded(user.getName(), note)))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No licence with id " + id));
	}

}
