package com.licencereminder.reminder.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.licencereminder.shared.Masking;
import com.licencereminder.shared.Role;
import org.springframework.data.annotation.Id;
import org.springframework.security.core.Authentication;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An item of the manual follow-up list: a licence staff should phone or visit, and why.
 * Keyed {@code licenceId:cycle:reason}, so the same reason never makes two items for one
 * cycle.
 *
 * @param id {@link #idOf}
 * @param licenceId the licence
 * @param cycle its validity cycle
 * @param reason why staff should act
 * @param holderName who to contact
 * @param contact the contact person, if known
 * @param phones the numbers to call (E.164; shown in full only to
 * {@link #contactsInFullFor those who call})
 * @param licenceType the licence type
 * @param licenceNumber the licence number
 * @param validUntil its last valid day
 * @param status open until an outcome is recorded
 * @param outcomes what staff did, oldest first
 * @param createdAt when the item was created
 */
@Document("follow_ups")
public record FollowUp(@Id String id, String licenceId, int cycle, Reason reason, String holderName, String contact,
		List<String> phones, String licenceType, String licenceNumber, LocalDate validUntil, Status status,
		List<Outcome> outcomes, Instant createdAt) {

	/**
	 * Whether the viewer sees the numbers in full: operators, who make the calls, and
	 * administrators; regulators see them masked.
	 */
	public static boolean contactsInFullFor(Authentication viewer) {
		return Role.OPERATOR.isGrantedTo(viewer) || Role.ADMIN.isGrantedTo(viewer);
	}

	public static String idOf(String licenceId, int cycle, Reason reason) {
		return licenceId + ":" + cycle + ":" + reason;
	}

	/** Why an item is on the list. */
	public enum Reason {

		/** The policy's manual stage (by default 3 days before expiry). */
		MANUAL_STAGE,

		/** Every channel of a stage failed. */
		NO_WORKING_CHANNEL,

		/** No phone number and no openid: no automatic reminder is possible. */
		UNREACHABLE,

		/** The licence had already expired when it was planned. */
		EXPIRED

	}

	/** Open or done. */
	public enum Status {

		OPEN, DONE

	}

	/** What staff did. */
	public enum Result {

		CALLED, VISITED,

		/** The business has renewed: acknowledges the cycle and stops its reminders. */
		RENEWED,

		UNREACHABLE,

		/** The business acknowledged the reminder itself (reply, keypress, API). */
		ACKNOWLEDGED;

		/**
		 * The results staff may record; {@code ACKNOWLEDGED} is the business's own doing.
		 */
		static final Set<Result> BY_STAFF = EnumSet.of(CALLED, VISITED, RENEWED, UNREACHABLE);

	}

	/**
	 * One recorded outcome.
	 *
	 * @param result what happened
	 * @param note free text
	 * @param by who recorded it
	 * @param at when
	 */
	public record Outcome(Result result, String note, String by, Instant at) {
	}

	/**
	 * This item with its phone numbers masked ({@code 138****5678}), for viewers who do
	 * not call them.
	 */
	FollowUp masked() {
		return new FollowUp(id, licenceId, cycle, reason, holderName, contact,
				phones.stream().map(Masking::phone).toList(), licenceType, licenceNumber, validUntil, status, outcomes,
				createdAt);
	}

}
