package com.licencereminder.delivery.tencent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.licencereminder.delivery.AttemptStatus;
import com.licencereminder.delivery.ProviderReports;
import com.licencereminder.delivery.ReceiptWalk;
import com.licencereminder.delivery.ProviderReports.AwaitingReceipt;
import com.licencereminder.delivery.tencent.TencentConfiguration.TencentClients;
import com.licencereminder.delivery.tencent.TencentSmsSender.Records;
import com.tencentcloudapi.sms.v20210111.models.PullSmsSendStatus;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Receipts Tencent did not deliver: texts still without a final status
 * {@code receipt-timeout} (30 minutes) after they were sent, and at most
 * {@value #LOOKBACK_DAYS} days old, are looked up in
 * {@code PullSmsSendStatusByPhoneNumber} ({@value #BATCH} a run, oldest first) and their
 * receipt recorded as if pushed: delivered, or undelivered ({@code UNDELIVERED}: the pull
 * gives a description, not a code). Each run goes on after the last text the previous one
 * asked about, and starts again at the oldest after a run that reached the newest, so
 * texts Tencent has no report for cannot hold back newer ones. Tencent is asked about the
 * time from the text's send until now (its receipt may have come any time since). The
 * Quartz job runs it every {@value #EVERY_MINUTES} minutes when the dispatcher runs
 * ({@code licence-reminder.dispatch.enabled}).
 */
@Component
@ConditionalOnTencent
class TencentReceiptPoll {

	static final int BATCH = ReceiptWalk.BATCH;

	static final int LOOKBACK_DAYS = ReceiptWalk.LOOKBACK_DAYS;

	static final int EVERY_MINUTES = 5;

	private static final Logger log = LoggerFactory.getLogger(TencentReceiptPoll.class);

	private final TencentSmsSender sms;

	private final ProviderReports reports;

	private final Clock clock;

	private final ReceiptWalk walk;

	TencentReceiptPoll(TencentSmsSender sms, ProviderReports reports, TencentClients clients, Clock clock) {
		this.sms = sms;
		this.reports = reports;
		this.walk = new ReceiptWalk(reports, TencentSmsSender.PROVIDER, clients.properties().receiptTimeout(), clock);
		this.clock = clock;
	}

	/**
	 * Asks Tencent about one batch of texts without a final status; how many were
	 * settled.
	 */
	int pollOnce() {
		Instant now = clock.instant();
		List<AwaitingReceipt> batch = walk.next();
		int settled = 0;
		for (AwaitingReceipt attempt : batch) {
			Records records = sms.records(attempt.attemptId(), attempt.recipient(), attempt.createdAt(), now);
			if (records.unknown() != null || records.found().size() != 1) {
				log.debug("No receipt for text {} from PullSmsSendStatusByPhoneNumber: {}", attempt.attemptId(),
						records.unknown() != null ? records.unknown() : records.found().size() + " records");
				continue;
			}
			PullSmsSendStatus status = records.found().get(0);
			if (TencentSmsSender.SUCCESS.equals(status.getReportStatus())) {
				reports.reported(attempt.attemptId(), "DELIVERED", AttemptStatus.DELIVERED, null, false);
				settled++;
			}
			else if (TencentSmsSender.FAIL.equals(status.getReportStatus())) {
				reports.reported(attempt.attemptId(), "UNDELIVERED", AttemptStatus.UNDELIVERED, "UNDELIVERED", false);
				settled++;
			}
		}
		if (settled > 0) {
			log.info("Recorded {} receipts Tencent had not pushed, from PullSmsSendStatusByPhoneNumber", settled);
		}
		return settled;
	}

	/** The Quartz job that polls. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnTencent
	@ConditionalOnProperty(name = "licence-reminder.dispatch.enabled", havingValue = "true", matchIfMissing = true)
	static class Schedule {

		@Bean
		JobDetail tencentReceiptJob() {
			return JobBuilder.newJob(PollJob.class).withIdentity("tencent-receipts").storeDurably().build();
		}

		@Bean
		Trigger tencentReceiptTrigger(JobDetail tencentReceiptJob) {
			return TriggerBuilder.newTrigger()
				.forJob(tencentReceiptJob)
				.withIdentity("tencent-receipts")
				.withSchedule(SimpleScheduleBuilder.repeatMinutelyForever(EVERY_MINUTES))
				.build();
		}

	}

	@DisallowConcurrentExecution
	static class PollJob implements Job {

		@Autowired
		private TencentReceiptPoll poll;

		@Override
		public void execute(JobExecutionContext context) {
			poll.pollOnce();
		}

	}

}
