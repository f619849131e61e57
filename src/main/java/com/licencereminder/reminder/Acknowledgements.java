package com.licencereminder.reminder;

import java.util.Optional;

import com.licencereminder.licence.Licence;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Acknowledgement of a licence's current cycle, from any source (operator, API, SMS reply,
 * keypress, follow-up outcome): the remaining stages are cancelled and the cycle's open follow-up
 * items are closed. Acknowledging twice is harmless.
 */
@Component
class Acknowledgements {

	private final MongoTemplate mongo;

	private final TaskStops stops;

	private final FollowUps followUps;

	Acknowledgements(MongoTemplate mongo, TaskStops stops, FollowUps followUps) {
		this.mongo = mongo;
		this.stops = stops;
		this.followUps = followUps;
	}

	/**
	 * Acknowledges the licence's current cycle.
	 * @param by who or what acknowledged (a user name, {@code sms:138****5678}, ...)
	 * @return the licence, or empty when there is no such licence
	 */
	Optional<Licence> acknowledge(String licenceId, String by) {
		Licence licence = mongo.findById(licenceId, Licence.class);
		if (licence == null) {
			return Optional.empty();
		}
		ReminderPlan plan = mongo.findById(ReminderPlan.idOf(licence.id(), licence.cycle()), ReminderPlan.class);
		if (plan != null) {
			stops.stop(plan, ReminderPlan.State.ACKNOWLEDGED, "reminder.cancel.acknowledged", by);
		}
		followUps.closeCycle(licence.id(), licence.cycle(), by);
		return Optional.of(licence);
	}

}
