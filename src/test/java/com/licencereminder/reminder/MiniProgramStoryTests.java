package com.licencereminder.reminder;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import com.licencereminder.delivery.twilio.TwilioStandIn;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.importing.ImportApi;
import com.licencereminder.shared.MutableClock;
import com.licencereminder.shared.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The businesses' door end to end, against stand-ins for WeChat and Twilio: a licence
 * imported with only a phone number; its business signs in through the mini-program API,
 * binds by the phone button's code and accepts one one-time subscription; the next due
 * reminder goes out as one subscribe message (quota now 0), the one after only as a text;
 * the business acknowledges RENEWING and the remaining reminders stop. Also: codes by SMS
 * bind once and a repeated code changes nothing, and probing for licences and numbers
 * gets the same answer whether they exist or not; a business that switched texts off is
 * not texted, while another licence of the same batch is.
 */
class MiniProgramStoryTests extends TwilioStandIn {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	static final Instant START = ZonedDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZONE).toInstant();

	static final String OPENID = "oBizUser0000000000000000042";

	static final String TEMPLATE = "TPL-EXPIRY";

	static final WireMockServer wechat = new WireMockServer(options().dynamicPort().bindAddress("localhost"));

	static {
		wechat.start();
	}

	@DynamicPropertySource
	static void wechatApi(DynamicPropertyRegistry properties) {
		properties.add("licence-reminder.wechat.api-base-url", () -> "http://localhost:" + wechat.port());
		properties.add("licence-reminder.wechat.app-id", () -> "wx-app");
		properties.add("licence-reminder.wechat.app-secret", () -> "wx-secret");
		properties.add("licence-reminder.wechat.template-id", () -> TEMPLATE);
	}

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		MutableClock storyClock() {
			return new MutableClock(START, ZONE);
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
	MutableClock clock;

	@BeforeEach
	void reset() {
		TestStores.clear(mongo);
		clock.set(START);
		wechat.resetAll();
		wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).willReturn(okJson(
				"{\"openid\":\"" + OPENID + "\",\"session_key\":\"SESSION-KEY-NEVER-SHOWN\",\"unionid\":\"u1\"}")));
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"WX-TOKEN\",\"expires_in\":7200}")));
		wechat.stubFor(post(urlPathEqualTo("/wxa/business/getuserphonenumber")).willReturn(okJson(
				"{\"errcode\":0,\"phone_info\":{\"phoneNumber\":\"13812345601\",\"purePhoneNumber\":\"13812345601\",\"countryCode\":\"86\"}}")));
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
			.willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":42}")));
		accepts(MESSAGES, "SM00000000000000000000000000000077");
	}

	@Test
	void aBusinessBindsSubscribesIsRemindedOnceByMiniProgramThenByTextAndStopsThemByRenewing() throws Exception {
		Licence licence = importLicence("JY77", "13812345601", LocalDate.of(2026, 6, 10));

		MockHttpServletResponse session = call(HttpMethod.POST, "/api/mp/session", null,
				"{\"code\":\"wx-login-code\"}");
		assertThat(session.getStatus()).isEqualTo(200);
		assertThat(session.getContentAsString()).doesNotContain("SESSION-KEY-NEVER-SHOWN").doesNotContain(OPENID);
		String token = JsonPath.read(session.getContentAsString(), "$.token");
		assertThat(wechat.findAll(getRequestedFor(urlPathEqualTo("/sns/jscode2session")))).singleElement()
			.satisfies(login -> assertThat(login.queryParameter("js_code").firstValue()).isEqualTo("wx-login-code"));

		MockHttpServletResponse bound = call(HttpMethod.POST, "/api/mp/bindings/phone", token,
				"{\"phoneCode\":\"phone-button-code\"}");
		assertThat(bound.getStatus()).isEqualTo(200);
		assertThat((String) JsonPath.read(bound.getContentAsString(), "$[0].licenceId")).isEqualTo(licence.id());
		wechat.verify(1, postRequestedFor(urlPathEqualTo("/wxa/business/getuserphonenumber"))
			.withQueryParam("access_token", com.github.tomakehurst.wiremock.client.WireMock.equalTo("WX-TOKEN")));

		MockHttpServletResponse subscribed = call(HttpMethod.POST, "/api/mp/subscriptions", token,
				"{\"results\":{\"" + TEMPLATE + "\":\"accept\"}}");
		assertThat(subscribed.getStatus()).isEqualTo(200);
		assertThat(quota()).isEqualTo(1);

		clock.set(ZonedDateTime.of(2026, 3, 12, 9, 0, 0, 0, ZONE).toInstant());
		dispatcher.dispatchOnce();
		wechat.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send")));
		assertThat(wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send")))
			.get(0)
			.getBodyAsString()).contains("\"touser\":\"" + OPENID + "\"").contains("JY77");
		assertThat(quota()).isZero();
		assertThat(tasks(licence).get("90:MINI_PROGRAM").status()).isEqualTo(TaskStatus.SENT);

		clock.set(ZonedDateTime.of(2026, 5, 11, 9, 0, 0, 0, ZONE).toInstant());
		dispatcher.dispatchOnce();
		wechat.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send")));
		ReminderTask thirtyMini = tasks(licence).get("30:MINI_PROGRAM");
		assertThat(thirtyMini.status()).isEqualTo(TaskStatus.SKIPPED);
		assertThat(thirtyMini.reason()).isEqualTo("reminder.skip.no-subscription");
		assertThat(tasks(licence).get("30:SMS").status()).isEqualTo(TaskStatus.SENT);
		int texts = twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size();
		assertThat(texts).as("the 90- and 30-day texts").isEqualTo(2);

		assertThat(call(HttpMethod.GET, "/api/mp/licences", token, null).getStatus())
			.as("the session of March has expired")
			.isEqualTo(401);
		token = signIn();
		MockHttpServletResponse mine = call(HttpMethod.GET, "/api/mp/licences", token, null);
		assertThat(mine.getStatus()).as(mine.getContentAsString()).isEqualTo(200);
		assertThat((Integer) JsonPath.read(mine.getContentAsString(), "$.length()")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(mine.getContentAsString(), "$[0].nextReminder.daysBefore")).isEqualTo(7);
		assertThat((Integer) JsonPath.read(mine.getContentAsString(), "$[0].sent.length()")).isEqualTo(3);

		MockHttpServletResponse acknowledged = call(HttpMethod.POST,
				"/api/mp/licences/" + licence.id() + "/acknowledge", token,
				"{\"reason\":\"RENEWING\",\"note\":\"材料已提交\"}");
		assertThat(acknowledged.getStatus()).isEqualTo(200);
		clock.set(ZonedDateTime.of(2026, 6, 10, 10, 0, 0, 0, ZONE).toInstant());
		dispatcher.dispatchOnce();
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(texts);
		wechat.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send")));
		assertThat(tasks(licence).values()).filteredOn(task -> task.offsetDays() <= 7)
			.allSatisfy(task -> assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED));
		assertThat(
				mongo.find(Query.query(Criteria.where("action").is("BUSINESS_BOUND")), Document.class, "audit_events"))
			.isNotEmpty();
	}

	@Test
	void aBusinessThatSwitchedTextsOffIsNotTextedWhileAnotherOfTheBatchIs() throws Exception {
		Licence switchedOff = importLicence("JY80", "13812345601", LocalDate.of(2026, 6, 10));
		Licence other = importLicence("JY81", "13912345602", LocalDate.of(2026, 6, 10));
		String token = signIn();
		assertThat(call(HttpMethod.POST, "/api/mp/bindings/phone", token, "{\"phoneCode\":\"phone-button-code\"}")
			.getStatus()).isEqualTo(200);
		assertThat(call(HttpMethod.PUT, "/api/mp/preferences", token, "{\"sms\":false}").getStatus()).isEqualTo(200);

		clock.set(ZonedDateTime.of(2026, 3, 12, 9, 0, 0, 0, ZONE).toInstant());
		dispatcher.dispatchOnce();

		ReminderTask withdrawn = tasks(switchedOff).get("90:SMS");
		assertThat(withdrawn.status()).isEqualTo(TaskStatus.SKIPPED);
		assertThat(withdrawn.reason()).isEqualTo("reminder.skip.withdrawn");
		assertThat(tasks(other).get("90:SMS").status()).isEqualTo(TaskStatus.SENT);
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).singleElement()
			.satisfies(text -> assertThat(text.formParameter("To").firstValue()).isEqualTo("+8613912345602"));
	}

	@Test
	void aCodeBySmsBindsOnceAndARepeatedCodeChangesNothing() throws Exception {
		Licence licence = importLicence("JY78", "13812345601", LocalDate.of(2026, 12, 31));
		String token = signIn();

		MockHttpServletResponse asked = call(HttpMethod.POST, "/api/mp/bindings/verification", token,
				"{\"licenceNumber\":\"JY78\",\"phone\":\"138 1234 5601\"}");
		assertThat(asked.getStatus()).isEqualTo(202);
		String text = twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))
			.get(0)
			.formParameter("Body")
			.firstValue();
		String code = text.replaceAll("\\D*(\\d{6}).*", "$1");

		MockHttpServletResponse bound = call(HttpMethod.POST, "/api/mp/bindings", token, "{\"code\":\"" + code + "\"}");
		assertThat(bound.getStatus()).isEqualTo(200);
		assertThat((String) JsonPath.read(bound.getContentAsString(), "$[0].licenceId")).isEqualTo(licence.id());

		MockHttpServletResponse again = call(HttpMethod.POST, "/api/mp/bindings", token, "{\"code\":\"" + code + "\"}");
		assertThat(again.getStatus()).isEqualTo(400);
		assertThat((String) JsonPath.read(again.getContentAsString(), "$.code")).isEqualTo("code-invalid");
		MockHttpServletResponse list = call(HttpMethod.GET, "/api/mp/bindings", token, null);
		assertThat((Integer) JsonPath.read(list.getContentAsString(), "$.length()")).isEqualTo(1);
	}

	@Test
	void probesForLicencesAndNumbersGetIdenticalAnswers() throws Exception {
		importLicence("JY79", "13812345601", LocalDate.of(2026, 12, 31));
		String token = signIn();

		String onFile = probe(token, "JY79", "13812345601");
		String otherNumber = probe(token, "JY79", "13912345602");
		String noSuchLicence = probe(token, "NO-SUCH", "13712345603");

		assertThat(onFile).startsWith("202 ");
		assertThat(otherNumber).isEqualTo(onFile);
		assertThat(noSuchLicence).isEqualTo(onFile);
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).as("only the number on file got a code")
			.hasSize(1);
		for (String guess : new String[] { "000000", "111111" }) {
			MockHttpServletResponse wrong = call(HttpMethod.POST, "/api/mp/bindings", token,
					"{\"code\":\"" + guess + "\"}");
			assertThat(wrong.getStatus()).isEqualTo(400);
			assertThat((String) JsonPath.read(wrong.getContentAsString(), "$.code")).isEqualTo("code-invalid");
		}
	}

	private String probe(String token, String licenceNumber, String phone) throws Exception {
		MockHttpServletResponse answer = call(HttpMethod.POST, "/api/mp/bindings/verification", token,
				"{\"licenceNumber\":\"" + licenceNumber + "\",\"phone\":\"" + phone + "\"}");
		return answer.getStatus() + " " + answer.getContentAsString();
	}

	private String signIn() throws Exception {
		return JsonPath.read(
				call(HttpMethod.POST, "/api/mp/session", null, "{\"code\":\"wx-login-code\"}").getContentAsString(),
				"$.token");
	}

	private MockHttpServletResponse call(HttpMethod method, String path, String token, String body) throws Exception {
		var builder = request(method, path);
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			builder.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		MockHttpServletResponse response = mvc.perform(builder).andReturn().getResponse();
		response.setCharacterEncoding("UTF-8");
		return response;
	}

	private int quota() {
		Document quota = mongo.findById(OPENID + "\n" + TEMPLATE, Document.class, "business_subscriptions");
		return quota == null ? -1 : quota.getInteger("quota");
	}

	private Licence importLicence(String number, String phone, LocalDate validUntil) throws Exception {
		String csv = "企业名称,证照名称,证照编号,有效期至,联系电话\n甲店,食品经营许可证," + number + "," + validUntil + "," + phone + "\n";
		assertThat(new ImportApi(mvc).importAndWait("list.csv", csv.getBytes(StandardCharsets.UTF_8)))
			.containsEntry("status", "COMPLETED");
		await().atMost(Duration.ofSeconds(30)).until(() -> !events.isPlanning());
		return mongo.findById(Licence.idFor("食品经营许可证", number), Licence.class);
	}

	private Map<String, ReminderTask> tasks(Licence licence) {
		return mongo
			.find(Query.query(Criteria.where("licenceId").is(licence.id()).and("cycle").is(licence.cycle())),
					ReminderTask.class)
			.stream()
			.collect(Collectors.toMap(task -> task.offsetDays() + ":" + task.channel(), Function.identity()));
	}

}
