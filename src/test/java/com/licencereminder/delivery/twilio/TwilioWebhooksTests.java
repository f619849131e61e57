package com.licencereminder.delivery.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.jayway.jsonpath.JsonPath;
import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.DeliveryFailed;
import com.licencereminder.delivery.DeliveryRequest;
import com.licencereminder.delivery.DeliveryRequest.LicenceLine;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.ReminderAcknowledged;
import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The Twilio webhooks: signature check, status callbacks (repeated, out of order, late
 * failures), replies and keypresses, seen through the delivery log API and the events the
 * engine listens to.
 */
@RecordApplicationEvents
class TwilioWebhooksTests extends TwilioStandIn {

	static final String MOBILE = "+8613812345678";

	@Autowired
	MockMvc mvc;

	@Autowired
	Deliveries deliveries;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	ApplicationEvents events;

	@BeforeEach
	void cleanStore() {
		TestStores.clear(mongo);
	}

	static DeliveryRequest request(Channel channel, String recipient, String... licenceIds) {
		List<LicenceLine> licences = Arrays.stream(licenceIds)
			.map(id -> new LicenceLine(id, 1, "食品经营许可证", "JY-" + id, LocalDate.now().plusDays(30), null))
			.toList();
		return new DeliveryRequest(UUID.randomUUID().toString(), channel, recipient, "许昌市魏都区甲餐饮店", 30, licences, false);
	}

	DeliveryResult sent(Channel channel, String recipient, String... licenceIds) {
		accepts(MESSAGES, "SM" + UUID.randomUUID().toString().replace("-", ""));
		accepts(CALLS, "CA" + UUID.randomUUID().toString().replace("-", ""));
		DeliveryResult result = deliveries.send(request(channel, recipient, licenceIds));
		assertThat(result.outcome()).isEqualTo(Outcome.SENT);
		return result;
	}

	static String statusPath(String attemptId) {
		return "/webhooks/twilio/status/" + attemptId;
	}

	/** The attempt as {@code GET /api/deliveries} shows it. */
	Map<String, Object> attempt(String attemptId) throws Exception {
		String body = mvc.perform(get("/api/deliveries").param("size", "500").with(httpBasic("admin", "test-secret")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		List<Map<String, Object>> found = JsonPath.read(body, "$.content[?(@.id == '" + attemptId + "')]");
		assertThat(found).hasSize(1);
		return found.get(0);
	}

	@SuppressWarnings("unchecked")
	List<String> timeline(String attemptId) throws Exception {
		return ((List<Map<String, Object>>) attempt(attemptId).get("timeline")).stream()
			.map(change -> (String) change.get("status"))
			.toList();
	}

	@Test
	void aSignedCallbackIsAcceptedAnUnsignedOrForgedOneRefused() throws Exception {
		String id = sent(Channel.SMS, MOBILE, "licence-1").attemptId();
		Map<String, String> delivered = Map.of("MessageSid", "SM1", "MessageStatus", "delivered", "To", MOBILE);

		mvc.perform(unsigned(statusPath(id), delivered)).andExpect(status().isForbidden());
		mvc.perform(unsigned(statusPath(id), delivered).header("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl"))
			.andExpect(status().isForbidden());
		mvc.perform(unsigned(statusPath(id), delivered).header("X-Twilio-Signature",
				signature(PUBLIC_BASE_URL + statusPath(id), delivered, "another-token")))
			.andExpect(status().isForbidden());
		mvc.perform(unsigned(statusPath(id),
				Map.of("MessageSid", "SM1", "MessageStatus", "delivered", "To", "+8613900000000"))
			.header("X-Twilio-Signature", signature(PUBLIC_BASE_URL + statusPath(id), delivered, TOKEN)))
			.andExpect(status().isForbidden());
		mvc.perform(unsigned(statusPath(id), delivered).header("X-Twilio-Signature",
				signature("https://elsewhere.example.test" + statusPath(id), delivered, TOKEN)))
			.andExpect(status().isForbidden());
		assertThat(attempt(id).get("status")).isEqualTo("SENT");

		mvc.perform(signed(statusPath(id), delivered)).andExpect(status().isNoContent());
		assertThat(attempt(id).get("status")).isEqualTo("DELIVERED");
	}

	@Test
	void repeatedAndLateCallbacksNeverMoveAnAttemptBack() throws Exception {
		String id = sent(Channel.SMS, MOBILE, "licence-1").attemptId();

		for (String word : List.of("sent", "delivered", "delivered", "sent", "queued", "undelivered")) {
			mvc.perform(
					signed(statusPath(id), Map.of("MessageSid", "SM1", "MessageStatus", word, "ErrorCode", "30003")))
				.andExpect(status().isNoContent());
		}

		Map<String, Object> attempt = attempt(id);
		assertThat(attempt.get("status")).isEqualTo("DELIVERED");
		assertThat(timeline(id)).containsExactly("SENDING", "SENT", "sent", "delivered", "queued", "undelivered");
		assertThat(events.stream(DeliveryFailed.class)).isEmpty();
	}

	@Test
	void anUndeliveredTextIsReportedAndMayBeSentAgain() throws Exception {
		DeliveryRequest request = request(Channel.SMS, MOBILE, "licence-1");
		accepts(MESSAGES, "SM1");
		String id = deliveries.send(request).attemptId();

		mvc.perform(signed(statusPath(id), Map.of("MessageStatus", "undelivered", "ErrorCode", "30003")))
			.andExpect(status().isNoContent());
		mvc.perform(signed(statusPath(id), Map.of("MessageStatus", "undelivered", "ErrorCode", "30003")))
			.andExpect(status().isNoContent());

		assertThat(attempt(id)).containsEntry("status", "UNDELIVERED").containsEntry("errorCode", "30003");
		assertThat(events.stream(DeliveryFailed.class))
			.containsExactly(new DeliveryFailed(request.reference(), id, "30003", false));
		DeliveryResult again = deliveries.send(request);
		assertThat(again.outcome()).isEqualTo(Outcome.SENT);
		assertThat(again.attemptId()).isNotEqualTo(id);
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(2);
	}

	@Test
	void aCallbackFasterThanTheSendsOwnAnswerIsKept() throws Exception {
		attempt(sent(Channel.VOICE, MOBILE, "warm-up").attemptId());
		DeliveryRequest request = request(Channel.SMS, MOBILE, "licence-1");
		stub(WireMock.post(urlPathEqualTo(MESSAGES)).willReturn(json(201, "{\"sid\":\"SM1\"}").withFixedDelay(800)));
		CompletableFuture<DeliveryResult> sending = CompletableFuture.supplyAsync(() -> deliveries.send(request));
		String id = await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(5)).until(() -> {
			String body = mvc
				.perform(get("/api/deliveries").param("status", "SENDING").with(httpBasic("admin", "test-secret")))
				.andReturn()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			List<String> ids = JsonPath.read(body, "$.content[*].id");
			return ids.isEmpty() ? null : ids.get(0);
		}, Objects::nonNull);

		mvc.perform(signed(statusPath(id), Map.of("MessageStatus", "undelivered", "ErrorCode", "30003")))
			.andExpect(status().isNoContent());
		DeliveryResult result = sending.get();
		assertThat(result.outcome()).as("the caller learns of the failure it could not see as an event")
			.isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(result.errorCode()).isEqualTo("30003");

		assertThat(attempt(id)).containsEntry("status", "UNDELIVERED")
			.containsEntry("providerId", "SM1")
			.containsEntry("errorCode", "30003");
		assertThat(deliveries.send(request).attemptId()).as("the reference was not marked sent").isNotEqualTo(id);
	}

	@Test
	void aTextTheNumberCannotReceiveFailsForGood() throws Exception {
		String id = sent(Channel.SMS, MOBILE, "licence-1").attemptId();
		mvc.perform(signed(statusPath(id), Map.of("MessageStatus", "failed", "ErrorCode", "30005")))
			.andExpect(status().isNoContent());
		assertThat(attempt(id).get("status")).isEqualTo("FAILED");
		assertThat(events.stream(DeliveryFailed.class)).singleElement()
			.extracting(DeliveryFailed::permanent)
			.isEqualTo(true);
	}

	@Test
	void error21610InACallbackOptsTheNumberOut() throws Exception {
		String id = sent(Channel.SMS, MOBILE, "licence-1").attemptId();
		mvc.perform(signed(statusPath(id), Map.of("MessageStatus", "failed", "ErrorCode", "21610", "To", MOBILE)))
			.andExpect(status().isNoContent());
		assertThat(deliveries.send(request(Channel.SMS, MOBILE, "licence-1")).errorCode())
			.isEqualTo(Deliveries.OPTED_OUT);
	}

	@Test
	void anUnansweredCallIsReportedForRetryAFailedOneForGood() throws Exception {
		String noAnswer = sent(Channel.VOICE, MOBILE, "licence-1").attemptId();
		String failed = sent(Channel.VOICE, MOBILE, "licence-2").attemptId();
		String answered = sent(Channel.VOICE, MOBILE, "licence-3").attemptId();

		mvc.perform(signed(statusPath(noAnswer), Map.of("CallSid", "CA1", "CallStatus", "no-answer")))
			.andExpect(status().isNoContent());
		mvc.perform(signed(statusPath(failed), Map.of("CallSid", "CA2", "CallStatus", "failed")))
			.andExpect(status().isNoContent());
		mvc.perform(signed(statusPath(answered), Map.of("CallSid", "CA3", "CallStatus", "completed")))
			.andExpect(status().isNoContent());

		assertThat(attempt(noAnswer).get("status")).isEqualTo("UNDELIVERED");
		assertThat(attempt(failed).get("status")).isEqualTo("FAILED");
		assertThat(attempt(answered).get("status")).isEqualTo("DELIVERED");
		assertThat(events.stream(DeliveryFailed.class))
			.extracting(DeliveryFailed::attemptId, DeliveryFailed::errorCode, DeliveryFailed::permanent)
			.containsExactlyInAnyOrder(tuple(noAnswer, "no-answer", false), tuple(failed, "failed", true));
	}

	@Test
	void aCallbackForAnUnknownAttemptIsAnsweredAndIgnored() throws Exception {
		mvc.perform(signed(statusPath("no-such-attempt"), Map.of("MessageStatus", "delivered")))
			.andExpect(status().isNoContent());
	}

	@Test
	void replyOneAcknowledgesTheLastReminderTextedToTheNumber() throws Exception {
		sent(Channel.SMS, MOBILE, "older");
		String last = sent(Channel.SMS, MOBILE, "licence-a", "licence-b").attemptId();
		sent(Channel.SMS, "+8613900000000", "someone-else");

		mvc.perform(signed("/webhooks/twilio/sms/inbound", Map.of("From", MOBILE, "To", FROM, "Body", " １ ")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/xml"))
			.andExpect(content().string(containsString("已收到您的确认")));
		mvc.perform(signed("/webhooks/twilio/sms/inbound", Map.of("From", MOBILE, "To", FROM, "Body", "收到")))
			.andExpect(status().isOk());

		assertThat(events.stream(ReminderAcknowledged.class))
			.containsExactly(new ReminderAcknowledged(List.of("licence-a", "licence-b"), Channel.SMS, "138****5678"));
		assertThat(timeline(last)).contains("acknowledged");
	}

	@Test
	void replyTdStopsTextsButNotCalls() throws Exception {
		sent(Channel.SMS, MOBILE, "licence-1");

		mvc.perform(signed("/webhooks/twilio/sms/inbound", Map.of("From", MOBILE, "To", FROM, "Body", "td")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("您已退订短信提醒")));

		assertThat(deliveries.send(request(Channel.SMS, MOBILE, "licence-1")))
			.extracting(DeliveryResult::outcome, DeliveryResult::errorCode)
			.containsExactly(Outcome.PERMANENT_FAILURE, Deliveries.OPTED_OUT);
		assertThat(sent(Channel.VOICE, MOBILE, "licence-1").outcome()).isEqualTo(Outcome.SENT);
		assertThat(events.stream(ReminderAcknowledged.class)).isEmpty();
	}

	@Test
	void stopAndOtherTextsGetAnEmptyAnswer() throws Exception {
		for (String body : List.of("STOP", "你好", "")) {
			String answer = mvc.perform(signed("/webhooks/twilio/sms/inbound", Map.of("From", MOBILE, "Body", body)))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			assertThat(answer).contains("<Response/>");
		}
		assertThat(deliveries.send(request(Channel.SMS, MOBILE, "licence-1")).errorCode())
			.isEqualTo(Deliveries.OPTED_OUT);
	}

	@Test
	void keypressOneOnACallAcknowledgesItsLicences() throws Exception {
		String id = sent(Channel.VOICE, MOBILE, "licence-1").attemptId();
		String gather = "/webhooks/twilio/voice/" + id + "/gather";

		mvc.perform(signed(gather, Map.of("CallSid", "CA1", "Digits", "2", "To", MOBILE)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<Say language=\"zh-CN\">未收到确认")));
		assertThat(events.stream(ReminderAcknowledged.class)).isEmpty();

		mvc.perform(signed(gather, Map.of("CallSid", "CA1", "Digits", "1", "To", MOBILE)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<Say language=\"zh-CN\">已确认收到")))
			.andExpect(content().string(containsString("<Hangup/>")));
		mvc.perform(signed(gather, Map.of("CallSid", "CA1", "Digits", "1", "To", MOBILE))).andExpect(status().isOk());

		assertThat(events.stream(ReminderAcknowledged.class))
			.containsExactly(new ReminderAcknowledged(List.of("licence-1"), Channel.VOICE, "138****5678"));
		mvc.perform(unsigned(gather, Map.of("Digits", "1"))).andExpect(status().isForbidden());
	}

}
