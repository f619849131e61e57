package com.licencereminder.reminder;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The dispatch metrics of this instance: counters {@code reminder.tasks.claimed} (taken,
 * including tasks later put back for a closed send window or cancelled by a stop
 * condition), {@code reminder.tasks.due} (handed to delivery; a retry counts again),
 * {@code reminder.tasks.sent}, {@code reminder.tasks.failed},
 * {@code reminder.tasks.retried}, {@code reminder.tasks.deferred},
 * {@code reminder.tasks.skipped} (at send time: the business withdrew the channel or has
 * no subscription) and {@code reminder.tasks.undecided}; timer {@code reminder.lateness}
 * (due time to send, with a percentile histogram); gauge {@code reminder.queue.depth}.
 * {@code reminder.tasks.planned} and {@code reminder.tasks.cancelled} are counted by the
 * planner and the stop conditions; the counts shared by all instances are in
 * {@link EngineCounters}.
 */
@Component
class EngineMetrics {

	private final Counter claimed;

	private final Counter due;

	private final Counter sent;

	private final Counter failed;

	private final Counter retried;

	private final Counter deferred;

	private final Counter undecided;

	private final Counter skipped;

	private final Timer lateness;

	private final AtomicLong depth = new AtomicLong();

	EngineMetrics(MeterRegistry meters) {
		this.claimed = Counter.builder("reminder.tasks.claimed").register(meters);
		this.due = Counter.builder("reminder.tasks.due")
			.description("Reminder tasks handed to delivery")
			.register(meters);
		this.sent = Counter.builder("reminder.tasks.sent").register(meters);
		this.failed = Counter.builder("reminder.tasks.failed").register(meters);
		this.retried = Counter.builder("reminder.tasks.retried").register(meters);
		this.deferred = Counter.builder("reminder.tasks.deferred")
			.description("Sends refused by a provider's circuit breaker or rate limit, tried again later")
			.register(meters);
		this.undecided = Counter.builder("reminder.tasks.undecided")
			.description(
					"Claimed tasks that could not be judged yet (their plan still being written or missing), put back for later")
			.register(meters);
		this.skipped = Counter.builder("reminder.tasks.skipped")
			.description("Due tasks skipped at send time: channel withdrawn by the business, or no subscription")
			.register(meters);
		this.lateness = Timer.builder("reminder.lateness")
			.description("Time from a task's due time to its send")
			.publishPercentileHistogram()
			.register(meters);
		Gauge.builder("reminder.queue.depth", depth, AtomicLong::get)
			.description("Pending tasks due now (refreshed at most once a minute)")
			.register(meters);
	}

	void claimed(int count) {
		claimed.increment(count);
	}

	void due(int count) {
		due.increment(count);
	}

	/** Counts the tasks sent at {@code at} and records how late each went out. */
	void sent(Collection<ReminderTask> tasks, Instant at) {
		sent.increment(tasks.size());
		tasks.forEach(task -> lateness.record(Duration.between(task.dueAt(), at).abs()));
	}

	/**
	 * Counts tasks that ended without an attempt (a MANUAL stage handed to follow-up).
	 */
	void sent(int count) {
		sent.increment(count);
	}

	void failed(int count) {
		failed.increment(count);
	}

	void retried(int count) {
		retried.increment(count);
	}

	void deferred(int count) {
		deferred.increment(count);
	}

	void skipped(int count) {
		skipped.increment(count);
	}

	void undecided() {
		undecided.increment();
	}

	/** Sets the queue depth gauge: pending tasks due now. */
	void depth(long count) {
		depth.set(count);
	}

}
