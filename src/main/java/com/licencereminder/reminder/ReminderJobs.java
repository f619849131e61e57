package com.licencereminder.reminder;

import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.TimeZone;

/**
 * The engine's Quartz jobs (in-memory job store: the durable state is in MongoDB, so several
 * instances can run side by side): dispatch every {@code licence-reminder.dispatch.poll-interval},
 * and the nightly re-plan sweep ({@code licence-reminder.reminders.sweep-cron}, default 02:00 in the
 * service's zone). Neither runs twice at once in one instance.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "licence-reminder.dispatch.enabled", havingValue = "true", matchIfMissing = true)
class ReminderJobs {

	@Bean
	JobDetail dispatchJob() {
		return JobBuilder.newJob(DispatchJob.class).withIdentity("dispatch").storeDurably().build();
	}

	@Bean
	Trigger dispatchTrigger(JobDetail dispatchJob, DispatchProperties properties) {
		return TriggerBuilder.newTrigger()
			.forJob(dispatchJob)
			.withIdentity("dispatch")
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

	/** Dispatches until a poll finds nothing due (bounded, so one run cannot hold on forever). */
	@DisallowConcurrentExecution
	static class DispatchJob implements Job {

		@Autowired
		private Dispatcher dispatcher;

		@Autowired
		private DispatchProperties properties;

		@Override
		public void execute(JobExecutionContext context) {
			for (int round = 0; round < 50 && dispatcher.dispatchOnce() >= properties.batchSize(); round++) {
				// a full batch: more may be due
			}
		}

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
