package com.licencereminder.reminder;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Records what staff did about a follow-up item, for the API and the console alike: the outcome
 * closes the item ({@link FollowUps#record}), and {@link FollowUp.Result#RENEWED RENEWED} also
 * acknowledges the licence's cycle, which stops its remaining reminders.
 */
@Component
class FollowUpOutcomes {

	/** The results staff may record; {@code ACKNOWLEDGED} is the business's own doing. */
	static final Set<FollowUp.Result> BY_STAFF = EnumSet.of(FollowUp.Result.CALLED, FollowUp.Result.VISITED,
			FollowUp.Result.RENEWED, FollowUp.Result.UNREACHABLE);

	private final FollowUps followUps;

	private final Acknowledgements acknowledgements;

	FollowUpOutcomes(FollowUps followUps, Acknowledgements acknowledgements) {
		this.followUps = followUps;
		this.acknowledgements = acknowledgements;
	}

	/**
	 * Records the outcome.
	 * @param result one of {@link #BY_STAFF}
	 * @param by the user who records it
	 * @return the closed item, or null when there is no such item
	 * @throws IllegalArgumentException for a result staff may not record
	 */
	FollowUp record(String id, FollowUp.Result result, String note, String by) {
		if (!BY_STAFF.contains(result)) {
			throw new IllegalArgumentException("result must be CALLED, VISITED, RENEWED or UNREACHABLE");
		}
		FollowUp item = followUps.record(id, result, note, by);
		if (item != null && result == FollowUp.Result.RENEWED) {
			acknowledgements.acknowledge(item.licenceId(), by, "follow-up");
		}
		return item;
	}

}
