package com.licencereminder.delivery.miniprogram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.licencereminder.delivery.ChannelSender.Lookup;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.RenderedMessage;
import com.licencereminder.shared.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WeChat adapter against a WireMock stand-in: the exact requests, the token cache and
 * its refresh, and the classification of every error the provider documents.
 */
class WechatMiniProgramSenderTests {

	static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

	WireMockServer wechat;

	MutableClock now = new MutableClock(Instant.parse("2026-11-27T01:00:00Z"), ZoneId.of("Asia/Shanghai"));

	WechatMiniProgramSender sender;

	@BeforeEach
	void start() {
		wechat = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("localhost"));
		wechat.start();
		WechatProperties properties = new WechatProperties("wx-app", "app-secret", "TPL-1", "pages/licence/detail",
				"formal", "http://localhost:" + wechat.port(), Duration.ofSeconds(2), Duration.ofMillis(800),
				Duration.ofMinutes(5));
		sender = new WechatMiniProgramSender(WechatConfiguration.restClient(properties), properties, now);
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"TOKEN-1\",\"expires_in\":7200}")));
	}

	@AfterEach
	void stop() {
		wechat.stop();
	}

	static RenderedMessage message() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("thing1", "食品经营许可证");
		fields.put("thing2", "JY14110020000001");
		fields.put("time3", "2026年12月4日");
		fields.put("thing4", "剩余7天，请及时办理延续");
		return new RenderedMessage("preview", fields);
	}

	void answerSend(String json) {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send")).willReturn(okJson(json)));
	}

	@Test
	void sendsTheExactRequestsAndReportsSent() {
		answerSend("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":294402298110051942}");

		DeliveryResult result = sender.send("attempt-1", OPENID, message());

		assertThat(result.outcome()).isEqualTo(Outcome.SENT);
		assertThat(result.providerId()).isEqualTo("294402298110051942");
		wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")).withRequestBody(equalToJson(
				"{\"grant_type\":\"client_credential\",\"appid\":\"wx-app\",\"secret\":\"app-secret\",\"force_refresh\":false}")));
		wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
			.withQueryParam("access_token", equalTo("TOKEN-1"))
			.withRequestBody(equalToJson("{\"touser\":\"" + OPENID + "\",\"template_id\":\"TPL-1\","
					+ "\"page\":\"pages/licence/detail\",\"miniprogram_state\":\"formal\",\"lang\":\"zh_CN\","
					+ "\"data\":{\"thing1\":{\"value\":\"食品经营许可证\"},\"thing2\":{\"value\":\"JY14110020000001\"},"
					+ "\"time3\":{\"value\":\"2026年12月4日\"},\"thing4\":{\"value\":\"剩余7天，请及时办理延续\"}}}")));
	}

	@Test
	void theTokenIsCachedAndRefreshedBeforeItExpires() {
		answerSend("{\"errcode\":0,\"errmsg\":\"ok\"}");
		sender.send("a1", OPENID, message());
		sender.send("a2", OPENID, message());
		wechat.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")));

		now.advance(Duration.ofSeconds(7200).minus(Duration.ofMinutes(4)));
		sender.send("a3", OPENID, message());

		wechat.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void aRejectedTokenIsForceRefreshedOnceAndTheSendRepeated() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send")).inScenario("token")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"))
			.willSetStateTo("refreshed"));
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send")).inScenario("token")
			.whenScenarioStateIs("refreshed")
			.willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));

		DeliveryResult result = sender.send("attempt-1", OPENID, message());

		assertThat(result.outcome()).isEqualTo(Outcome.SENT);
		wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(matchingJsonPath("$.force_refresh", equalTo("true"))));
		wechat.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send")));
	}

	@Test
	void refusedOrNoQuotaIsPermanent() {
		answerSend("{\"errcode\":43101,\"errmsg\":\"user refuse to accept the msg\"}");

		DeliveryResult result = sender.send("attempt-1", OPENID, message());

		assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
		assertThat(result.errorCode()).isEqualTo("43101");
	}

	@Test
	void anInvalidOpenidIsPermanent() {
		answerSend("{\"errcode\":40003,\"errmsg\":\"invalid openid\"}");

		assertThat(sender.send("a", OPENID, message()).outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
	}

	@Test
	void quotaAndSystemBusyAreTransient() {
		answerSend("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}");
		DeliveryResult quota = sender.send("a", OPENID, message());
		answerSend("{\"errcode\":-1,\"errmsg\":\"system error\"}");
		DeliveryResult busy = sender.send("b", OPENID, message());

		assertThat(quota.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(quota.errorCode()).isEqualTo("45009");
		assertThat(busy.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(busy.errorCode()).isEqualTo("-1");
	}

	@Test
	void serverErrorsTimeoutsAndResetsAreTransient() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send")).willReturn(aResponse().withStatus(502)));
		DeliveryResult badGateway = sender.send("a", OPENID, message());
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
			.willReturn(okJson("{\"errcode\":0}").withFixedDelay(2_000)));
		DeliveryResult slow = sender.send("b", OPENID, message());
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		DeliveryResult reset = sender.send("c", OPENID, message());

		assertThat(badGateway.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(badGateway.errorCode()).isEqualTo("HTTP_502");
		assertThat(badGateway.ambiguous()).as("WeChat answered").isFalse();
		assertThat(slow).as("sent, but no answer in time: WeChat may have sent it")
			.extracting(DeliveryResult::outcome, DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.containsExactly(Outcome.TRANSIENT_FAILURE, DeliveryResult.TIMEOUT, true);
		assertThat(reset).extracting(DeliveryResult::outcome, DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.containsExactly(Outcome.TRANSIENT_FAILURE, DeliveryResult.CONNECTION, true);
	}

	@Test
	void aServiceThatCannotBeReachedCertainlyDidNotSend() {
		wechat.stop();

		DeliveryResult result = sender.send("a", OPENID, message());

		assertThat(result).extracting(DeliveryResult::outcome, DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.containsExactly(Outcome.TRANSIENT_FAILURE, "TOKEN_" + DeliveryResult.CONNECT_FAILED, false);
	}

	@Test
	void aTokenRequestWithoutAnAnswerIsNotAnAmbiguousSend() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"TOKEN-1\",\"expires_in\":7200}").withFixedDelay(2_000)));

		DeliveryResult result = sender.send("a", OPENID, message());

		assertThat(result).extracting(DeliveryResult::outcome, DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.containsExactly(Outcome.TRANSIENT_FAILURE, "TOKEN_" + DeliveryResult.TIMEOUT, false);
		wechat.verify(0, postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send")));
	}

	@Test
	void subscribeMessagesCannotBeLookedUp() {
		assertThat(sender.lookup("a", OPENID, message(), now.instant().minusSeconds(60), now.instant()).status())
			.isEqualTo(Lookup.Status.UNKNOWN);
		assertThat(wechat.getAllServeEvents()).isEmpty();
	}

	@Test
	void aTokenThatCannotBeHadIsTransientAndNamesTheCode() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"errcode\":40013,\"errmsg\":\"invalid appid\"}")));

		DeliveryResult result = sender.send("a", OPENID, message());

		assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(result.errorCode()).isEqualTo("TOKEN_40013");
		wechat.verify(0, postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send")));
	}

	@Test
	void anAnswerWithATextContentTypeIsStillRead() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
			.willReturn(aResponse().withHeader("Content-Type", "text/plain")
				.withBody("{\"errcode\":43101,\"errmsg\":\"refuse\"}")));

		assertThat(sender.send("a", OPENID, message()).errorCode()).isEqualTo("43101");
	}

}
