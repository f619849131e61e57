package com.licencereminder.delivery.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.DeliveryRequest;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.twilio.TwilioStandIn;
import com.licencereminder.shared.TestStores;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A text whose send got no answer in time although Twilio created it, and what the next
 * send with the same reference does, with WireMock answering the SDK's list request
 * ({@code GET Messages.json?
 * To=...&From=...&PageSize=50}) as Twilio does: found, not there, or the list cannot be
 * read.
 */
class TwilioSmsLookupTests extends TwilioStandIn {

	static final String MOBILE = TwilioSmsSenderTests.MOBILE;

	static final String CREATED = "SM00000000000000000000000000000010";

	@Autowired
	Deliveries deliveries;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void cleanStore() {
		TestStores.clear(mongo);
	}

	/**
	 * The first send: Twilio creates the message but answers after the 1 s read timeout.
	 */
	DeliveryResult timesOut(DeliveryRequest request) {
		stub(post(urlPathEqualTo(MESSAGES))
			.willReturn(json(201, "{\"sid\":\"" + CREATED + "\",\"account_sid\":\"" + SID + "\",\"status\":\"queued\"}")
				.withFixedDelay(3000)));
		DeliveryResult first = deliveries.send(request);
		assertThat(first).extracting(DeliveryResult::outcome, DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.containsExactly(Outcome.TRANSIENT_FAILURE, DeliveryResult.TIMEOUT, true);
		assertThat(attempt(first.attemptId()).getString("status")).isEqualTo("UNKNOWN");
		assertThat(mongo.findById(request.reference(), Document.class, "delivery_references")
			.getString("uncertainAttemptId")).isEqualTo(first.attemptId());
		return first;
	}

	Document attempt(String id) {
		return mongo.findById(id, Document.class, "delivery_attempts");
	}

	List<Object> timeline(String attemptId) {
		return attempt(attemptId).getList("timeline", Document.class)
			.stream()
			.map(change -> change.get("status"))
			.toList();
	}

	int posts() {
		return twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size();
	}

	double resolved(String resolution) {
		var counter = meters.find("delivery.ambiguous")
			.tags("channel", "SMS", "provider", "twilio", "resolution", resolution)
			.counter();
		return counter == null ? 0 : counter.count();
	}

	@Test
	void aTextTwilioCreatedDespiteTheTimeoutIsFoundAndNotSentAgain() {
		DeliveryRequest request = TwilioSmsSenderTests.sms(MOBILE);
		DeliveryResult first = timesOut(request);
		String text = attempt(first.attemptId()).getString("text");
		stub(get(urlPathEqualTo(MESSAGES)).willReturn(json(200, messageList(
				listedMessage("SM00000000000000000000000000000099", MOBILE, FROM, "another text", Instant.now()),
				listedMessage(CREATED, MOBILE, FROM, text, Instant.now())))));
		accepts(MESSAGES, "SM00000000000000000000000000000011");
		double before = resolved("sent");

		DeliveryResult second = deliveries.send(request);

		assertThat(second).extracting(DeliveryResult::outcome, DeliveryResult::attemptId, DeliveryResult::providerId)
			.containsExactly(Outcome.SENT, first.attemptId(), CREATED);
		assertThat(posts()).as("one text sent, not two").isEqualTo(1);
		List<LoggedRequest> lists = twilio.findAll(getRequestedFor(urlPathEqualTo(MESSAGES)));
		assertThat(lists).singleElement().satisfies(list -> {
			assertThat(list.queryParameter("To").firstValue()).isEqualTo(MOBILE);
			assertThat(list.queryParameter("From").firstValue()).isEqualTo(FROM);
			assertThat(list.queryParameter("PageSize").firstValue()).isEqualTo("50");
		});
		Document attempt = attempt(first.attemptId());
		assertThat(attempt.getString("status")).isEqualTo("SENT");
		assertThat(attempt.getString("providerId")).isEqualTo(CREATED);
		assertThat(attempt.getString("ambiguity")).isEqualTo("SENT");
		assertThat(timeline(first.attemptId())).containsExactly("SENDING", "UNKNOWN", "lookup-sent");
		assertThat(mongo.count(new Query(), "delivery_attempts")).isEqualTo(1);
		assertThat(resolved("sent")).isEqualTo(before + 1);

		assertThat(deliveries.send(request)).as("recorded as sent").isEqualTo(second);
		assertThat(twilio.findAll(getRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(1);
	}

	@Test
	void aTextTwilioHasNoRecordOfIsSentAgainUnflagged() {
		DeliveryRequest request = TwilioSmsSenderTests.sms(MOBILE);
		DeliveryResult first = timesOut(request);
		String text = attempt(first.attemptId()).getString("text");
		stub(get(urlPathEqualTo(MESSAGES)).willReturn(json(200, messageList(
				listedMessage("SM00000000000000000000000000000098", MOBILE, FROM, text,
						Instant.now().minus(Duration.ofHours(2))),
				listedMessage("SM00000000000000000000000000000099", MOBILE, FROM, "another text", Instant.now())))));
		accepts(MESSAGES, "SM00000000000000000000000000000011");
		double before = resolved("not-sent");

		DeliveryResult second = deliveries.send(request);

		assertThat(second.outcome()).isEqualTo(Outcome.SENT);
		assertThat(second.attemptId()).isNotEqualTo(first.attemptId());
		assertThat(posts()).isEqualTo(2);
		assertThat(deliveries.possibleDuplicate(second.attemptId())).isFalse();
		assertThat(attempt(first.attemptId())).extracting(a -> a.get("status"), a -> a.get("ambiguity"))
			.containsExactly("FAILED", "NOT_SENT");
		assertThat(timeline(first.attemptId())).containsExactly("SENDING", "UNKNOWN", "lookup-not-sent");
		assertThat(resolved("not-sent")).isEqualTo(before + 1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 404 })
	void aListThatCannotBeReadLeavesTheOutcomeUnknownAndTheNextTextFlagged(int status) {
		DeliveryRequest request = TwilioSmsSenderTests.sms(MOBILE);
		DeliveryResult first = timesOut(request);
		stub(get(urlPathEqualTo(MESSAGES)).willReturn(json(status,
				"{\"code\":20" + status + ",\"message\":\"HTTP " + status
						+ "\",\"more_info\":\"https://www.twilio.com/docs/errors/20" + status + "\",\"status\":"
						+ status + "}")));
		accepts(MESSAGES, "SM00000000000000000000000000000011");
		double before = resolved("unresolved");

		DeliveryResult second = deliveries.send(request);

		assertThat(second.outcome()).isEqualTo(Outcome.SENT);
		assertThat(posts()).isEqualTo(2);
		assertThat(deliveries.possibleDuplicate(second.attemptId())).isTrue();
		assertThat(attempt(second.attemptId()).getList("timeline", Document.class).get(0).getString("detail"))
			.contains(first.attemptId());
		assertThat(attempt(first.attemptId())).extracting(a -> a.get("status"), a -> a.get("ambiguity"))
			.containsExactly("UNKNOWN", "UNRESOLVED");
		assertThat(attempt(first.attemptId()).getList("timeline", Document.class))
			.extracting(change -> change.get("status"),
					change -> String.valueOf(change.get("detail")).contains("20" + status))
			.endsWith(tuple("lookup-unresolved", true));
		assertThat(resolved("unresolved")).isEqualTo(before + 1);
	}

}
