package com.licencereminder.reminder;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.licencereminder.delivery.twilio.TwilioStandIn;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.importing.ImportApi;
import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The loop through Twilio stand-ins: an imported licence due now is texted and called
 * through the Twilio API, a reply "1" to the text stops the rest of its cycle, and an
 * unanswered call goes back to the engine for a retry.
 */
class TwilioLoopTests extends TwilioStandIn {

	static final String MOBILE = "+8613812345677";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	ReminderEvents events;

	@BeforeEach
	void cleanStore() {
		TestStores.clear(mongo);
		accepts(MESSAGES, "SM00000000000000000000000000000001");
		accepts(CALLS, "CA00000000000000000000000000000001");
	}

	/**
	 * A licence five days from expiry: its seven-day stage (SMS and a call) is due now.
	 */
	Licence importDueLicence() throws Exception {
		LocalDate validUntil = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(5);
		String csv = "企业名称,证照名称,证照编号,有效期至,联系电话\n甲店,食品经营许可证,JY5," + validUntil + ",13812345677\n";
		assertThat(new ImportApi(mvc).importAndWait("list.csv", csv.getBytes(StandardCharsets.UTF_8)))
			.containsEntry("status", "COMPLETED");
		await().atMost(Duration.ofSeconds(30)).until(() -> !events.isPlanning());
		return mongo.findById(Licence.idFor("食品经营许可证", "JY5"), Licence.class);
	}

	Map<String, ReminderTask> tasks(Licence licence) {
		return mongo
			.find(Query.query(Criteria.where("licenceId").is(licence.id()).and("cycle").is(licence.cycle())),
					ReminderTask.class)
			.stream()
			.collect(Collectors.toMap(task -> task.offsetDays() + ":" + task.channel(), Function.identity()));
	}

	@Test
	void aReplyOneToTheTextStopsTheRestOfTheCycle() throws Exception {
		Licence licence = importDueLicence();
		dispatcher.dispatchOnce();

		Map<String, ReminderTask> tasks = tasks(licence);
		assertThat(tasks.get("7:SMS").status()).isEqualTo(TaskStatus.SENT);
		assertThat(tasks.get("7:VOICE").status()).isEqualTo(TaskStatus.SENT);
		List<LoggedRequest> texts = twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
		assertThat(texts).singleElement()
			.satisfies(text -> assertThat(text.formParameter("To").firstValue()).isEqualTo(MOBILE));
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(CALLS)))).hasSize(1);

		mvc.perform(signed("/webhooks/twilio/sms/inbound", Map.of("From", MOBILE, "To", FROM, "Body", "1")))
			.andExpect(status().isOk());

		ReminderPlan plan = mongo.findById(ReminderPlan.idOf(licence.id(), licence.cycle()), ReminderPlan.class);
		assertThat(plan.state()).isEqualTo(ReminderPlan.State.ACKNOWLEDGED);
		assertThat(plan.stoppedBy()).isEqualTo("sms:138****5677");
		assertThat(tasks(licence).get("0:SMS").status()).isEqualTo(TaskStatus.CANCELLED);
	}

	@Test
	void anUnansweredCallIsRetried() throws Exception {
		Licence licence = importDueLicence();
		dispatcher.dispatchOnce();
		ReminderTask call = tasks(licence).get("7:VOICE");
		String attemptId = call.attemptIds().get(call.attemptIds().size() - 1);

		mvc.perform(signed("/webhooks/twilio/status/" + attemptId, Map.of("CallSid", "CA1", "CallStatus", "no-answer")))
			.andExpect(status().isNoContent());

		ReminderTask retried = tasks(licence).get("7:VOICE");
		assertThat(retried.status()).isEqualTo(TaskStatus.PENDING);
		assertThat(retried.errorCode()).isEqualTo("no-answer");
		assertThat(retried.dueAt()).isAfter(call.updatedAt());
	}

}
