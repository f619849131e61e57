package com.licencereminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import com.licencereminder.delivery.AttemptStatus;
import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.ProviderReports;
import com.licencereminder.delivery.DeliveryRequest;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.importing.ImportApi;
import com.licencereminder.shared.MutableClock;
import com.licencereminder.shared.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A failure the provider reports for an attempt after the send returned but before the
 * engine recorded the task as sent is acted on, not lost: the callback is made to arrive
 * in exactly that window by reporting it as the send returns.
 */
@SpringBootTest(
		properties = { "licence-reminder.dispatch.enabled=false", "licence-reminder.send-windows.enabled=false" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
class LateFailureTests {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	static final Instant NOW = ZonedDateTime.of(2026, 11, 27, 11, 0, 0, 0, ZONE).toInstant();

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(NOW, ZONE);
		}

	}

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	ReminderEvents events;

	@Autowired
	ProviderReports reports;

	@MockitoSpyBean
	Deliveries deliveries;

	@BeforeEach
	void reset() throws Exception {
		TestStores.clear(mongo);
		String csv = "企业名称,证照名称,证照编号,有效期至,联系电话\n甲店,食品经营许可证,JY30," + LocalDate.of(2026, 12, 27) + ",13812345677\n";
		assertThat(new ImportApi(mvc).importAndWait("list.csv", csv.getBytes(StandardCharsets.UTF_8)))
			.containsEntry("status", "COMPLETED");
		await().atMost(Duration.ofSeconds(30)).until(() -> !events.isPlanning());
	}

	@Test
	void aTransientFailureReportedBeforeTheTaskIsMarkedSentIsRetried() {
		reportAsTheSendReturns("30003", false);

		dispatcher.dispatchOnce();

		ReminderTask task = smsTask();
		assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
		assertThat(task.errorCode()).isEqualTo("30003");
		assertThat(task.dueAt()).isAfter(NOW);
		assertThat(task.attemptIds()).hasSize(1).doesNotContainNull();
		assertThat(mongo.findById(task.id(), Document.class, "reminder_tasks"))
			.doesNotContainKey(Outcomes.LATE_FAILURE);
	}

	@Test
	void aPermanentFailureReportedBeforeTheTaskIsMarkedSentFailsIt() {
		reportAsTheSendReturns("30005", true);

		dispatcher.dispatchOnce();

		ReminderTask task = smsTask();
		assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
		assertThat(task.errorCode()).isEqualTo("30005");
		assertThat(task.attemptIds()).hasSize(1).doesNotContainNull();
	}

	@Test
	void aProvidersLimitReportedAfterTheSendDefersTheTaskUntilItLiftsWithoutUsingAnAttempt() {
		reportAsTheSendReturns("LimitExceeded.PhoneNumberDailyLimit", false);

		dispatcher.dispatchOnce();

		ReminderTask task = smsTask();
		assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
		assertThat(task.attempts()).isZero();
		assertThat(task.dueAt()).as("the next day in the service's zone")
			.isEqualTo(ZonedDateTime.of(2026, 11, 28, 0, 0, 0, 0, ZONE).toInstant());
	}

	@Test
	void aFailureIsNotRecordedOnATaskAnotherInstanceTookOverMeanwhile() {
		doAnswer(invocation -> {
			DeliveryRequest request = invocation.<Deliveries.Ready>getArgument(0).request();
			mongo.updateFirst(Query.query(Criteria.where("_id").is(request.reference())),
					new Update().set("leaseOwner", "another-instance"), ReminderTask.class);
			return new DeliveryResult(DeliveryResult.Outcome.TRANSIENT_FAILURE, "attempt-x", null, "isp.SYSTEM_ERROR",
					"busy");
		}).when(deliveries).send(any(Deliveries.Ready.class));

		dispatcher.dispatchOnce();

		ReminderTask task = smsTask();
		assertThat(task.status()).as("left to the instance that holds it").isEqualTo(TaskStatus.SENDING);
		assertThat(task.leaseOwner()).isEqualTo("another-instance");
		assertThat(task.attemptIds()).doesNotContain("attempt-x");
	}

	@Test
	void aSendWithoutAReportedFailureStaysSent() {
		dispatcher.dispatchOnce();

		assertThat(smsTask().status()).isEqualTo(TaskStatus.SENT);
	}

	/**
	 * The provider's failure callback for the attempt is handled after the send, before
	 * the send returns to the engine.
	 */
	private void reportAsTheSendReturns(String errorCode, boolean permanent) {
		doAnswer(invocation -> {
			DeliveryResult result = (DeliveryResult) invocation.callRealMethod();
			DeliveryRequest request = invocation.<Deliveries.Ready>getArgument(0).request();
			if (request.channel() == Channel.SMS && result.outcome() == DeliveryResult.Outcome.SENT) {
				assertThat(reports.reported(result.attemptId(), "undelivered", AttemptStatus.UNDELIVERED, errorCode,
						permanent))
					.isTrue();
			}
			return result;
		}).when(deliveries).send(any(Deliveries.Ready.class));
	}

	private ReminderTask smsTask() {
		Licence licence = mongo.findById(Licence.idFor("食品经营许可证", "JY30"), Licence.class);
		return mongo.findById(ReminderTask.idOf(licence.id(), licence.cycle(), 30, ReminderChannel.SMS),
				ReminderTask.class);
	}

}
