package com.licencereminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.aliyun.AliyunStandIn;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.importing.ImportApi;
import com.licencereminder.shared.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The loop through Aliyun: an imported list's due reminders go out as {@code SendSms} and
 * {@code IvrCall} with the configured signature, template and parameters; a pushed
 * receipt marks a text delivered; a reply TD stops further texts to that number; key 1 on
 * a call acknowledges the licence.
 */
class AliyunLoopTests extends AliyunStandIn {

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
		acceptsSms("900000000000000001^0");
		answers("IvrCall", "OK", "CallId", "116012354148^1028137");
	}

	void importList(String rows) throws Exception {
		String csv = "企业名称,证照名称,证照编号,有效期至,联系电话\n" + rows;
		assertThat(new ImportApi(mvc).importAndWait("list.csv", csv.getBytes(StandardCharsets.UTF_8)))
			.containsEntry("status", "COMPLETED");
		await().atMost(Duration.ofSeconds(30)).until(() -> !events.isPlanning());
	}

	Map<String, ReminderTask> tasks(String number) {
		Licence licence = mongo.findById(Licence.idFor("食品经营许可证", number), Licence.class);
		return mongo
			.find(Query.query(Criteria.where("licenceId").is(licence.id()).and("cycle").is(licence.cycle())),
					ReminderTask.class)
			.stream()
			.collect(Collectors.toMap(task -> task.offsetDays() + ":" + task.channel(), Function.identity()));
	}

	static String last(ReminderTask task) {
		return task.attemptIds().get(task.attemptIds().size() - 1);
	}

	void push(String kind, String body) throws Exception {
		mvc.perform(post("/webhooks/aliyun/" + WEBHOOK_TOKEN + "/" + kind).contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isOk());
	}

	@Test
	void anImportedListIsTextedAndCalledThroughAliyunAndItsReceiptsAndRepliesAreActedOn() throws Exception {
		LocalDate inFiveDays = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(5);
		importList("甲店,食品经营许可证,JY1," + inFiveDays + ",13812345670\n乙店,食品经营许可证,JY2," + inFiveDays + ",13812345671\n");

		dispatcher.dispatchOnce();

		List<LoggedRequest> texts = requests("SendSms");
		assertThat(texts).hasSize(2).allSatisfy(text -> {
			assertThat(text.queryParameter("SignName").firstValue()).isEqualTo(SIGN_NAME);
			assertThat(text.queryParameter("TemplateCode").firstValue()).isEqualTo(SMS_TEMPLATE);
			assertThat(text.queryParameter("TemplateParam").firstValue()).contains("\"licenceType\":\"食品经营许可证\"",
					"\"validUntil\":\"" + inFiveDays.getYear() + "年");
		});
		assertThat(texts).extracting(text -> text.queryParameter("PhoneNumbers").firstValue())
			.containsExactlyInAnyOrder("13812345670", "13812345671");
		assertThat(requests("IvrCall")).hasSize(2);
		Map<String, ReminderTask> first = tasks("JY1");
		assertThat(first.get("7:SMS").status()).isEqualTo(TaskStatus.SENT);
		assertThat(first.get("7:VOICE").status()).isEqualTo(TaskStatus.SENT);

		String textId = last(first.get("7:SMS"));
		push("sms-report",
				"[{\"phone_number\":\"13812345670\",\"success\":true,\"err_code\":\"DELIVERED\",\"biz_id\":\"B\",\"out_id\":\""
						+ textId + "\"}]");
		assertThat(mongo.findById(textId, Document.class, "delivery_attempts").getString("status"))
			.isEqualTo("DELIVERED");

		push("sms-up", "[{\"phone_number\":\"13812345671\",\"content\":\"TD\",\"sign_name\":\"" + SIGN_NAME
				+ "\",\"sequence_id\":2}]");
		importList("乙店,食品经营许可证,JY3," + inFiveDays + ",13812345671\n");
		dispatcher.dispatchOnce();
		assertThat(tasks("JY3").get("7:SMS").errorCode()).isEqualTo(Deliveries.OPTED_OUT);
		assertThat(requests("SendSms")).hasSize(2);

		push("voice-report", "[{\"out_id\":\"" + last(first.get("7:VOICE"))
				+ "\",\"status_code\":\"200000\",\"dtmf\":\"1\",\"callee\":\"13812345670\"}]");
		Licence licence = mongo.findById(Licence.idFor("食品经营许可证", "JY1"), Licence.class);
		ReminderPlan plan = mongo.findById(ReminderPlan.idOf(licence.id(), licence.cycle()), ReminderPlan.class);
		assertThat(plan.state()).isEqualTo(ReminderPlan.State.ACKNOWLEDGED);
		assertThat(tasks("JY1").get("0:SMS").status()).isEqualTo(TaskStatus.CANCELLED);
	}

}
