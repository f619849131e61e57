package com.licencereminder.business;

import java.time.Clock;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Removes what has expired from the door's collections, every hour: sessions, limit
 * counters and pending verifications past their {@code expiresAt}. Each is useless once
 * expired (every reader checks the time), and the embedded store has no TTL indexes, so
 * without this they would grow with every sign-in and code request.
 */
@Component
class ExpiredRecords {

	private final MongoTemplate mongo;

	private final Clock clock;

	ExpiredRecords(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Removes the expired records; returns how many. */
	long purge() {
		Query expired = Query.query(Criteria.where("expiresAt").lte(clock.instant()));
		return mongo.remove(expired, BusinessSessions.Session.class).getDeletedCount()
				+ mongo.remove(expired, Limits.Counter.class).getDeletedCount()
				+ mongo.remove(expired, Verifications.Verification.class).getDeletedCount();
	}

	/** The hourly Quartz job. */
	@Configuration(proxyBeanMethods = false)
	static class Schedule {

		@Bean
		JobDetail businessPurgeJob() {
			return JobBuilder.newJob(PurgeJob.class).withIdentity("business-expired").storeDurably().build();
		}

		@Bean
		Trigger businessPurgeTrigger(JobDetail businessPurgeJob) {
			return TriggerBuilder.newTrigger()
				.forJob(businessPurgeJob)
				.withIdentity("business-expired")
				.withSchedule(SimpleScheduleBuilder.repeatHourlyForever())
				.build();
		}

	}

	@DisallowConcurrentExecution
	static class PurgeJob implements Job {

		@Autowired
		private ExpiredRecords records;

		@Override
		public void execute(JobExecutionContext context) {
			records.purge();
		}

	}

}
