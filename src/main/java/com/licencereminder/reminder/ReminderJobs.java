package com.licencereminder.reminder;

import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.TimeZone;

/**
 * The engine's Quartz jobs (in-memory job store: the durable state is in MongoDB, so
 * several instances can run side by side): dispatch every
 * {@code licence-reminder.dispatch.poll-interval} and at the next due time when that
 * comes sooner, the planning repair every minute, and the nightly re-plan sweep
 * ({@code licence-reminder.reminders.sweep-cron}, default 02:00 in the service's zone).
 * None runs twice at once in one instance.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "licence-reminder.dispatch.enabled", havingValue = "true", matchIfMissing = true)
class ReminderJobs {

	/** The name of the dispatch job and of its polling trigger. */
	static final String DISPATCH = "dispatch";

	/** How long after its due time the run at the next due time starts. */
	static final long WAKE_MARGIN_MILLIS = 10;

	@Bean
	JobDetail dispatchJob() {
		return JobBuilder.newJob(DispatchJob.class).withIdentity(DISPATCH).storeDurably().build();
	}

	@Bean
	Trigger dispatchTrigger(JobDetail dispatchJob, DispatchProperties properties) {
		return TriggerBuilder.newTrigger()
			.forJob(dispatchJob)
			.withIdentity(DISPATCH)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(properties.pollInterval().toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

	@Bean
	JobDetail sweepJob() {
		return JobBuilder.newJob(SweepJob.class).withIdentity("replan-sweep").storeDurably().build();
	}

	@Bean
	Trigger sweepTrigger(JobDetail sweepJob, Clock clock,
			@Value("${licence-reminder.reminders.sweep-cron:0 0 2 * * ?}") String cron) {
		return TriggerBuilder.newTrigger()
			.forJob(sweepJob)
			.withIdentity("replan-sweep")
			.withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(clock.getZone())))
			.build();
	}

	@Bean
	JobDetail planRepairJob() {
		return JobBuilder.newJob(PlanRepairJob.class).withIdentity("plan-repair").storeDurably().build();
	}

	@Bean
	Trigger planRepairTrigger(JobDetail planRepairJob) {
		return TriggerBuilder.newTrigger()
			.forJob(planRepairJob)
			.withIdentity("plan-repair")
			.startAt(new Date(System.currentTimeMillis() + ReminderEvents.MISSED_AFTER.toMillis()))
			.withSchedule(SimpleScheduleBuilder.repeatMinutelyForever())
			.build();
	}

	/**
	 * Plans the licences whose event-driven planning was lost
	 * ({@link ReminderEvents#repairMissed}).
	 */
	@DisallowConcurrentExecution
	static class PlanRepairJob implements Job {

		@Autowired
		private ReminderEvents events;

		@Override
		public void execute(JobExecutionContext context) {
			events.repairMissed();
		}

	}

	/**
	 * Dispatches until a poll finds nothing due (bounded, so one run cannot hold on
	 * forever). Then, when the next pending task falls due before the next poll, it
	 * schedules one extra run at that moment: reminders fall due together at their
	 * stage's time of day, and are sent then rather than up to a poll interval later.
	 * Tasks planned after this run are found by the polls.
	 */
	@DisallowConcurrentExecution
	static class DispatchJob implements Job {

		private static final Logger log = LoggerFactory.getLogger(DispatchJob.class);

		private static final TriggerKey AT_NEXT_DUE = TriggerKey.triggerKey("dispatch-at-next-due");

		@Autowired
		private Dispatcher dispatcher;

		@Autowired
		private DispatchProperties properties;

		@Override
		public void execute(JobExecutionContext context) {
			for (int round = 0; round < 50 && dispatcher.dispatchOnce() >= properties.batchSize(); round++) {
				// a full batch: more may be due
			}
			dispatcher.untilNextDue(properties.pollInterval()).ifPresent(delay -> wakeAfter(context, delay));
		}

		private static void wakeAfter(JobExecutionContext context, Duration delay) {
			Date at = new Date(System.currentTimeMillis() + wakeDelayMillis(delay));
			try {
				Scheduler scheduler = context.getScheduler();
				Trigger poll = scheduler.getTrigger(TriggerKey.triggerKey(DISPATCH));
				if (poll == null || poll.getNextFireTime() == null || !at.before(poll.getNextFireTime())) {
					return;
				}
				Trigger wake = TriggerBuilder.newTrigger()
					.forJob(context.getJobDetail().getKey())
					.withIdentity(AT_NEXT_DUE)
					.startAt(at)
					.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
					.build();
				if (scheduler.checkExists(AT_NEXT_DUE)) {
					scheduler.rescheduleJob(AT_NEXT_DUE, wake);
				}
				else {
					scheduler.scheduleJob(wake);
				}
			}
			catch (SchedulerException ex) {
				log.warn("Could not schedule a dispatch at the next due time; the next poll finds the tasks", ex);
			}
		}

	}

	/**
	 * The delay before the run at the next due time, in whole milliseconds: rounded up
	 * and with {@link #WAKE_MARGIN_MILLIS} added, so that the run never starts before the
	 * task is due (Quartz fires a trigger up to 2 ms early; a run that starts a moment
	 * early claims nothing, and the task would wait for the next poll).
	 */
	static long wakeDelayMillis(Duration delay) {
		return (delay.toNanos() + 999_999) / 1_000_000 + WAKE_MARGIN_MILLIS;
	}

	/** Re-plans every licence; repairs whatever event-driven planning missed. */
	@DisallowConcurrentExecution
	static class SweepJob implements Job {

		@Autowired
		private Sweep sweep;

		@Override
		public void execute(JobExecutionContext context) {
			sweep.run();
		}

	}

}
