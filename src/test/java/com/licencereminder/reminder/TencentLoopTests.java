package com.licencereminder.reminder;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.jayway.jsonpath.JsonPath;
import com.licencereminder.delivery.aliyun.AliyunStandIn;
import com.licencereminder.delivery.tencent.TencentStandIn;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.importing.ImportApi;
import com.licencereminder.shared.Role;
import com.licencereminder.shared.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The loop through Aliyun and Tencent routed {@code aliyun,tencent}: Aliyun out of credit
 * ({@code isv.AMOUNT_NOT_ENOUGH}) passes the due reminders of an imported list to
 * Tencent, each sent there exactly once, with the failed Aliyun attempt and the Tencent
 * attempt in the delivery log; Aliyun's circuit stays open, so later reminders go
 * straight to Tencent; the overview's providers panel and the delivery log's provider
 * filter show Tencent. The dispatcher sends one at a time here, so that the first refusal
 * opens the circuit before the next send starts (with several sends in flight, each of
 * them may still reach Aliyun once).
 */
@TestPropertySource(properties = { "licence-reminder.routing.sms=aliyun,tencent",
		"licence-reminder.routing.voice=aliyun,tencent", "licence-reminder.delivery.resilience.open-for=10m",
		"licence-reminder.dispatch.concurrency=1", "licence-reminder.tencent.secret-id=" + TencentStandIn.SECRET_ID,
		"licence-reminder.tencent.secret-key=test-secret-key", "licence-reminder.tencent.protocol=http",
		"licence-reminder.tencent.sms-sdk-app-id=" + TencentStandIn.SMS_APP,
		"licence-reminder.tencent.sign-name=" + TencentStandIn.SIGN_NAME,
		"licence-reminder.tencent.sms-template-id=" + TencentStandIn.SMS_TEMPLATE,
		"licence-reminder.tencent.voice-sdk-app-id=" + TencentStandIn.VOICE_APP,
		"licence-reminder.tencent.voice-template-id=" + TencentStandIn.VOICE_TEMPLATE,
		"licence-reminder.tencent.connect-timeout=1s", "licence-reminder.tencent.read-timeout=2s",
		"licence-reminder.tencent.limits.texts-per-thirty-seconds=1000",
		"licence-reminder.tencent.limits.texts-per-hour=1000", "licence-reminder.tencent.limits.texts-per-day=1000" })
class TencentLoopTests extends AliyunStandIn {

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	ReminderEvents events;

	@DynamicPropertySource
	static void tencentApi(DynamicPropertyRegistry properties) {
		properties.add("licence-reminder.tencent.sms-endpoint", TencentStandIn::endpoint);
		properties.add("licence-reminder.tencent.voice-endpoint", TencentStandIn::endpoint);
	}

	@BeforeEach
	void cleanStore() {
		TestStores.clear(mongo);
		TencentStandIn.resetStandIn();
		answers("SendSms", "isv.AMOUNT_NOT_ENOUGH", null, null);
		answers("IvrCall", "OK", "CallId", "116012354148^1028137");
		TencentStandIn.acceptsSms("2433:332651937917203568820001");
	}

	void importList(String rows) throws Exception {
		String csv = "企业名称,证照名称,证照编号,有效期至,联系电话\n" + rows;
		assertThat(new ImportApi(mvc).importAndWait("list.csv", csv.getBytes(StandardCharsets.UTF_8)))
			.containsEntry("status", "COMPLETED");
		await().atMost(Duration.ofSeconds(30)).until(() -> !events.isPlanning());
	}

	static String json(LoggedRequest request, String path) {
		return JsonPath.read(request.getBodyAsString(), path);
	}

	/** The SMS attempts of the delivery log, oldest first. */
	List<Document> texts() {
		return mongo.find(Query.query(Criteria.where("channel").is("SMS")).with(Sort.by("createdAt")), Document.class,
				"delivery_attempts");
	}

	@Test
	void remindersAliyunCannotPayForGoOutOnceEachThroughTencentAndAliyunStaysOut() throws Exception {
		LocalDate inFiveDays = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(5);
		importList("甲店,食品经营许可证,JY1," + inFiveDays + ",13812345670\n乙店,食品经营许可证,JY2," + inFiveDays
				+ ",13812345671\n丙店,食品经营许可证,JY3," + inFiveDays + ",13812345672\n");

		dispatcher.dispatchOnce();

		assertThat(requests("SendSms")).as("Aliyun is asked once, then its circuit is open").hasSize(1);
		List<LoggedRequest> atTencent = TencentStandIn.requests("SendSms");
		assertThat(atTencent).extracting(text -> json(text, "$.PhoneNumberSet[0]"))
			.containsExactlyInAnyOrder("+8613812345670", "+8613812345671", "+8613812345672");
		assertThat(atTencent).allSatisfy(text -> {
			assertThat(json(text, "$.SignName")).isEqualTo(TencentStandIn.SIGN_NAME);
			assertThat(json(text, "$.TemplateId")).isEqualTo(TencentStandIn.SMS_TEMPLATE);
			assertThat(matchingJsonPath("$.TemplateParamSet[0]", equalTo("食品经营许可证")).match(text.getBodyAsString())
				.isExactMatch()).isTrue();
			assertThat(json(text, "$.TemplateParamSet[2]")).startsWith(inFiveDays.getYear() + "年");
		});
		Map<String, List<Document>> byReference = texts().stream()
			.collect(Collectors.groupingBy(attempt -> attempt.getString("reference")));
		assertThat(byReference).hasSize(3).allSatisfy((reference, attempts) -> {
			assertThat(attempts).filteredOn(attempt -> "tencent".equals(attempt.getString("provider")))
				.singleElement()
				.satisfies(attempt -> {
					assertThat(attempt.getString("status")).isEqualTo("SENT");
					assertThat(attempt.getString("providerId")).isEqualTo("2433:332651937917203568820001");
					assertThat(attempt.getString("text")).startsWith("【" + TencentStandIn.SIGN_NAME + "】您的食品经营许可证");
					assertThat(atTencent).as("Tencent's requests with SessionContext %s", attempt.getString("_id"))
						.filteredOn(text -> attempt.getString("_id").equals(json(text, "$.SessionContext")))
						.hasSize(1);
				});
		});
		assertThat(texts())
			.filteredOn(attempt -> "aliyun".equals(attempt.getString("provider"))
					&& "isv.AMOUNT_NOT_ENOUGH".equals(attempt.getString("errorCode")))
			.singleElement()
			.satisfies(aliyun -> {
				assertThat(aliyun.getString("status")).isEqualTo("FAILED");
				assertThat(byReference.get(aliyun.getString("reference")))
					.extracting(attempt -> attempt.getString("provider"))
					.containsExactly("aliyun", "tencent");
			});
		Licence licence = mongo.findById(Licence.idFor("食品经营许可证", "JY1"), Licence.class);
		assertThat(mongo
			.find(Query.query(Criteria.where("licenceId").is(licence.id()).and("cycle").is(licence.cycle())),
					ReminderTask.class)
			.stream()
			.filter(task -> task.offsetDays() == 7 && task.channel().name().equals("SMS"))
			.map(ReminderTask::status)).containsExactly(TaskStatus.SENT);

		String overview = mvc.perform(get("/").with(user("op").roles(Role.OPERATOR.name())))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(overview.substring(overview.indexOf("id=\"providers-panel\""))).contains("<td>tencent</td>",
				"<td>aliyun</td>", "isv.AMOUNT_NOT_ENOUGH");
		String tencentOnly = mvc
			.perform(get("/deliveries").param("provider", "tencent").with(user("op").roles(Role.OPERATOR.name())))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(tencentOnly).contains("2433:332651937917203568820001").doesNotContain("isv.AMOUNT_NOT_ENOUGH");

		dispatcher.dispatchOnce();
		importList("丁店,食品经营许可证,JY4," + inFiveDays + ",13812345673\n");
		dispatcher.dispatchOnce();

		assertThat(requests("SendSms")).as("the circuit is still open: Aliyun is not asked").hasSize(1);
		assertThat(TencentStandIn.requests("SendSms")).extracting(text -> json(text, "$.PhoneNumberSet[0]"))
			.containsExactlyInAnyOrder("+8613812345670", "+8613812345671", "+8613812345672", "+8613812345673");
	}

}
