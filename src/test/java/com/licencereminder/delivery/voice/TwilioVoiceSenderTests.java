package com.licencereminder.delivery.voice;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.DeliveryRequest;
import com.licencereminder.delivery.DeliveryRequest.LicenceLine;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.twilio.TwilioStandIn;
import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Reminder calls through the Twilio SDK against WireMock: the exact request and its
 * TwiML.
 */
class TwilioVoiceSenderTests extends TwilioStandIn {

	static final String LANDLINE = "+863741234567";

	static final String PLACED = "CA00000000000000000000000000000010";

	@Autowired
	Deliveries deliveries;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void cleanStore() {
		TestStores.clear(mongo);
	}

	static DeliveryRequest call(String recipient) {
		return new DeliveryRequest(UUID.randomUUID().toString(), Channel.VOICE, recipient, "许昌市魏都区甲餐饮店", 7,
				List.of(new LicenceLine("licence-1", 1, "食品经营许可证", "JY14110020000001", LocalDate.now().plusDays(7),
						"魏都区市场监管局")),
				false);
	}

	@Test
	void placesACallThatSpeaksTheReminderTwiceAndGathersOneKey() {
		accepts(CALLS, "CA00000000000000000000000000000001");

		DeliveryResult result = deliveries.send(call(LANDLINE));

		assertThat(result.outcome()).isEqualTo(Outcome.SENT);
		assertThat(result.providerId()).isEqualTo("CA00000000000000000000000000000001");
		List<LoggedRequest> requests = twilio.findAll(postRequestedFor(urlPathEqualTo(CALLS)));
		assertThat(requests).hasSize(1);
		LoggedRequest request = requests.get(0);
		assertThat(request.formParameter("To").firstValue()).isEqualTo(LANDLINE);
		assertThat(request.formParameter("From").firstValue()).isEqualTo(FROM);
		assertThat(request.formParameter("StatusCallback").firstValue())
			.isEqualTo(PUBLIC_BASE_URL + "/webhooks/twilio/status/" + result.attemptId());
		assertThat(request.formParameter("StatusCallbackMethod").firstValue()).isEqualTo("POST");
		assertThat(request.formParameter("StatusCallbackEvent").values()).containsExactly("completed");

		String twiml = request.formParameter("Twiml").firstValue();
		assertThat(twiml).startsWith("<?xml")
			.contains("<Response>")
			.contains("<Gather action=\"" + PUBLIC_BASE_URL + "/webhooks/twilio/voice/" + result.attemptId()
					+ "/gather\"")
			.contains("numDigits=\"1\"", "method=\"POST\"");
		String gather = twiml.substring(twiml.indexOf("<Gather"), twiml.indexOf("</Gather>"));
		assertThat(gather.split("<Say language=\"zh-CN\">", -1)).as("two <Say language=\"zh-CN\"> in the <Gather>")
			.hasSize(3);
		assertThat(gather).contains("许昌市魏都区甲餐饮店", "JY14110020000001", "确认收到请按1", "再播报一遍");
		assertThat(twiml.substring(twiml.indexOf("</Gather>"))).contains("<Say language=\"zh-CN\">未收到确认");
	}

	/** A call Twilio placed but answered after the 1 s read timeout. */
	DeliveryResult timesOut(DeliveryRequest request) {
		stub(post(urlPathEqualTo(CALLS))
			.willReturn(json(201, "{\"sid\":\"" + PLACED + "\",\"account_sid\":\"" + SID + "\",\"status\":\"queued\"}")
				.withFixedDelay(3000)));
		DeliveryResult first = deliveries.send(request);
		assertThat(first).extracting(DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.containsExactly(DeliveryResult.TIMEOUT, true);
		return first;
	}

	@Test
	void aCallTwilioPlacedDespiteTheTimeoutIsFoundAndNotPlacedAgain() {
		DeliveryRequest request = call(LANDLINE);
		DeliveryResult first = timesOut(request);
		stub(get(urlPathEqualTo(CALLS)).willReturn(json(200,
				callList(
						listedCall("CA00000000000000000000000000000098", LANDLINE, FROM,
								Instant.now().minus(Duration.ofDays(1))),
						listedCall(PLACED, LANDLINE, FROM, Instant.now())))));
		accepts(CALLS, "CA00000000000000000000000000000011");

		DeliveryResult second = deliveries.send(request);

		assertThat(second).extracting(DeliveryResult::outcome, DeliveryResult::attemptId, DeliveryResult::providerId)
			.containsExactly(Outcome.SENT, first.attemptId(), PLACED);
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(CALLS)))).as("one call, not two").hasSize(1);
		assertThat(twilio.findAll(getRequestedFor(urlPathEqualTo(CALLS)))).singleElement().satisfies(list -> {
			assertThat(list.queryParameter("To").firstValue()).isEqualTo(LANDLINE);
			assertThat(list.queryParameter("From").firstValue()).isEqualTo(FROM);
			assertThat(list.queryParameter("PageSize").firstValue()).isEqualTo("50");
		});
	}

	@Test
	void twoCallsInTheWindowCannotTellWhichWasTheAttemptsAndTheNextCallIsFlagged() {
		DeliveryRequest request = call(LANDLINE);
		DeliveryResult first = timesOut(request);
		stub(get(urlPathEqualTo(CALLS)).willReturn(json(200, callList(listedCall(PLACED, LANDLINE, FROM, Instant.now()),
				listedCall("CA00000000000000000000000000000097", LANDLINE, FROM, Instant.now())))));
		accepts(CALLS, "CA00000000000000000000000000000011");

		DeliveryResult second = deliveries.send(request);

		assertThat(second.outcome()).isEqualTo(Outcome.SENT);
		assertThat(second.attemptId()).isNotEqualTo(first.attemptId());
		assertThat(deliveries.possibleDuplicate(second.attemptId())).isTrue();
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(CALLS)))).hasSize(2);
	}

	@Test
	void aRefusedCallIsClassifiedLikeAText() {
		refuses(CALLS, 400, 21211);
		assertThat(deliveries.send(call(LANDLINE))).extracting(DeliveryResult::outcome, DeliveryResult::errorCode)
			.containsExactly(Outcome.PERMANENT_FAILURE, "21211");
		refuses(CALLS, 429, 20429);
		assertThat(deliveries.send(call(LANDLINE))).extracting(DeliveryResult::outcome, DeliveryResult::errorCode)
			.containsExactly(Outcome.TRANSIENT_FAILURE, "20429");
	}

}
