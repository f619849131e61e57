package com.licencereminder.delivery.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.DeliveryRequest;
import com.licencereminder.delivery.DeliveryRequest.LicenceLine;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.shared.TestStores;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Tencent's pushes: status reports, replies and voice callbacks under the secret path,
 * found by Tencent's own ids, answered in Tencent's shape, idempotent, and refused with
 * 404 under any other token.
 */
class TencentWebhooksTests extends TencentStandIn {

	static final String MOBILE = "+8613812345678";

	static final String RECEIVED = "{\"result\":0,\"errmsg\":\"OK\"}";

	@Autowired
	MockMvc mvc;

	@Autowired
	Deliveries deliveries;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TencentReceiptPoll poll;

	@BeforeEach
	void cleanStore() {
		TestStores.clear(mongo);
		acceptsSms("S1");
		acceptsCall("C1");
	}

	static DeliveryRequest request(Channel channel) {
		return new DeliveryRequest(UUID.randomUUID().toString(), channel, MOBILE, "甲店", 30,
				List.of(new LicenceLine("L1", 1, "食品经营许可证", "JY1", LocalDate.now().plusDays(30), null)), false);
	}

	ResultActions push(String token, String kind, String body) throws Exception {
		return mvc.perform(
				post("/webhooks/tencent/" + token + "/" + kind).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	/** A text through Tencent, accepted as {@code serialNo}. */
	DeliveryResult text(String serialNo) {
		acceptsSms(serialNo);
		DeliveryResult sent = deliveries.send(request(Channel.SMS));
		assertThat(sent.outcome()).as(sent.toString()).isEqualTo(Outcome.SENT);
		assertThat(sent.providerId()).isEqualTo(serialNo);
		return sent;
	}

	Document attempt(String id) {
		return mongo.findById(id, Document.class, "delivery_attempts");
	}

	static String report(String sid, String reportStatus, String errmsg) {
		return "[{\"user_receive_time\":\"2026-03-01 10:00:05\",\"nationcode\":\"86\",\"mobile\":\"13812345678\","
				+ "\"report_status\":\"" + reportStatus + "\",\"errmsg\":\"" + errmsg
				+ "\",\"description\":\"用户短信送达成功\",\"sid\":\"" + sid + "\"}]";
	}

	static String reply(String text) {
		return "{\"extend\":\"\",\"mobile\":\"13812345678\",\"nationcode\":\"86\",\"sign\":\"" + SIGN_NAME
				+ "\",\"text\":\"" + text + "\",\"time\":1772330460}";
	}

	static String prompt(String callId, String result) {
		return "{\"voiceprompt_callback\":{\"result\":\"" + result + "\",\"accept_time\":\"1772330411\","
				+ "\"call_from\":\"\",\"callid\":\"" + callId + "\",\"end_calltime\":\"1772330421\",\"fee\":\"1\","
				+ "\"mobile\":\"13812345678\",\"nationcode\":\"86\",\"start_calltime\":\"1772330396\"}}";
	}

	@Test
	void aReportMarksTheTextDeliveredAndARepeatIsAcknowledgedWithoutChange() throws Exception {
		DeliveryResult sent = text("S-1");
		long delays = receiptDelays();

		push(WEBHOOK_TOKEN, "sms-status", report("S-1", "SUCCESS", "DELIVRD")).andExpect(status().isOk())
			.andExpect(content().json(RECEIVED));
		push(WEBHOOK_TOKEN, "sms-status", report("S-1", "SUCCESS", "DELIVRD")).andExpect(status().isOk())
			.andExpect(content().json(RECEIVED));

		Document attempt = attempt(sent.attemptId());
		assertThat(attempt.getString("provider")).isEqualTo("tencent");
		assertThat(attempt.getString("status")).isEqualTo("DELIVERED");
		assertThat(receiptDelays()).as("timed once, the repeat not").isEqualTo(delays + 1);
		assertThat(attempt.getList("timeline", Document.class))
			.filteredOn(entry -> "DELIVERED".equals(entry.get("status")))
			.hasSize(1);
	}

	@Test
	void aLateFailureReportDoesNotUndoADeliveredText() throws Exception {
		DeliveryResult sent = text("S-2");

		push(WEBHOOK_TOKEN, "sms-status", report("S-2", "SUCCESS", "DELIVRD")).andExpect(status().isOk());
		push(WEBHOOK_TOKEN, "sms-status", report("S-2", "FAIL", "MK:0001")).andExpect(status().isOk());

		assertThat(attempt(sent.attemptId()).getString("status")).isEqualTo("DELIVERED");
	}

	@Test
	void aPushWithAWrongTokenAnswers404AndChangesNothing() throws Exception {
		DeliveryResult sent = text("S-3");

		push("0123456789abcdef0123456789abcdeX", "sms-status", report("S-3", "SUCCESS", "DELIVRD"))
			.andExpect(status().isNotFound());
		push("0123456789abcdef0123456789abcdeX", "sms-reply", reply("TD")).andExpect(status().isNotFound());
		push("0123456789abcdef0123456789abcdeX", "voice", prompt("C1", "0")).andExpect(status().isNotFound());

		assertThat(attempt(sent.attemptId()).getString("status")).isEqualTo("SENT");
		assertThat(mongo.getCollection("opt_outs").countDocuments()).isZero();
	}

	@Test
	void aPushFromOutsideTheAllowedSourcesAnswers404AndChangesNothing() throws Exception {
		DeliveryResult sent = text("S-4");

		mvc.perform(post("/webhooks/tencent/" + WEBHOOK_TOKEN + "/sms-status").contentType(MediaType.APPLICATION_JSON)
			.content(report("S-4", "SUCCESS", "DELIVRD"))
			.with(request -> {
				request.setRemoteAddr("203.0.113.5");
				return request;
			})).andExpect(status().isNotFound());

		assertThat(attempt(sent.attemptId()).getString("status")).isEqualTo("SENT");
	}

	@Test
	void aBodyThatIsNotJsonGetsAProblem() throws Exception {
		push(WEBHOOK_TOKEN, "sms-status", "mobile=13812345678").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		push(WEBHOOK_TOKEN, "voice", "\"text\"").andExpect(status().isBadRequest());
	}

	@Test
	void reportsAboutUnknownIdsAreAcknowledgedAndCounted() throws Exception {
		double before = unmatched("sms-status");
		double voiceBefore = unmatched("voice");

		push(WEBHOOK_TOKEN, "sms-status", report("no-such-sid", "SUCCESS", "DELIVRD")).andExpect(status().isOk())
			.andExpect(content().json(RECEIVED));
		push(WEBHOOK_TOKEN, "voice", prompt("no-such-call", "0")).andExpect(status().isOk())
			.andExpect(content().json(RECEIVED));
		push(WEBHOOK_TOKEN, "voice", "{\"something_else\":{}}").andExpect(status().isOk());

		assertThat(unmatched("sms-status")).isEqualTo(before + 1);
		assertThat(unmatched("voice")).isEqualTo(voiceBefore + 2);
	}

	@Test
	void aBlacklistReportOptsTheNumberOutOfTexts() throws Exception {
		DeliveryResult sent = text("S-5");

		push(WEBHOOK_TOKEN, "sms-status", report("S-5", "FAIL", "FailedOperation.PhoneNumberInBlacklist"))
			.andExpect(status().isOk());

		assertThat(attempt(sent.attemptId()).getString("status")).isEqualTo("UNDELIVERED");
		assertThat(deliveries.send(request(Channel.SMS)).errorCode()).isEqualTo(Deliveries.OPTED_OUT);
	}

	@Test
	void aReplyTdStopsTexts() throws Exception {
		text("S-6");

		push(WEBHOOK_TOKEN, "sms-reply", reply("TD")).andExpect(status().isOk()).andExpect(content().json(RECEIVED));

		DeliveryResult next = deliveries.send(request(Channel.SMS));
		assertThat(next.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
		assertThat(next.errorCode()).isEqualTo(Deliveries.OPTED_OUT);
		assertThat(requests("SendSms")).hasSize(1);
	}

	@Test
	void aReplyOneAcknowledgesTheLastText() throws Exception {
		DeliveryResult sent = text("S-7");

		push(WEBHOOK_TOKEN, "sms-reply", reply("1")).andExpect(status().isOk());

		assertThat(attempt(sent.attemptId()).getList("timeline", Document.class))
			.anyMatch(entry -> "acknowledged".equals(entry.get("status")));
	}

	@Test
	void anAnsweredCallIsDeliveredAndKeyOneReportedByTencentAcknowledgesIt() throws Exception {
		acceptsCall("C-8");
		DeliveryResult called = deliveries.send(request(Channel.VOICE));
		assertThat(called.providerId()).isEqualTo("C-8");

		push(WEBHOOK_TOKEN, "voice", prompt("C-8", "0")).andExpect(status().isOk()).andExpect(content().json(RECEIVED));
		push(WEBHOOK_TOKEN, "voice",
				"{\"voicekey_callback\":{\"call_from\":\"\",\"callid\":\"C-8\",\"keypress\":\"1\","
						+ "\"mobile\":\"13812345678\",\"nationcode\":\"86\"}}")
			.andExpect(status().isOk())
			.andExpect(content().json(RECEIVED));

		Document attempt = attempt(called.attemptId());
		assertThat(attempt.getString("status")).isEqualTo("DELIVERED");
		assertThat(attempt.getList("timeline", Document.class))
			.anyMatch(entry -> "acknowledged".equals(entry.get("status")));
	}

	@Test
	void anUnansweredCallIsUndeliveredAndRetried() throws Exception {
		acceptsCall("C-9");
		DeliveryResult called = deliveries.send(request(Channel.VOICE));

		push(WEBHOOK_TOKEN, "voice", prompt("C-9", "1")).andExpect(status().isOk());
		push(WEBHOOK_TOKEN, "voice",
				"{\"voice_failure_callback\":{\"callid\":\"C-9\",\"failure_code\":\"8\","
						+ "\"failure_reason\":\"用户未接听\",\"mobile\":\"13812345678\",\"nationcode\":\"86\"}}")
			.andExpect(status().isOk());

		Document attempt = attempt(called.attemptId());
		assertThat(attempt.getString("status")).isEqualTo("UNDELIVERED");
		assertThat(attempt.getString("outcome")).isEqualTo("TRANSIENT_FAILURE");
		assertThat(attempt.getString("errorCode")).isEqualTo("no-answer");
	}

	@Test
	void receiptsTencentDidNotPushAreAskedForAfterTheReceiptTimeout() throws Exception {
		DeliveryResult delivered = text("S-10");
		DeliveryResult failed = text("S-11");
		DeliveryResult waiting = text("S-12");
		answers("PullSmsSendStatusByPhoneNumber",
				pull(pulled("SUCCESS", delivered.attemptId()), pulled("FAIL", failed.attemptId())));

		assertThat(poll.pollOnce()).isEqualTo(2);

		assertThat(attempt(delivered.attemptId()).getString("status")).isEqualTo("DELIVERED");
		assertThat(attempt(failed.attemptId()).getString("status")).isEqualTo("UNDELIVERED");
		assertThat(attempt(waiting.attemptId()).getString("status")).isEqualTo("SENT");
	}

	double unmatched(String kind) {
		var counter = meters.find("delivery.webhooks.unmatched").tag("provider", "tencent").tag("kind", kind).counter();
		return counter == null ? 0 : counter.count();
	}

	long receiptDelays() {
		var timer = meters.find("delivery.receipt.delay").tag("provider", "tencent").timer();
		return timer == null ? 0 : timer.count();
	}

}
