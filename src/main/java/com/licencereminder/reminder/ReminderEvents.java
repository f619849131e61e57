package com.licencereminder.reminder;

import java.util.Locale;
import java.util.List;

import com.licencereminder.delivery.DeliveryFailed;
import com.licencereminder.delivery.ReminderAcknowledged;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicencesImported;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Reacts to the other modules. Imported licences are planned on a single planning thread, in the
 * order their batches were written, so the import does not wait for planning; anything missed
 * (a crash in between) is repaired by the nightly sweep; {@code licence-reminder.reminders.plan-after-import=false}
 * leaves all planning to the sweep (a bulk migration). Acknowledgements through a channel and
 * failures reported after the send are handled at once.
 */
@Component
class ReminderEvents {

	private static final Logger log = LoggerFactory.getLogger(ReminderEvents.class);

	private final MongoTemplate mongo;

	private final Planner planner;

	private final Acknowledgements acknowledgements;

	private final Dispatcher dispatcher;

	private final ThreadPoolTaskExecutor planning = new ThreadPoolTaskExecutor();

	ReminderEvents(MongoTemplate mongo, Planner planner, Acknowledgements acknowledgements, Dispatcher dispatcher) {
		this.mongo = mongo;
		this.planner = planner;
		this.acknowledgements = acknowledgements;
		this.dispatcher = dispatcher;
		planning.setCorePoolSize(1);
		planning.setMaxPoolSize(1);
		planning.setThreadNamePrefix("planner-");
		planning.setWaitForTasksToCompleteOnShutdown(true);
		planning.setAwaitTerminationSeconds(30);
		planning.initialize();
	}

	@EventListener(condition = "@environment.getProperty('licence-reminder.reminders.plan-after-import', 'true') == 'true'")
	void on(LicencesImported event) {
		List<String> ids = event.licenceIds();
		planning.execute(() -> {
			try {
				planner.plan(mongo.find(Query.query(Criteria.where("_id").in(ids)), Licence.class));
			}
			catch (RuntimeException ex) {
				log.error("Planning {} licences of import {} failed; the nightly sweep will plan them", ids.size(),
						event.importId(), ex);
			}
		});
	}

	@EventListener
	void on(ReminderAcknowledged event) {
		event.licenceIds().forEach(id -> acknowledgements.acknowledge(id, event.channel().name().toLowerCase(Locale.ROOT) + ":" + event.from(), null));
	}

	@EventListener
	void on(DeliveryFailed event) {
		dispatcher.failedLater(event.reference(), event.attemptId(), event.errorCode(), event.permanent());
	}

	/** Whether planning work is still queued or running (for tests and shutdown). */
	boolean isPlanning() {
		return planning.getActiveCount() > 0 || planning.getThreadPoolExecutor().getQueue().size() > 0;
	}

	@PreDestroy
	void stop() {
		planning.shutdown();
	}

}
