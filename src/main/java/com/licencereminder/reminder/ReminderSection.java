package com.licencereminder.reminder;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceDetailSection;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Adds the reminder timeline to a licence's detail: every task of every cycle, newest
 * cycle first, with its status and reason in the reader's language, and the steps it went
 * through.
 */
@Component
class ReminderSection implements LicenceDetailSection {

	private final MongoTemplate mongo;

	private final MessageSource messages;

	ReminderSection(MongoTemplate mongo, MessageSource messages) {
		this.mongo = mongo;
		this.messages = messages;
	}

	@Override
	public String name() {
		return "reminders";
	}

	@Override
	public String consoleTemplate() {
		return "reminder/licence-section";
	}

	@Override
	public Object contentFor(Licence licence, boolean fullContacts) {
		List<String> planIds = IntStream.rangeClosed(1, licence.cycle())
			.mapToObj(c -> ReminderPlan.idOf(licence.id(), c))
			.toList();
		List<String> taskIds = mongo.find(Query.query(Criteria.where("_id").in(planIds)), ReminderPlan.class)
			.stream()
			.flatMap(plan -> plan.taskIds().stream())
			.toList();
		Locale locale = LocaleContextHolder.getLocale();
		return mongo.find(Query.query(Criteria.where("_id").in(taskIds)), ReminderTask.class)
			.stream()
			.sorted(Comparator.comparing(ReminderTask::cycle).reversed().thenComparing(ReminderTask::scheduledAt))
			.map(task -> new TaskView(task.id(), task.cycle(), task.offsetDays(), task.channel(), task.status(),
					task.scheduledAt(), task.dueAt(), task.attempts(), task.reason(), task.reasonText(messages, locale),
					task.errorCode(), task.attemptIds(), task.possibleDuplicate(), task.finishedAt(),
					task.history()
						.stream()
						.map(change -> new StepView(change.at(), change.status(),
								change.reason() == null ? null
										: messages.getMessage(change.reason(),
												change.reason().equals(task.reason()) ? task.reasonArgs().toArray()
														: new Object[0],
												change.reason(), locale)))
						.toList()))
			.toList();
	}

	/**
	 * A reminder task as the licence detail shows it, with every step it went through.
	 */
	record TaskView(String id, int cycle, int offsetDays, ReminderChannel channel, TaskStatus status,
			Instant scheduledAt, Instant dueAt, int attempts, String reasonCode, String reason, String errorCode,
			List<String> attemptIds, boolean possibleDuplicate, Instant finishedAt, List<StepView> history) {
	}

	/** One step of a task's history, its reason in the reader's language. */
	record StepView(Instant at, TaskStatus status, String reason) {
	}

}
