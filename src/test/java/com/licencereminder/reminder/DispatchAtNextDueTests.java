package com.licencereminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * With the real clock and Quartz and a poll interval of a minute: a poll that finds
 * nothing due yet but a task falling due before the next poll runs the dispatcher again
 * at that due time.
 */
@SpringBootTest(properties = { "licence-reminder.dispatch.poll-interval=60s", "licence-reminder.dispatch.lease=5m",
		"licence-reminder.send-windows.enabled=false" })
@ActiveProfiles("test")
class DispatchAtNextDueTests {

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Scheduler scheduler;

	@Autowired
	Dispatcher dispatcher;

	@BeforeEach
	void cleanStore() {
		TestStores.clear(mongo);
	}

	@Test
	void aTaskFallingDueBetweenPollsIsSentAtItsDueTimeNotAtTheNextPoll() throws Exception {
		await().atMost(Duration.ofSeconds(20)).until(this::startupPollDone);
		Instant due = Instant.now().plusSeconds(3);
		String id = DueSmsTasks.seed(mongo, 1, Clock.fixed(due, ZoneId.of("Asia/Shanghai"))).get(0);

		scheduler.triggerJob(JobKey.jobKey(ReminderJobs.DISPATCH));
		Instant nextPoll = scheduler.getTrigger(TriggerKey.triggerKey(ReminderJobs.DISPATCH))
			.getNextFireTime()
			.toInstant();

		await().atMost(Duration.between(Instant.now(), nextPoll))
			.until(() -> mongo.findById(id, ReminderTask.class).status() == TaskStatus.SENT);
		Instant sentAt = mongo.findById(id, ReminderTask.class).finishedAt();
		assertThat(sentAt).isAfterOrEqualTo(due).isBefore(nextPoll);
	}

	/**
	 * Whether the poll Quartz fires at start-up has run and ended, so that the test's run
	 * is the only one.
	 */
	private boolean startupPollDone() throws Exception {
		return scheduler.getTrigger(TriggerKey.triggerKey(ReminderJobs.DISPATCH)).getPreviousFireTime() != null
				&& scheduler.getCurrentlyExecutingJobs().isEmpty();
	}

	@Test
	void theRunAtTheNextDueTimeIsScheduledAfterTheDueTimeNeverAMomentBefore() {
		assertThat(ReminderJobs.wakeDelayMillis(Duration.ofNanos(2_992_366_958L)))
			.isEqualTo(2_993 + ReminderJobs.WAKE_MARGIN_MILLIS);
		assertThat(ReminderJobs.wakeDelayMillis(Duration.ofMillis(3_000)))
			.isEqualTo(3_000 + ReminderJobs.WAKE_MARGIN_MILLIS);
		assertThat(ReminderJobs.WAKE_MARGIN_MILLIS).as("more than Quartz fires early (2 ms)").isGreaterThan(2);
	}

	@Test
	void onlyATaskFallingDueWithinTheHorizonIsReportedWithItsDelay() {
		Instant due = Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
		DueSmsTasks.seed(mongo, 1, Clock.fixed(due, ZoneId.of("Asia/Shanghai")));

		assertThat(dispatcher.untilNextDue(Duration.ofSeconds(60))).isEmpty();
		Instant before = Instant.now();
		Optional<Duration> delay = dispatcher.untilNextDue(Duration.ofSeconds(180));
		Instant after = Instant.now();
		assertThat(delay).as("from the moment it was asked to the due time")
			.hasValueSatisfying(
					d -> assertThat(d).isBetween(Duration.between(after, due), Duration.between(before, due)));
	}

}
