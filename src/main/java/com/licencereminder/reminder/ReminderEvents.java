package com.licencereminder.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.licencereminder.delivery.DeliveryFailed;
import com.licencereminder.delivery.ReminderAcknowledged;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicencePlanning;
import com.licencereminder.licence.Licences;
import com.licencereminder.licence.LicencesImported;
import com.licencereminder.reminder.followup.FollowUp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Reacts to the other modules. Imported licences are planned on a single planning thread,
 * in the order their batches were written; the import goes on while they are planned, and
 * waits only while more than {@code licence-reminder.reminders.max-planning-lag} licences
 * (10,000) are queued, so that planning keeps up and a crash leaves little to plan at
 * start. The queue is in memory; what it loses (a crash, a failed batch) is still marked
 * on the licences ({@link LicencePlanning}) and planned by {@link #repair}: at start, for
 * every marked licence, and then every minute for licences marked longer than
 * {@link #MISSED_AFTER} ago; the nightly sweep is the last net.
 * {@code licence-reminder.reminders.plan-after-import=false} leaves all planning to the
 * repair and the sweep (a bulk migration). Acknowledgements through a channel or the
 * follow-up list and failures reported after the send are handled at once.
 */
@Component
class ReminderEvents {

	private static final Logger log = LoggerFactory.getLogger(ReminderEvents.class);

	private final Licences licences;

	private final Planner planner;

	private final Acknowledgements acknowledgements;

	private final Outcomes outcomes;

	/**
	 * A licence marked for planning longer ago than this was missed by the event-driven
	 * planning.
	 */
	static final Duration MISSED_AFTER = Duration.ofMinutes(2);

	private static final int REPAIR_BATCH = 500;

	private final ThreadPoolTaskExecutor planning = new ThreadPoolTaskExecutor();

	private final LicencePlanning licencePlanning;

	private final Clock clock;

	private final AtomicLong awaiting = new AtomicLong();

	/**
	 * Licences queued for planning and not planned yet; its monitor signals each planned
	 * batch.
	 */
	private final AtomicLong queued = new AtomicLong();

	private final int maxPlanningLag;

	private final Counter repaired;

	private final EngineCounters counters;

	ReminderEvents(Licences licences, Planner planner, Acknowledgements acknowledgements, Outcomes outcomes,
			LicencePlanning licencePlanning, EngineCounters counters, Clock clock, MeterRegistry meters,
			@Value("${licence-reminder.reminders.max-planning-lag:10000}") int maxPlanningLag) {
		this.licences = licences;
		this.maxPlanningLag = maxPlanningLag;
		this.counters = counters;
		this.licencePlanning = licencePlanning;
		this.clock = clock;
		this.repaired = Counter.builder("reminder.licences.repaired")
			.description("Licences planned by the repair because their event-driven planning was lost")
			.register(meters);
		Gauge.builder("reminder.planning.queued", queued, AtomicLong::get)
			.description("Licences queued for planning in this instance")
			.register(meters);
		Gauge.builder("reminder.licences.awaiting-planning", awaiting, AtomicLong::get)
			.description(
					"Licences created or changed by an import and not completely planned yet (refreshed by each repair)")
			.register(meters);
		this.planner = planner;
		this.acknowledgements = acknowledgements;
		this.outcomes = outcomes;
		planning.setCorePoolSize(1);
		planning.setMaxPoolSize(1);
		planning.setThreadNamePrefix("planner-");
		planning.setWaitForTasksToCompleteOnShutdown(true);
		planning.setAwaitTerminationSeconds(30);
		planning.initialize();
	}

	@EventListener(
			condition = "@environment.getProperty('licence-reminder.reminders.plan-after-import', 'true') == 'true'")
	void on(LicencesImported event) {
		List<String> ids = event.licenceIds();
		awaitQueueBelow(maxPlanningLag);
		queued.addAndGet(ids.size());
		planning.execute(() -> {
			try {
				planner.plan(licences.list(ids));
			}
			catch (RuntimeException ex) {
				log.error("Planning {} licences of import {} failed; they stay marked and the next repair plans them",
						ids.size(), event.importId(), ex);
			}
			finally {
				synchronized (queued) {
					queued.addAndGet(-ids.size());
					queued.notifyAll();
				}
			}
		});
	}

	/**
	 * Holds the importing thread while more licences than {@code max} are queued for
	 * planning: the import goes at the pace planning keeps, and a crash leaves at most
	 * about that many licences for the repair at start. Each wait lasts about one
	 * planning batch.
	 */
	private void awaitQueueBelow(int max) {
		synchronized (queued) {
			while (max > 0 && queued.get() > max) {
				try {
					queued.wait(1000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	@EventListener
	void on(ReminderAcknowledged event) {
		event.licenceIds()
			.forEach(id -> acknowledgements.acknowledge(id,
					event.channel().name().toLowerCase(Locale.ROOT) + ":" + event.from(), null));
	}

	/**
	 * Staff recorded on the follow-up list that the business renewed: its cycle is
	 * acknowledged, its reminders stop.
	 */
	@EventListener
	void on(FollowUpRecorded event) {
		if (FollowUp.Result.RENEWED.name().equals(event.result())) {
			acknowledgements.acknowledge(event.licenceId(), event.by(), "follow-up");
		}
	}

	@EventListener
	void on(DeliveryFailed event) {
		outcomes.failedLater(event.reference(), event.attemptId(), event.errorCode(), event.permanent());
	}

	/**
	 * At start: plans every licence still marked, whoever marked it (this instance's
	 * queue is empty).
	 */
	@EventListener(ApplicationReadyEvent.class)
	void repairAtStart() {
		Instant now = clock.instant();
		planning.execute(() -> repair(now));
	}

	/**
	 * Queues a repair of the licences marked before {@code now - }{@link #MISSED_AFTER},
	 * unless planning is busy.
	 */
	void repairMissed() {
		if (!isPlanning()) {
			Instant before = clock.instant().minus(MISSED_AFTER);
			planning.execute(() -> repair(before));
		}
	}

	/**
	 * Plans the licences marked at or before {@code markedBefore}, in batches, until none
	 * is left; returns how many were planned. A licence is planned at most once per
	 * repair.
	 */
	int repair(Instant markedBefore) {
		int count = 0;
		Set<String> seen = new HashSet<>();
		try {
			while (true) {
				List<Licence> batch = new ArrayList<>(licencePlanning.awaiting(markedBefore, REPAIR_BATCH));
				batch.removeIf(licence -> !seen.add(licence.id()));
				if (batch.isEmpty()) {
					break;
				}
				planner.plan(batch);
				count += batch.size();
			}
			awaiting.set(licencePlanning.awaitingCount());
		}
		catch (RuntimeException ex) {
			log.error("Repairing the planning of marked licences failed after {}; the next repair tries again", count,
					ex);
		}
		if (count > 0) {
			repaired.increment(count);
			counters.add(EngineCounters.REPAIRED, count);
			log.info("Planned {} licences whose planning had been lost or not yet done", count);
		}
		return count;
	}

	/** Licences awaiting planning, as last counted. */
	long awaitingPlanning() {
		return awaiting.get();
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
