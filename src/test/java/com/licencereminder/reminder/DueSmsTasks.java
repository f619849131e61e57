package com.licencereminder.reminder;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceBuilder;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Seeds due SMS reminders straight into the store for the crash test and the throughput
 * benchmark: per index one licence expiring in 30 days, its active plan and its 30-day
 * SMS task, due now. Every licence has its own mobile number ({@link #mobile}), so no two
 * tasks share a digest and the requests a provider receives can be told apart by their
 * {@code To}.
 */
final class DueSmsTasks {

	private static final int CHUNK = 1000;

	private DueSmsTasks() {
	}

	/** The mobile number of the licence with this index. */
	static String mobile(int index) {
		return "+86138" + String.format("%08d", index);
	}

	/** Inserts {@code count} licences, plans and due tasks; returns the task ids. */
	static List<String> seed(MongoTemplate mongo, int count, Clock clock) {
		Instant now = clock.instant();
		LocalDate until = LocalDate.now(clock).plusDays(30);
		List<String> ids = new ArrayList<>(count);
		for (int from = 0; from < count; from += CHUNK) {
			List<Licence> licences = new ArrayList<>();
			List<ReminderPlan> plans = new ArrayList<>();
			List<ReminderTask> tasks = new ArrayList<>();
			for (int i = from; i < Math.min(count, from + CHUNK); i++) {
				String number = "JY" + i;
				String id = Licence.idFor("食品经营许可证", number);
				licences.add(LicenceBuilder.valid("食品经营许可证", number, until)
					.holder("店" + i)
					.mobiles(mobile(i))
					.fingerprint("f" + i)
					.source("seed", i + 2)
					.at(now)
					.build());
				ReminderTask task = ReminderTask.pending(id, 1, 30, ReminderChannel.SMS, now, now, mobile(i) + ":SMS",
						now);
				tasks.add(task);
				plans.add(new ReminderPlan(ReminderPlan.idOf(id, 1), id, 1, until, ReminderPlan.State.ACTIVE,
						List.of(task.id()), null, null, null, now));
				ids.add(task.id());
			}
			mongo.bulkOps(BulkMode.UNORDERED, Licence.class).insert(licences).execute();
			mongo.bulkOps(BulkMode.UNORDERED, ReminderPlan.class).insert(plans).execute();
			mongo.bulkOps(BulkMode.UNORDERED, ReminderTask.class).insert(tasks).execute();
		}
		return ids;
	}

}
