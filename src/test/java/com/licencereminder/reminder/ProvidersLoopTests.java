package com.licencereminder.reminder;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.DeliveryRequest;
import com.licencereminder.delivery.DeliveryResult;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The delivery issue's whole loop against stand-ins for every provider (WireMock for
 * Twilio and WeChat): a licence due now is texted, messaged on the mini-program and
 * called with exactly the expected requests; a signed delivery report shows in the
 * delivery log, an unsigned one is refused; a reply TD stops texts to that number;
 * permanent failures on every channel end on the follow-up list. The templates are
 * long-term, so the imported openids may receive messages without a subscription.
 */
class ProvidersLoopTests extends TwilioStandIn {

	static final String MOBILE = "+8613812345601";

	static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

	static final WireMockServer wechat = new WireMockServer(options().dynamicPort().bindAddress("localhost"));

	static {
		wechat.start();
	}

	@DynamicPropertySource
	static void wechatApi(DynamicPropertyRegistry properties) {
		properties.add("licence-reminder.wechat.api-base-url", () -> "http://localhost:" + wechat.port());
		properties.add("licence-reminder.wechat.app-id", () -> "wx-app");
		properties.add("licence-reminder.wechat.app-secret", () -> "wx-secret");
		properties.add("licence-reminder.wechat.template-id", () -> "TPL-EXPIRY");
		properties.add("licence-reminder.wechat.subscription", () -> "long-term");
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
	Deliveries deliveries;

	@BeforeEach
	void reset() {
		TestStores.clear(mongo);
		wechat.resetAll();
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"WX-TOKEN\",\"expires_in\":7200}")));
	}

	@Test
	void aLicenceDueNowIsTextedMessagedAndCalledWithExactlyTheExpectedRequests() throws Exception {
		accepts(MESSAGES, "SM00000000000000000000000000000042");
		accepts(CALLS, "CA00000000000000000000000000000042");
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
			.willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
		Licence licence = importDue("JY42", "13812345601", OPENID);

		dispatcher.dispatchOnce();

		List<LoggedRequest> texts = twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
		assertThat(texts).singleElement().satisfies(text -> {
			assertThat(text.formParameter("To").firstValue()).isEqualTo(MOBILE);
			assertThat(text.formParameter("From").firstValue()).isEqualTo(FROM);
			assertThat(text.formParameter("Body").firstValue()).contains("JY42").contains("回复TD退订");
			assertThat(text.formParameter("StatusCallback").firstValue())
				.startsWith(PUBLIC_BASE_URL + "/webhooks/twilio/status/");
		});
		List<LoggedRequest> calls = twilio.findAll(postRequestedFor(urlPathEqualTo(CALLS)));
		assertThat(calls).singleElement().satisfies(call -> {
			assertThat(call.formParameter("To").firstValue()).isEqualTo(MOBILE);
			assertThat(call.formParameter("Twiml").firstValue()).contains("<Say language=\"zh-CN\"")
				.contains("<Gather");
		});
		wechat.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
			.withQueryParam("access_token", equalTo("WX-TOKEN")));
		assertThat(wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send")))
			.get(0)
			.getBodyAsString()).contains("\"touser\":\"" + OPENID + "\"")
			.contains("\"template_id\":\"TPL-EXPIRY\"")
			.contains("JY42");
		Map<String, ReminderTask> tasks = tasks(licence);
		assertThat(List.of("7:SMS", "7:MINI_PROGRAM", "7:VOICE"))
			.allSatisfy(key -> assertThat(tasks.get(key).status()).isEqualTo(TaskStatus.SENT));
	}

	@Test
	void aSignedDeliveryReportShowsInTheLogAndAnUnsignedOneIsRefused() throws Exception {
		accepts(MESSAGES, "SM00000000000000000000000000000043");
		accepts(CALLS, "CA00000000000000000000000000000043");
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send")).willReturn(okJson("{\"errcode\":0}")));
		Licence licence = importDue("JY43", "13812345601", null);
		dispatcher.dispatchOnce();
		ReminderTask sms = tasks(licence).get("7:SMS");
		String callback = "/webhooks/twilio/status/" + sms.attemptIds().get(0);
		Map<String, String> delivered = Map.of("MessageSid", "SM00000000000000000000000000000043", "MessageStatus",
				"delivered");

		mvc.perform(unsigned(callback, delivered)).andExpect(status().isForbidden());
		mvc.perform(signed(callback, delivered)).andExpect(status().is2xxSuccessful());

		mvc.perform(get("/api/deliveries").param("licenceId", licence.id())
			.param("channel", "SMS")
			.with(httpBasic("admin", "test-secret")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].status").value("DELIVERED"));
	}

	@Test
	void aReplyTdStopsTextsToThatNumberButNotCalls() throws Exception {
		accepts(MESSAGES, "SM00000000000000000000000000000044");
		accepts(CALLS, "CA00000000000000000000000000000044");
		Licence licence = importDue("JY44", "13812345601", null);
		dispatcher.dispatchOnce();

		mvc.perform(signed("/webhooks/twilio/sms/inbound", Map.of("From", MOBILE, "To", FROM, "Body", "TD")))
			.andExpect(status().isOk());

		DeliveryRequest.LicenceLine line = new DeliveryRequest.LicenceLine(licence.id(), 1, licence.licenceType(),
				licence.licenceNumber(), licence.validUntil(), null);
		DeliveryResult text = deliveries
			.send(new DeliveryRequest("after-td-sms", Channel.SMS, MOBILE, "甲店", 0, List.of(line), false));
		DeliveryResult call = deliveries
			.send(new DeliveryRequest("after-td-call", Channel.VOICE, MOBILE, "甲店", 0, List.of(line), false));
		assertThat(text.outcome()).isEqualTo(DeliveryResult.Outcome.PERMANENT_FAILURE);
		assertThat(text.errorCode()).isEqualTo(Deliveries.OPTED_OUT);
		assertThat(call.outcome()).isEqualTo(DeliveryResult.Outcome.SENT);
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(1);
	}

	@Test
	void permanentFailuresOnEveryChannelEndOnTheFollowUpList() throws Exception {
		refuses(MESSAGES, 400, 21211);
		refuses(CALLS, 400, 21211);
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
			.willReturn(okJson("{\"errcode\":43101,\"errmsg\":\"user refuse to accept the msg\"}")));
		Licence licence = importDue("JY45", "13812345601", OPENID);

		dispatcher.dispatchOnce();

		Map<String, ReminderTask> tasks = tasks(licence);
		assertThat(List.of("7:SMS", "7:MINI_PROGRAM", "7:VOICE"))
			.allSatisfy(key -> assertThat(tasks.get(key).status()).isEqualTo(TaskStatus.FAILED));
		assertThat(tasks.get("7:MINI_PROGRAM").errorCode()).isEqualTo("43101");
		mvc.perform(get("/api/follow-ups").with(httpBasic("admin", "test-secret")))
			.andExpect(
					jsonPath("$.content[?(@.licenceId == '" + licence.id() + "')].reason").value("NO_WORKING_CHANNEL"));
	}

	/** Imports one licence five days from expiry: its seven-day stage is due now. */
	Licence importDue(String number, String phone, String openId) throws Exception {
		LocalDate validUntil = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(5);
		String csv = "企业名称,证照名称,证照编号,有效期至,联系电话,小程序openid\n甲店,食品经营许可证," + number + "," + validUntil + "," + phone + ","
				+ (openId == null ? "" : openId) + "\n";
		assertThat(new ImportApi(mvc).importAndWait("list.csv", csv.getBytes(StandardCharsets.UTF_8)))
			.containsEntry("status", "COMPLETED");
		await().atMost(Duration.ofSeconds(30)).until(() -> !events.isPlanning());
		return mongo.findById(Licence.idFor("食品经营许可证", number), Licence.class);
	}

	Map<String, ReminderTask> tasks(Licence licence) {
		return mongo
			.find(Query.query(Criteria.where("licenceId").is(licence.id()).and("cycle").is(licence.cycle())),
					ReminderTask.class)
			.stream()
			.collect(Collectors.toMap(task -> task.offsetDays() + ":" + task.channel(), Function.identity()));
	}

}
