package com.licencereminder.delivery.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.DeliveryRequest;
import com.licencereminder.delivery.DeliveryRequest.LicenceLine;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.SimulatorControl;
import com.licencereminder.delivery.twilio.TwilioStandIn;
import com.licencereminder.shared.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Text messages through the Twilio SDK against WireMock: the exact request, and how every
 * kind of answer (or no answer) is classified. Sent through {@link Deliveries#send}, so
 * the attempt records and the opt-out list are the real ones.
 */
class TwilioSmsSenderTests extends TwilioStandIn {

	static final String MOBILE = "+8613812345678";

	@Autowired
	Deliveries deliveries;

	@Autowired
	SimulatorControl simulator;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void cleanStore() {
		TestStores.clear(mongo);
		simulator.reset();
	}

	static DeliveryRequest sms(String recipient) {
		return new DeliveryRequest(UUID.randomUUID().toString(), Channel.SMS, recipient, "许昌市魏都区甲餐饮店", 30,
				List.of(new LicenceLine("licence-1", 1, "食品经营许可证", "JY14110020000001", LocalDate.now().plusDays(30),
						"魏都区市场监管局")),
				false);
	}

	@Test
	void sendsExactlyTheExpectedRequest() {
		accepts(MESSAGES, "SM00000000000000000000000000000001");

		DeliveryResult result = deliveries.send(sms(MOBILE));

		assertThat(result.outcome()).isEqualTo(Outcome.SENT);
		assertThat(result.providerId()).isEqualTo("SM00000000000000000000000000000001");
		List<LoggedRequest> requests = twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
		assertThat(requests).hasSize(1);
		LoggedRequest request = requests.get(0);
		assertThat(request.getHeader("Authorization"))
			.isEqualTo("Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes()));
		assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.formParameters()).containsOnlyKeys("To", "From", "Body", "StatusCallback", "ValidityPeriod");
		assertThat(request.formParameter("To").firstValue()).isEqualTo(MOBILE);
		assertThat(request.formParameter("From").firstValue()).isEqualTo(FROM);
		assertThat(request.formParameter("Body").firstValue()).startsWith("【")
			.contains("许昌市魏都区甲餐饮店", "JY14110020000001", "回复1确认收到，回复TD退订。");
		assertThat(request.formParameter("StatusCallback").firstValue())
			.isEqualTo(PUBLIC_BASE_URL + "/webhooks/twilio/status/" + result.attemptId());
		assertThat(request.formParameter("ValidityPeriod").firstValue()).isEqualTo("3600");
		assertThat(simulator.outbox(10)).isEmpty();
	}

	@Test
	void invalidNumberAndNotAMobileArePermanentAndMasked() {
		refuses(MESSAGES, 400, 21211);
		DeliveryResult invalid = deliveries.send(sms(MOBILE));
		assertThat(invalid.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
		assertThat(invalid.errorCode()).isEqualTo("21211");
		assertThat(invalid.errorMessage()).contains("138****5678").doesNotContain("13812345678");

		refuses(MESSAGES, 400, 21614);
		assertThat(deliveries.send(sms(MOBILE))).extracting(DeliveryResult::outcome, DeliveryResult::errorCode)
			.containsExactly(Outcome.PERMANENT_FAILURE, "21614");
	}

	@Test
	void optedOutAtTwilioIsPermanentAndRecordedSoTheNextTextStaysHome() {
		refuses(MESSAGES, 400, 21610);
		assertThat(deliveries.send(sms(MOBILE))).extracting(DeliveryResult::outcome, DeliveryResult::errorCode)
			.containsExactly(Outcome.PERMANENT_FAILURE, "21610");

		accepts(MESSAGES, "SM00000000000000000000000000000002");
		assertThat(deliveries.send(sms(MOBILE))).extracting(DeliveryResult::outcome, DeliveryResult::errorCode)
			.containsExactly(Outcome.PERMANENT_FAILURE, Deliveries.OPTED_OUT);
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(1);
	}

	@Test
	void tooManyRequestsIsTransient() {
		refuses(MESSAGES, 429, 20429);
		assertThat(deliveries.send(sms(MOBILE))).extracting(DeliveryResult::outcome, DeliveryResult::errorCode)
			.containsExactly(Outcome.TRANSIENT_FAILURE, "20429");
	}

	@Test
	void serverErrorIsTransientAndNotRepeatedByTheSdk() {
		stub(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(500)));
		assertThat(deliveries.send(sms(MOBILE))).extracting(DeliveryResult::outcome, DeliveryResult::errorCode)
			.containsExactly(Outcome.TRANSIENT_FAILURE, "HTTP_500");
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(1);
		assertThat(deliveries.send(sms(MOBILE)).ambiguous()).as("Twilio answered: it was not sent").isFalse();

		refuses(MESSAGES, 503, 20503);
		assertThat(deliveries.send(sms(MOBILE))).extracting(DeliveryResult::outcome, DeliveryResult::errorCode)
			.containsExactly(Outcome.TRANSIENT_FAILURE, "20503");
	}

	@Test
	void anAnswerSlowerThanTheReadTimeoutIsTransientWithAnUnknownOutcome() {
		stub(post(urlPathEqualTo(MESSAGES)).willReturn(json(201, "{\"sid\":\"SM1\"}").withFixedDelay(3000)));
		DeliveryResult result = deliveries.send(sms(MOBILE));
		assertThat(result).extracting(DeliveryResult::outcome, DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.as("gave up at the 1 s read timeout, before Twilio's answer after 3 s")
			.containsExactly(Outcome.TRANSIENT_FAILURE, "TIMEOUT", true);
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).as("sent once, not repeated by the SDK")
			.hasSize(1);
		assertThat(mongo.findById(result.attemptId(), Document.class, "delivery_attempts").getString("status"))
			.isEqualTo("UNKNOWN");
	}

	@Test
	void aConnectionResetAfterTheRequestIsTransientWithAnUnknownOutcome() {
		stub(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		DeliveryResult result = deliveries.send(sms(MOBILE));
		assertThat(result).extracting(DeliveryResult::outcome, DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.containsExactly(Outcome.TRANSIENT_FAILURE, "CONNECTION", true);
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).as("the request reached Twilio")
			.hasSize(1);
		assertThat(mongo.findById(result.attemptId(), Document.class, "delivery_attempts").getString("status"))
			.isEqualTo("UNKNOWN");
	}

	@Test
	void rejectedCredentialsAreTheOperatorsProblemNotTheRecipients() {
		refuses(MESSAGES, 401, 20003);
		assertThat(deliveries.send(sms(MOBILE))).extracting(DeliveryResult::outcome, DeliveryResult::errorCode)
			.containsExactly(Outcome.TRANSIENT_FAILURE, "20003");
	}

	@Test
	void otherClientErrorsArePermanentWithTheirCode() {
		refuses(MESSAGES, 400, 21408);
		assertThat(deliveries.send(sms(MOBILE))).extracting(DeliveryResult::outcome, DeliveryResult::errorCode)
			.containsExactly(Outcome.PERMANENT_FAILURE, "21408");
	}

}
