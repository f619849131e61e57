package com.licencereminder.business;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceStatus;
import com.licencereminder.licence.Licences;
import com.licencereminder.reminder.Acknowledgements;
import com.licencereminder.reminder.ReminderTimeline;
import org.springframework.stereotype.Component;

/**
 * The licences a business may see and acknowledge: those bound to it ({@link Bindings}),
 * whether it signed in through the mini-program or on the {@code /my} pages.
 */
@Component
class BusinessLicences {

	private final Bindings bindings;

	private final Licences licences;

	private final ReminderTimeline timeline;

	private final Acknowledgements acknowledgements;

	private final Clock clock;

	BusinessLicences(Bindings bindings, Licences licences, ReminderTimeline timeline, Acknowledgements acknowledgements,
			Clock clock) {
		this.bindings = bindings;
		this.licences = licences;
		this.timeline = timeline;
		this.acknowledgements = acknowledgements;
		this.clock = clock;
	}

	/** The user's bound licences with their reminders, by licence number. */
	List<LicenceView> of(String openId) {
		List<String> ids = bindings.of(openId).stream().map(Bindings.Binding::licenceId).toList();
		LocalDate today = LocalDate.now(clock);
		List<LicenceView> views = new ArrayList<>();
		for (Licence licence : licences.list(ids)) {
			List<ReminderTimeline.Reminder> reminders = timeline.of(licence);
			views
				.add(new LicenceView(licence.id(), licence.holderName(), licence.licenceType(), licence.licenceNumber(),
						licence.validUntil(), licence.isExpiredOn(today) ? LicenceStatus.EXPIRED : licence.status(),
						licence.validUntil() == null ? null : ChronoUnit.DAYS.between(today, licence.validUntil()),
						reminders.stream().filter(ReminderTimeline.Reminder::pending).findFirst().orElse(null),
						reminders.stream().filter(reminder -> reminder.sentAt() != null).toList()));
		}
		views.sort(Comparator.comparing(LicenceView::licenceNumber));
		return views;
	}

	/**
	 * Stops the current cycle's reminders of a licence bound to the user, recorded as the
	 * user's acknowledgement with the reason and the note (if any).
	 * @throws BusinessProblem 404 {@code not-found} when the licence is not bound to the
	 * user or no longer exists
	 */
	void acknowledge(String openId, String licenceId, Reason reason, String note) {
		if (!bindings.isBound(openId, licenceId)) {
			throw BusinessProblem.notFound();
		}
		String text = note == null || note.isBlank() ? reason.name() : reason.name() + " " + note.strip();
		acknowledgements.acknowledge(licenceId, Bindings.actor(openId), text).orElseThrow(BusinessProblem::notFound);
	}

	/** Why a business acknowledges its licence's reminders. */
	enum Reason {

		RENEWING, RENEWED, CLOSED

	}

	/**
	 * A bound licence with its reminders.
	 *
	 * @param id the licence
	 * @param holderName its holder
	 * @param licenceType its type
	 * @param licenceNumber its number
	 * @param validUntil its last valid day, or null (no expiry)
	 * @param status its status ({@code EXPIRED} once past its last valid day)
	 * @param daysLeft days until its last valid day (negative after), or null
	 * @param nextReminder the next reminder of the current cycle, or null
	 * @param sent the reminders of the current cycle that went out
	 */
	record LicenceView(String id, String holderName, String licenceType, String licenceNumber, LocalDate validUntil,
			LicenceStatus status, Long daysLeft, ReminderTimeline.Reminder nextReminder,
			List<ReminderTimeline.Reminder> sent) {
	}

}
