package com.licencereminder.reminder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.licencereminder.licence.Licence;
import com.licencereminder.reminder.ReminderPolicies.Stage;

/**
 * The reminder ladder of one validity cycle: the tasks of every stage and channel of the
 * licence type's policy, as of a given instant. Pure apart from
 * {@link SendWindows#nextOpening} (which reads the working-day calendar); the
 * {@link Planner} stores what it returns.
 * <ul>
 * <li>Catch-up: of the stages already past, only the latest is due now; older ones are
 * skipped ({@code reminder.skip.catch-up}).</li>
 * <li>A licence past its last valid day gets no stage at or before expiry
 * ({@code reminder.skip.expired}); stages after expiry follow the catch-up rule.</li>
 * <li>A channel the licence has no contact for is skipped with the channel's
 * missing-contact code.</li>
 * <li>Pending tasks are due at their stage's local time (now, for the catch-up stage),
 * moved into the channel's send window; MANUAL has no window. A task the window would
 * push to or past its stage's {@link #deadline} (the next stage, or the end of the last
 * valid day) is skipped ({@code reminder.skip.window-missed}): the next stage speaks for
 * it, and no reminder "before expiry" arrives after it.</li>
 * </ul>
 */
class Ladder {

	private final ReminderPolicies policies;

	private final SendWindows windows;

	private final ZoneId zone;

	Ladder(ReminderPolicies policies, SendWindows windows, ZoneId zone) {
		this.policies = policies;
		this.windows = windows;
		this.zone = zone;
	}

	/**
	 * The tasks of a licence's current cycle as of {@code now}, all stages at once,
	 * skipped ones with a reason.
	 */
	List<ReminderTask> tasksFor(Licence licence, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, zone);
		boolean expired = licence.validUntil().isBefore(today);
		List<Stage> stages = policies.policyFor(licence).ordered();
		Instant latestPast = null;
		for (Stage stage : stages) {
			Instant scheduled = scheduled(licence, stage);
			if (!scheduled.isAfter(now) && !(expired && stage.offsetDays() >= 0)) {
				latestPast = latestPast == null || scheduled.isAfter(latestPast) ? scheduled : latestPast;
			}
		}
		String digestHolder = licence.uscc() != null ? licence.uscc()
				: licence.reachableByText() ? licence.mobiles().get(0) : licence.id();
		List<ReminderTask> tasks = new ArrayList<>();
		for (Stage stage : stages) {
			Instant scheduled = scheduled(licence, stage);
			boolean past = !scheduled.isAfter(now);
			for (ReminderChannel channel : stage.channels()) {
				String skip = null;
				if (expired && stage.offsetDays() >= 0) {
					skip = "reminder.skip.expired";
				}
				else if (past && !scheduled.equals(latestPast)) {
					skip = "reminder.skip.catch-up";
				}
				else if (!channel.canReach(licence)) {
					skip = channel.missingContactCode();
				}
				if (skip != null) {
					tasks.add(ReminderTask.skipped(licence.id(), licence.cycle(), stage.offsetDays(), channel,
							scheduled, skip, now));
					continue;
				}
				Instant due = past ? now : scheduled;
				if (channel.delivery().isPresent()) {
					due = windows.nextOpening(channel.delivery().get(), due);
					if (!due.isBefore(deadline(licence, stage.offsetDays()))) {
						tasks.add(ReminderTask.skipped(licence.id(), licence.cycle(), stage.offsetDays(), channel,
								scheduled, "reminder.skip.window-missed", now));
						continue;
					}
				}
				String digestKey = digestHolder + ":" + channel + ":" + LocalDate.ofInstant(due, zone);
				tasks.add(ReminderTask.pending(licence.id(), licence.cycle(), stage.offsetDays(), channel, scheduled,
						due, digestKey, now));
			}
		}
		return tasks;
	}

	/**
	 * The instant by which a stage's reminder must have gone out, retries included: the
	 * next stage's time, capped for stages at or before expiry by the end of the last
	 * valid day; the last stage after expiry has until the end of the following day.
	 */
	Instant deadline(Licence licence, int offsetDays) {
		Instant endOfValidity = licence.validUntil().plusDays(1).atStartOfDay(zone).toInstant();
		Instant next = null;
		for (Stage stage : policies.policyFor(licence).ordered()) {
			if (stage.offsetDays() < offsetDays) {
				next = scheduled(licence, stage);
				break;
			}
		}
		if (offsetDays >= 0) {
			return next == null || next.isAfter(endOfValidity) ? endOfValidity : next;
		}
		if (next != null) {
			return next;
		}
		return licence.validUntil().minusDays(offsetDays).plusDays(2).atStartOfDay(zone).toInstant();
	}

	private Instant scheduled(Licence licence, Stage stage) {
		return licence.validUntil().minusDays(stage.offsetDays()).atTime(stage.at()).atZone(zone).toInstant();
	}

}
