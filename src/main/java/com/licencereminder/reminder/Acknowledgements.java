package com.licencereminder.reminder;

import java.util.Optional;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.Licences;
import com.licencereminder.reminder.followup.FollowUps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Acknowledgement of a licence's current cycle, from any source (operator, API, SMS
 * reply, keypress, follow-up outcome): the remaining stages are cancelled and the cycle's
 * open follow-up items are closed, and {@link LicenceAcknowledged} is published.
 * Acknowledging twice is harmless. A cycle acknowledged before it is planned (or while it
 * is) gets no reminders: the stopped plan is recorded first and planning respects it
 * ({@link TaskStops#stopCycle}).
 */
@Component
public class Acknowledgements {

	private final Licences licences;

	private final TaskStops stops;

	private final FollowUps followUps;

	private final ApplicationEventPublisher events;

	Acknowledgements(Licences licences, TaskStops stops, FollowUps followUps, ApplicationEventPublisher events) {
		this.licences = licences;
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
	public Optional<Licence> acknowledge(String licenceId, String by, String note) {
		Optional<Licence> found = licences.find(licenceId);
		if (found.isEmpty()) {
			return found;
		}
		Licence licence = found.get();
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
