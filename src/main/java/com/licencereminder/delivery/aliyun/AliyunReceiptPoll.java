package com.licencereminder.delivery.aliyun;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponseBody.QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO;
import com.licencereminder.delivery.AttemptStatus;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.FailureClass;
import com.licencereminder.delivery.ProviderReports;
import com.licencereminder.delivery.ReceiptWalk;
import com.licencereminder.delivery.ProviderReports.AwaitingReceipt;
import com.licencereminder.delivery.aliyun.AliyunConfiguration.AliyunClients;
import com.licencereminder.delivery.aliyun.AliyunSmsSender.Records;
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
 * Receipts Aliyun did not deliver: Aliyun drops a push after three tries, so texts still
 * without a final status {@code receipt-timeout} (30 minutes) after they were sent, and
 * at most {@value #LOOKBACK_DAYS} days old, are looked up in {@code QuerySendDetails}
 * ({@value #BATCH} a run, oldest first) and their receipt recorded as if pushed:
 * delivered, or undelivered with Aliyun's error code. Each run goes on after the last
 * text the previous one asked about, and starts again at the oldest after a run that
 * reached the newest, so texts Aliyun keeps reporting as waiting cannot hold back newer
 * ones. Aliyun is asked only about the text's send date (the day it was created, or the
 * next when that was within {@value #SEND_MARGIN_MINUTES} minutes of midnight). The
 * Quartz job runs it every {@value #EVERY_MINUTES} minutes when the dispatcher runs
 * ({@code licence-reminder.dispatch.enabled}).
 */
@Component
@ConditionalOnAliyun
class AliyunReceiptPoll {

	static final int BATCH = ReceiptWalk.BATCH;

	static final int LOOKBACK_DAYS = ReceiptWalk.LOOKBACK_DAYS;

	static final int EVERY_MINUTES = 5;

	/** How long after its attempt was created Aliyun may have taken a text in. */
	static final int SEND_MARGIN_MINUTES = 5;

	private static final Logger log = LoggerFactory.getLogger(AliyunReceiptPoll.class);

	private final AliyunSmsSender sms;

	private final ProviderReports reports;

	private final ReceiptWalk walk;

	AliyunReceiptPoll(AliyunSmsSender sms, ProviderReports reports, AliyunClients clients, Clock clock) {
		this.sms = sms;
		this.reports = reports;
		this.walk = new ReceiptWalk(reports, AliyunSmsSender.PROVIDER, clients.properties().receiptTimeout(), clock);
	}

	/**
	 * Asks Aliyun about one batch of texts without a final status; how many were settled.
	 */
	int pollOnce() {
		List<AwaitingReceipt> batch = walk.next();
		int settled = 0;
		for (AwaitingReceipt attempt : batch) {
			Records records = sms.records(attempt.attemptId(), attempt.recipient(), attempt.createdAt(),
					attempt.createdAt().plus(Duration.ofMinutes(SEND_MARGIN_MINUTES)));
			if (records.unknown() != null || records.found().size() != 1) {
				log.debug("No receipt for text {} from QuerySendDetails: {}", attempt.attemptId(),
						records.unknown() != null ? records.unknown() : records.found().size() + " records");
				continue;
			}
			QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO detail = records.found().get(0);
			Long status = detail.getSendStatus();
			if (status != null && status == AliyunSmsSender.DELIVERED) {
				reports.reported(attempt.attemptId(), "DELIVERED", AttemptStatus.DELIVERED, null, false);
				settled++;
			}
			else if (status != null && status == AliyunSmsSender.FAILED) {
				String code = detail.getErrCode() == null ? "UNDELIVERED" : detail.getErrCode();
				reports.reported(attempt.attemptId(), code, AttemptStatus.UNDELIVERED, code,
						FailureClass.of(code).outcome() == Outcome.PERMANENT_FAILURE);
				settled++;
			}
		}
		if (settled > 0) {
			log.info("Recorded {} receipts Aliyun had not pushed, from QuerySendDetails", settled);
		}
		return settled;
	}

	/** The Quartz job that polls. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAliyun
	@ConditionalOnProperty(name = "licence-reminder.dispatch.enabled", havingValue = "true", matchIfMissing = true)
	static class Schedule {

		@Bean
		JobDetail aliyunReceiptJob() {
			return JobBuilder.newJob(PollJob.class).withIdentity("aliyun-receipts").storeDurably().build();
		}

		@Bean
		Trigger aliyunReceiptTrigger(JobDetail aliyunReceiptJob) {
			return TriggerBuilder.newTrigger()
				.forJob(aliyunReceiptJob)
				.withIdentity("aliyun-receipts")
				.withSchedule(SimpleScheduleBuilder.repeatMinutelyForever(EVERY_MINUTES))
				.build();
		}

	}

	@DisallowConcurrentExecution
	static class PollJob implements Job {

		@Autowired
		private AliyunReceiptPoll poll;

		@Override
		public void execute(JobExecutionContext context) {
			poll.pollOnce();
		}

	}

}
