package com.licencereminder.reminder;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.licencereminder.reminder.followup.FailedReminders;
import org.springframework.context.MessageSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The FAILED reminder tasks of licences, for the follow-up list: one query for a whole
 * page.
 */
@Component
class FailedTasks implements FailedReminders {

	private final MongoTemplate mongo;

	private final MessageSource messages;

	FailedTasks(MongoTemplate mongo, MessageSource messages) {
		this.mongo = mongo;
		this.messages = messages;
	}

	@Override
	public Map<String, List<FailedReminder>> of(Collection<String> licenceIds, Locale locale) {
		if (licenceIds.isEmpty()) {
			return Map.of();
		}
		return mongo
			.find(Query.query(Criteria.where("licenceId").in(licenceIds).and("status").is(TaskStatus.FAILED)),
					ReminderTask.class)
			.stream()
			.sorted(Comparator.comparing(ReminderTask::offsetDays).reversed().thenComparing(ReminderTask::channel))
			.collect(Collectors.groupingBy(task -> task.licenceId() + ":" + task.cycle(),
					Collectors.mapping(
							task -> new FailedReminder(task.channel().name(), task.offsetDays(), task.errorCode(),
									task.reasonText(messages, locale), task.attemptIds(), task.finishedAt()),
							Collectors.toList())));
	}

}
