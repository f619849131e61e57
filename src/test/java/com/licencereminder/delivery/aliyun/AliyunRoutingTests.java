package com.licencereminder.delivery.aliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.DeliveryRequest;
import com.licencereminder.delivery.DeliveryRequest.LicenceLine;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.shared.Role;
import com.licencereminder.shared.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Routing between Aliyun and Twilio through {@link Deliveries#send}: mainland numbers go
 * to Aliyun, others to Twilio; Aliyun out of credit passes the reminder to Twilio once
 * and keeps its circuit open for its time, the overview warns of it and the log gives the
 * code in words; a send whose answer was lost is not sent again when Aliyun's records
 * show it went out.
 */
class AliyunRoutingTests extends AliyunStandIn {

	static final String MOBILE = "+8613812345678";

	@Autowired
	Deliveries deliveries;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MockMvc mvc;

	@BeforeEach
	void cleanStore() {
		TestStores.clear(mongo);
		accepts(MESSAGES, "SM00000000000000000000000000000002");
	}

	static DeliveryRequest request(String recipient) {
		return new DeliveryRequest(UUID.randomUUID().toString(), Channel.SMS, recipient, "甲店", 30,
				List.of(new LicenceLine("L1", 1, "食品经营许可证", "JY1", LocalDate.now().plusDays(30), null)), false);
	}

	List<Document> attempts(String reference) {
		return mongo.find(query(where("reference").is(reference)).with(Sort.by("createdAt")), Document.class,
				"delivery_attempts");
	}

	@Test
	void aMainlandMobileGoesThroughAliyunWithTheReceivedTextOnTheAttempt() {
		acceptsSms("B1");
		DeliveryRequest request = request(MOBILE);

		DeliveryResult result = deliveries.send(request);

		assertThat(result.outcome()).as(result.toString()).isEqualTo(Outcome.SENT);
		assertThat(result.providerId()).isEqualTo("B1");
		assertThat(requests("SendSms")).hasSize(1);
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).isEmpty();
		Document attempt = attempts(request.reference()).get(0);
		assertThat(attempt.getString("provider")).isEqualTo("aliyun");
		assertThat(attempt.getString("text")).startsWith("【" + SIGN_NAME + "】您的食品经营许可证（编号JY1）有效期至");
	}

	@Test
	void aHongKongNumberStillGoesThroughTwilio() {
		acceptsSms("B1");

		DeliveryResult result = deliveries.send(request("+85291234567"));

		assertThat(result.outcome()).isEqualTo(Outcome.SENT);
		assertThat(result.providerId()).isEqualTo("SM00000000000000000000000000000002");
		assertThat(requests("SendSms")).isEmpty();
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).singleElement()
			.satisfies(text -> assertThat(text.formParameter("To").firstValue()).isEqualTo("+85291234567"));
	}

	@Test
	void aliyunOutOfCreditPassesTheReminderToTwilioOnceIsShownAndStaysOpenForItsTime() throws Exception {
		answers("SendSms", "isv.AMOUNT_NOT_ENOUGH", null, null);
		DeliveryRequest request = request(MOBILE);

		DeliveryResult result = deliveries.send(request);

		assertThat(result.outcome()).isEqualTo(Outcome.SENT);
		assertThat(result.providerId()).isEqualTo("SM00000000000000000000000000000002");
		assertThat(requests("SendSms")).hasSize(1);
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).singleElement()
			.satisfies(text -> assertThat(text.formParameter("Body").firstValue()).contains("回复TD退订"));
		assertThat(attempts(request.reference())).satisfiesExactly(aliyun -> {
			assertThat(aliyun.getString("provider")).isEqualTo("aliyun");
			assertThat(aliyun.getString("status")).isEqualTo("FAILED");
			assertThat(aliyun.getString("errorCode")).isEqualTo("isv.AMOUNT_NOT_ENOUGH");
		}, twilio -> {
			assertThat(twilio.getString("provider")).isEqualTo("twilio");
			assertThat(twilio.getString("status")).isEqualTo("SENT");
		});
		assertThat(deliveries.send(request)).isEqualTo(result);
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(1);

		assertThat(deliveries.send(request(MOBILE)).outcome()).isEqualTo(Outcome.SENT);
		assertThat(requests("SendSms")).as("the circuit is open: Aliyun is not asked").hasSize(1);
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(2);

		String overview = mvc.perform(get("/").with(user("op").roles(Role.OPERATOR.name())))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(overview).contains("id=\"providers-panel\"", "isv.AMOUNT_NOT_ENOUGH", "服务商账户余额不足");
		String log = mvc.perform(get("/deliveries").param("lang", "en").with(user("op").roles(Role.OPERATOR.name())))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(log).contains("aliyun", "twilio", "Provider account balance too low");
		String aliyunOnly = mvc
			.perform(get("/deliveries").param("provider", "Aliyun").with(user("op").roles(Role.OPERATOR.name())))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(aliyunOnly).contains("isv.AMOUNT_NOT_ENOUGH").doesNotContain("SM00000000000000000000000000000002");

		acceptsSms("B2");
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> "B2".equals(deliveries.send(request(MOBILE)).providerId()));
	}

	@Test
	void aTimedOutTextThatAliyunSentIsNotSentAgain() {
		stubAliyun(action("SendSms").willReturn(json(200, "{\"Code\":\"OK\",\"BizId\":\"B3\"}").withFixedDelay(4000)));
		DeliveryRequest request = request(MOBILE);
		DeliveryResult timedOut = deliveries.send(request);
		assertThat(timedOut.ambiguous()).isTrue();
		aliyun.resetAll();
		acceptsSms("B4");
		stubAliyun(action("QuerySendDetails").willReturn(json(200, AliyunSendersTests.details(timedOut.attemptId()))));

		DeliveryResult retried = deliveries.send(request);

		assertThat(retried.outcome()).isEqualTo(Outcome.SENT);
		assertThat(retried.attemptId()).isEqualTo(timedOut.attemptId());
		assertThat(requests("SendSms")).isEmpty();
		assertThat(requests("QuerySendDetails")).isNotEmpty();
		assertThat(attempts(request.reference())).singleElement()
			.satisfies(attempt -> assertThat(attempt.getString("status")).isEqualTo("SENT"));
	}

}
