package com.licencereminder.reminder;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.licencereminder.delivery.Channel;
import com.licencereminder.licence.Licence;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The reminders of a licence's current cycle, for readers outside the engine (the
 * businesses' own view): what is still to come and what went out.
 */
@Component
public class ReminderTimeline {

	private final MongoTemplate mongo;

	ReminderTimeline(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** The current cycle's reminders on delivery channels, in the order they are due. */
	public List<Reminder> of(Licence licence) {
		ReminderPlan plan = mongo.findById(ReminderPlan.idOf(licence.id(), licence.cycle()), ReminderPlan.class);
		if (plan == null) {
			return List.of();
		}
		return mongo.find(Query.query(Criteria.where("_id").in(plan.taskIds())), ReminderTask.class)
			.stream()
			.filter(task -> task.channel().delivery().isPresent())
			.sorted(Comparator.comparing(ReminderTask::dueAt).thenComparing(ReminderTask::id))
			.map(task -> new Reminder(task.channel().delivery().get(), task.offsetDays(), task.dueAt(),
					task.status().isOpen(), task.status() == TaskStatus.SENT ? task.finishedAt() : null))
			.toList();
	}

	/**
	 * One reminder.
	 *
	 * @param channel its channel
	 * @param daysBefore its stage: days before the last valid day
	 * @param dueAt when it is (or was) due
	 * @param pending whether it is still to go out
	 * @param sentAt when it went out, or null when it did not
	 */
	public record Reminder(Channel channel, int daysBefore, Instant dueAt, boolean pending, Instant sentAt) {
	}

}
