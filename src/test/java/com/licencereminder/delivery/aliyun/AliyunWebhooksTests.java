package com.licencereminder.delivery.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.DeliveryRequest;
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
 * Aliyun's pushes: receipts and replies under the secret path, answered in Aliyun's
 * shape, idempotent, and refused with 404 under any other token.
 */
class AliyunWebhooksTests extends AliyunStandIn {

	static final String MOBILE = "+8613812345678";

	static final String RECEIVED = "{\"code\":0,\"msg\":\"接收成功\"}";

	@Autowired
	MockMvc mvc;

	@Autowired
	Deliveries deliveries;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MeterRegistry meters;

	@Autowired
	AliyunReceiptPoll poll;

	@BeforeEach
	void cleanStore() {
		TestStores.clear(mongo);
		acceptsSms("B1");
		answers("IvrCall", "OK", "CallId", "C1");
	}

	ResultActions push(String token, String kind, String body) throws Exception {
		return mvc.perform(
				post("/webhooks/aliyun/" + token + "/" + kind).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	DeliveryResult text() {
		return deliveries.send(AliyunRoutingTests.request(MOBILE));
	}

	Document attempt(String id) {
		return mongo.findById(id, Document.class, "delivery_attempts");
	}

	static String report(String outId, boolean success, String code) {
		return "[{\"phone_number\":\"13812345678\",\"send_time\":\"2026-03-01 10:00:00\",\"report_time\":\"2026-03-01 10:00:05\",\"success\":"
				+ success + ",\"err_code\":\"" + code
				+ "\",\"err_msg\":\"\",\"sms_size\":\"1\",\"biz_id\":\"B1\",\"out_id\":\"" + outId + "\"}]";
	}

	static String up(String content) {
		return "[{\"phone_number\":\"13812345678\",\"send_time\":\"2026-03-01 10:01:00\",\"content\":\"" + content
				+ "\",\"sign_name\":\"" + SIGN_NAME + "\",\"dest_code\":\"\",\"sequence_id\":1}]";
	}

	@Test
	void aReceiptMarksTheTextDeliveredAndARepeatIsAcknowledgedWithoutChange() throws Exception {
		DeliveryResult sent = text();
		long delays = receiptDelays();

		push(WEBHOOK_TOKEN, "sms-report", report(sent.attemptId(), true, "DELIVERED")).andExpect(status().isOk())
			.andExpect(content().json(RECEIVED));
		push(WEBHOOK_TOKEN, "sms-report", report(sent.attemptId(), true, "DELIVERED")).andExpect(status().isOk())
			.andExpect(content().json(RECEIVED));

		Document attempt = attempt(sent.attemptId());
		assertThat(attempt.getString("status")).isEqualTo("DELIVERED");
		assertThat(receiptDelays()).as("timed once, the repeat not").isEqualTo(delays + 1);
		assertThat(attempt.getList("timeline", Document.class))
			.filteredOn(entry -> "DELIVERED".equals(entry.get("status")))
			.hasSize(1);
	}

	@Test
	void aRepeatedReceiptMovesTheStatusWhenTheFirstWasCutShortAfterItsTimelineEntry() throws Exception {
		DeliveryResult sent = text();
		mongo.updateFirst(
				new org.springframework.data.mongodb.core.query.Query(
						org.springframework.data.mongodb.core.query.Criteria.where("_id").is(sent.attemptId())),
				new org.springframework.data.mongodb.core.query.Update().push("timeline",
						new Document("status", "UNDELIVERED").append("at", new java.util.Date())),
				"delivery_attempts");

		push(WEBHOOK_TOKEN, "sms-report", report(sent.attemptId(), false, "UNDELIVERED")).andExpect(status().isOk());

		Document attempt = attempt(sent.attemptId());
		assertThat(attempt.getString("status")).isEqualTo("UNDELIVERED");
		assertThat(attempt.getList("timeline", Document.class))
			.filteredOn(entry -> "UNDELIVERED".equals(entry.get("status")))
			.hasSize(1);
		assertThat(text().outcome()).isEqualTo(Outcome.SENT);
		assertThat(requests("SendSms")).hasSize(2);
	}

	@Test
	void aPushWithAWrongTokenAnswers404AndChangesNothing() throws Exception {
		DeliveryResult sent = text();

		push("0123456789abcdef0123456789abcdeX", "sms-report", report(sent.attemptId(), true, "DELIVERED"))
			.andExpect(status().isNotFound());
		push("0123456789abcdef0123456789abcdeX", "sms-up", up("TD")).andExpect(status().isNotFound());

		assertThat(attempt(sent.attemptId()).getString("status")).isEqualTo("SENT");
		assertThat(text().outcome()).isEqualTo(Outcome.SENT);
	}

	@Test
	void aPushFromOutsideTheAllowedSourcesAnswers404AndChangesNothing() throws Exception {
		DeliveryResult sent = text();

		mvc.perform(post("/webhooks/aliyun/" + AliyunStandIn.WEBHOOK_TOKEN + "/sms-report")
			.contentType(MediaType.APPLICATION_JSON)
			.content(report(sent.attemptId(), true, "DELIVERED"))
			.with(request -> {
				request.setRemoteAddr("203.0.113.5");
				return request;
			})).andExpect(status().isNotFound());

		assertThat(attempt(sent.attemptId()).getString("status")).isEqualTo("SENT");
	}

	@Test
	void aBodyThatIsNotJsonGetsAProblem() throws Exception {
		push(WEBHOOK_TOKEN, "sms-report", "phone_number=13812345678").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aReceiptAboutAnUnknownAttemptIsAcknowledgedAndCounted() throws Exception {
		double before = unmatched();

		push(WEBHOOK_TOKEN, "sms-report", report("no-such-attempt", true, "DELIVERED")).andExpect(status().isOk())
			.andExpect(content().json(RECEIVED));

		assertThat(unmatched()).isEqualTo(before + 1);
	}

	@Test
	void aReceiptWithoutItsOutcomeChangesNothingAndAServiceTextsReceiptIsNoUnknownAttempt() throws Exception {
		DeliveryResult sent = text();
		double before = unmatched();
		double beforeCalls = unmatched("voice-report");

		push(WEBHOOK_TOKEN, "sms-report", "[{\"out_id\":\"" + sent.attemptId() + "\",\"err_code\":\"\"}]")
			.andExpect(status().isOk());
		push(WEBHOOK_TOKEN, "voice-report", "[{\"out_id\":\"" + sent.attemptId() + "\"}]").andExpect(status().isOk());
		push(WEBHOOK_TOKEN, "sms-report", report("text-0f1e2d3c", true, "DELIVERED")).andExpect(status().isOk());

		assertThat(unmatched()).as("the receipt without an outcome, not the service text's").isEqualTo(before + 1);
		assertThat(unmatched("voice-report")).isEqualTo(beforeCalls + 1);
		assertThat(attempt(sent.attemptId()).getString("status")).isEqualTo("SENT");
	}

	@Test
	void elementsWithFieldsOfTheWrongTypeAreCountedAndTheRestOfTheBatchIsStillRecorded() throws Exception {
		DeliveryResult sent = text();
		double before = unmatched();

		push(WEBHOOK_TOKEN, "sms-report",
				"[{\"out_id\":{\"a\":1},\"success\":true},{\"out_id\":[1]},null,7,"
						+ report(sent.attemptId(), true, "DELIVERED").substring(1))
			.andExpect(status().isOk())
			.andExpect(content().json(RECEIVED));
		push(WEBHOOK_TOKEN, "sms-up", "[{\"phone_number\":{\"n\":1},\"content\":\"TD\"},"
				+ "{\"phone_number\":\"abc\",\"content\":\"TD\"},{\"phone_number\":\"13812345678\",\"content\":[\"TD\"]}]")
			.andExpect(status().isOk())
			.andExpect(content().json(RECEIVED));

		assertThat(unmatched()).isEqualTo(before + 4);
		assertThat(attempt(sent.attemptId()).getString("status")).isEqualTo("DELIVERED");
		assertThat(mongo.getCollection("opt_outs").countDocuments()).isZero();
		assertThat(text().outcome()).isEqualTo(Outcome.SENT);
	}

	@Test
	void aBlacklistReceiptOptsTheNumberOutOfTexts() throws Exception {
		DeliveryResult sent = text();

		push(WEBHOOK_TOKEN, "sms-report", report(sent.attemptId(), false, "W-BLACK")).andExpect(status().isOk());

		assertThat(attempt(sent.attemptId()).getString("status")).isEqualTo("UNDELIVERED");
		assertThat(text().errorCode()).isEqualTo(Deliveries.OPTED_OUT);
	}

	@Test
	void aReplyTdStopsTexts() throws Exception {
		text();

		push(WEBHOOK_TOKEN, "sms-up", up("TD")).andExpect(status().isOk()).andExpect(content().json(RECEIVED));

		DeliveryResult next = text();
		assertThat(next.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
		assertThat(next.errorCode()).isEqualTo(Deliveries.OPTED_OUT);
		assertThat(requests("SendSms")).hasSize(1);
	}

	@Test
	void aReplyOneAcknowledgesTheLastText() throws Exception {
		DeliveryResult sent = text();

		push(WEBHOOK_TOKEN, "sms-up", up("确认")).andExpect(status().isOk());

		assertThat(attempt(sent.attemptId()).getList("timeline", Document.class))
			.anyMatch(entry -> "acknowledged".equals(entry.get("status")));
	}

	@Test
	void keyOneOnTheCallAcknowledgesIt() throws Exception {
		DeliveryResult called = deliveries.send(new DeliveryRequest("call-1", Channel.VOICE, MOBILE, "甲店", 7,
				AliyunRoutingTests.request(MOBILE).licences(), false));
		assertThat(requests("IvrCall")).hasSize(1);

		push(WEBHOOK_TOKEN, "voice-report", "[{\"call_id\":\"C1\",\"out_id\":\"" + called.attemptId()
				+ "\",\"status_code\":\"200000\",\"status_msg\":\"用户听完语音\",\"dtmf\":\"1\",\"duration\":\"20\",\"callee\":\"13812345678\"}]")
			.andExpect(status().isOk())
			.andExpect(content().json(RECEIVED));

		Document attempt = attempt(called.attemptId());
		assertThat(attempt.getString("status")).isEqualTo("DELIVERED");
		assertThat(attempt.getList("timeline", Document.class))
			.anyMatch(entry -> "acknowledged".equals(entry.get("status")));
	}

	@Test
	void anUnansweredCallIsUndeliveredAndANonexistentNumberFailsForGood() throws Exception {
		List<DeliveryResult> calls = List.of("call-2", "call-3")
			.stream()
			.map(reference -> deliveries.send(new DeliveryRequest(reference, Channel.VOICE, MOBILE, "甲店", 7,
					AliyunRoutingTests.request(MOBILE).licences(), false)))
			.toList();

		push(WEBHOOK_TOKEN, "voice-report",
				"[{\"out_id\":\"" + calls.get(0).attemptId() + "\",\"status_code\":\"200003\"},{\"out_id\":\""
						+ calls.get(1).attemptId() + "\",\"status_code\":\"200004\"}]")
			.andExpect(status().isOk());

		assertThat(attempt(calls.get(0).attemptId()).getString("status")).isEqualTo("UNDELIVERED");
		assertThat(attempt(calls.get(0).attemptId()).getString("outcome")).isEqualTo("TRANSIENT_FAILURE");
		assertThat(attempt(calls.get(1).attemptId()).getString("status")).isEqualTo("FAILED");
		assertThat(attempt(calls.get(1).attemptId()).getString("outcome")).isEqualTo("PERMANENT_FAILURE");
	}

	@Test
	void receiptsAliyunDidNotPushAreAskedForAfterTheReceiptTimeout() throws Exception {
		DeliveryResult delivered = text();
		DeliveryResult failed = text();
		DeliveryResult waiting = text();
		stubAliyun(action("QuerySendDetails").willReturn(json(200,
				AliyunSendersTests.answer(AliyunSendersTests.text(3, "DELIVERED", delivered.attemptId()),
						AliyunSendersTests.text(2, "MOBILE_NOT_ON_SERVICE", failed.attemptId()),
						AliyunSendersTests.text(1, "", waiting.attemptId())))));

		assertThat(poll.pollOnce()).isEqualTo(2);

		assertThat(attempt(delivered.attemptId()).getString("status")).isEqualTo("DELIVERED");
		assertThat(attempt(failed.attemptId()).getString("status")).isEqualTo("UNDELIVERED");
		assertThat(attempt(failed.attemptId()).getString("errorCode")).isEqualTo("MOBILE_NOT_ON_SERVICE");
		assertThat(attempt(waiting.attemptId()).getString("status")).isEqualTo("SENT");
	}

	@Test
	void textsAliyunKeepsReportingAsWaitingDoNotHoldBackNewerOnes() throws Exception {
		Document stuck = attempt(text().attemptId());
		Instant sent = stuck.getDate("createdAt").toInstant();
		mongo.remove(new org.springframework.data.mongodb.core.query.Query(), "delivery_attempts");
		for (int i = 0; i < AliyunReceiptPoll.BATCH + 1; i++) {
			Document copy = new Document(stuck);
			copy.put("_id", "stuck-" + i);
			copy.put("createdAt", java.util.Date.from(sent.minusSeconds(600 - i)));
			mongo.insert(copy, "delivery_attempts");
		}
		DeliveryResult newer = text();
		stubAliyun(action("QuerySendDetails").willReturn(
				json(200, AliyunSendersTests.answer(AliyunSendersTests.text(3, "DELIVERED", newer.attemptId())))));

		assertThat(poll.pollOnce()).isZero();
		assertThat(poll.pollOnce()).isEqualTo(1);

		assertThat(attempt(newer.attemptId()).getString("status")).isEqualTo("DELIVERED");
		assertThat(attempt("stuck-0").getString("status")).isEqualTo("SENT");
	}

	double unmatched() {
		return unmatched("sms-report");
	}

	double unmatched(String kind) {
		var counter = meters.find("delivery.webhooks.unmatched").tag("kind", kind).counter();
		return counter == null ? 0 : counter.count();
	}

	long receiptDelays() {
		var timer = meters.find("delivery.receipt.delay").tag("provider", "aliyun").timer();
		return timer == null ? 0 : timer.count();
	}

}
