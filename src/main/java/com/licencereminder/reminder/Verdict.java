package com.licencereminder.reminder;

import java.util.List;

import com.licencereminder.licence.Licence;

/**
 * What to do with a claimed task, judged from its licence and plan as read after the
 * claim: send it, cancel it for a reason that is true, or, when the store does not tell
 * yet, leave it for later ({@code undecided}, a message code saying why).
 */
record Verdict(String stop, List<String> args, String undecided) {

	static final Verdict SEND = new Verdict(null, List.of(), null);

	static Verdict of(ReminderTask task, Licence licence, ReminderPlan plan) {
		if (licence == null) {
			return stop("reminder.cancel.licence-gone");
		}
		if (licence.cycle() > task.cycle()) {
			return stop(
					plan == null ? "reminder.cancel.superseded" : Planner.supersededReason(plan.validUntil(), licence));
		}
		if (licence.cycle() < task.cycle()) {
			return new Verdict(null, List.of(), "reminder.defer.licence-behind");
		}
		if (licence.status().isTerminated()) {
			return stop("reminder.cancel.terminated");
		}
		if (!licence.expires()) {
			return stop("reminder.cancel.no-expiry");
		}
		if (plan == null) {
			return new Verdict(null, List.of(), "reminder.defer.plan-missing");
		}
		return switch (plan.state()) {
			case PLANNING -> new Verdict(null, List.of(), "reminder.defer.plan-not-ready");
			case ACTIVE -> task.channel().canReach(licence) ? SEND : stop(task.channel().missingContactCode());
			case ACKNOWLEDGED, SUPERSEDED, ENDED ->
				new Verdict(plan.stoppedReason() == null ? "reminder.cancel.terminated" : plan.stoppedReason(),
						plan.stoppedBy() == null ? List.of() : List.of(plan.stoppedBy()), null);
		};
	}

	private static Verdict stop(String reason) {
		return new Verdict(reason, List.of(), null);
	}

}
