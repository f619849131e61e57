package com.licencereminder.reminder;

import java.util.Optional;

import com.licencereminder.licence.Licence;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Acknowledgement of a licence's current cycle, from any source (operator, API, SMS reply,
 * keypress, follow-up outcome): the remaining stages are cancelled and the cycle's open follow-up
 * items are closed, and {@link LicenceAcknowledged} is published. Acknowledging twice is harmless. A
 * cycle acknowledged before it is planned (or while it is) gets no reminders: the stopped plan is
 * recorded first and planning respects it ({@link TaskStops#stopCycle}).
 */
@Component
class Acknowledgements {

	private final MongoTemplate mongo;

	private final TaskStops stops;

	private final FollowUps followUps;

	private final ApplicationEventPublisher events;

	Acknowledgements(MongoTemplate mongo, TaskStops stops, FollowUps followUps, ApplicationEventPublisher events) {
		this.mongo = mongo;
		this.stops = stops;
		this.followUps = followUps;
		this.events = events;
	}

	/**
	 * Acknowledges the licence's current cycle.
	 * @param by who or what acknowledged (a user name, {@code sms:138****5678}, ...)
	 * @param note why, or null; recorded as {@code by: note}
	 * @return the licence, or empty when there is no such licence
	 */
	Optional<Licence> acknowledge(String licenceId, String by, String note) {
		Licence licence = mongo.findById(licenceId, Licence.class);
		if (licence == null) {
			return Optional.empty();
		}
		String recorded = recorded(by, note);
		stops.stopCycle(licence, ReminderPlan.State.ACKNOWLEDGED, "reminder.cancel.acknowledged", recorded);
		followUps.closeCycle(licence.id(), licence.cycle(), recorded);
		events.publishEvent(new LicenceAcknowledged(licence.id(), licence.cycle(), by, blankToNull(note)));
		return Optional.of(licence);
	}

	/** {@code by}, or {@code by: note} when there is a note. */
	static String recorded(String by, String note) {
		return blankToNull(note) == null ? by : by + ": " + note.strip();
	}

	private static String blankToNull(String note) {
		return note == null || note.isBlank() ? null : note.strip();
	}

}
