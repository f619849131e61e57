package com.licencereminder.delivery.aliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.licencereminder.delivery.twilio.TwilioStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service configured for Aliyun and Twilio (routing by default: Aliyun first, Twilio
 * for what Aliyun cannot reach or refuses), with WireMock on localhost standing in for
 * both APIs. Every subclass shares one application context and the two WireMock servers,
 * reset before each test. The Aliyun SDK is pointed at WireMock as a test would point it
 * at any endpoint ({@code Config.setEndpoint("localhost:port").setProtocol("http")}); it
 * sends {@code POST /} with the action in the header {@code x-acs-action}, the parameters
 * in the query and an {@code ACS3-HMAC-SHA256} {@code Authorization}. The per-number
 * limits are raised (tests text and call the same numbers many times; the limits are
 * tested on their own).
 */
@SpringBootTest(properties = { "licence-reminder.twilio.account-sid=" + TwilioStandIn.SID,
		"licence-reminder.twilio.auth-token=" + TwilioStandIn.TOKEN,
		"licence-reminder.twilio.from-number=" + TwilioStandIn.FROM, "licence-reminder.twilio.connect-timeout=1s",
		"licence-reminder.twilio.read-timeout=1s", "licence-reminder.public-base-url=" + TwilioStandIn.PUBLIC_BASE_URL,
		"licence-reminder.aliyun.access-key-id=" + AliyunStandIn.KEY_ID,
		"licence-reminder.aliyun.access-key-secret=test-access-key-secret", "licence-reminder.aliyun.protocol=http",
		"licence-reminder.aliyun.sign-name=" + AliyunStandIn.SIGN_NAME,
		"licence-reminder.aliyun.sms-template-code=" + AliyunStandIn.SMS_TEMPLATE,
		"licence-reminder.aliyun.tts-code=" + AliyunStandIn.TTS_CODE,
		"licence-reminder.aliyun.called-show-number=" + AliyunStandIn.SHOW_NUMBER,
		"licence-reminder.aliyun.acknowledged-tts-code=TTS_200000002", "licence-reminder.aliyun.connect-timeout=1s",
		"licence-reminder.aliyun.read-timeout=2s", "licence-reminder.aliyun.receipt-timeout=0s",
		"licence-reminder.aliyun.limits.calls-per-minute=1000", "licence-reminder.aliyun.limits.calls-per-hour=1000",
		"licence-reminder.aliyun.limits.calls-per-day=1000", "licence-reminder.aliyun.limits.texts-per-day=1000",
		"licence-reminder.webhooks.token=" + AliyunStandIn.WEBHOOK_TOKEN,
		"licence-reminder.webhooks.allowed-sources=127.0.0.1/32,::1", "licence-reminder.delivery.lookup-timeout=5s",
		"licence-reminder.delivery.resilience.open-for=5s", "licence-reminder.dispatch.enabled=false",
		"licence-reminder.send-windows.enabled=false", "licence-reminder.delivery.resilience.sliding-window=1000",
		"licence-reminder.delivery.resilience.minimum-calls=1000" })
public abstract class AliyunStandIn extends TwilioStandIn {

	public static final String KEY_ID = "LTAI5tTestAccessKeyId";

	public static final String SIGN_NAME = "魏都市场监管";

	public static final String SMS_TEMPLATE = "SMS_100000001";

	public static final String TTS_CODE = "TTS_200000001";

	public static final String SHOW_NUMBER = "037400000000";

	public static final String WEBHOOK_TOKEN = "0123456789abcdef0123456789abcdef";

	protected static final WireMockServer aliyun = new WireMockServer(options().dynamicPort().bindAddress("localhost"));

	static {
		aliyun.start();
	}

	@DynamicPropertySource
	static void aliyunApi(DynamicPropertyRegistry properties) {
		properties.add("licence-reminder.aliyun.sms-endpoint", () -> "localhost:" + aliyun.port());
		properties.add("licence-reminder.aliyun.voice-endpoint", () -> "localhost:" + aliyun.port());
	}

	@BeforeEach
	void resetAliyun() {
		aliyun.resetAll();
	}

	/** A request for an Aliyun action, as the SDK sends it. */
	public static MappingBuilder action(String action) {
		return post(urlPathEqualTo("/")).withHeader("x-acs-action", equalTo(action));
	}

	/** Aliyun answers the action with HTTP 200 and this code. */
	public static void answers(String action, String code, String idField, String id) {
		aliyun.stubFor(action(action).willReturn(json(200,
				"{\"Code\":\"" + code + "\",\"Message\":\"" + (code.equals("OK") ? "OK" : "refused for 13812345678")
						+ "\",\"RequestId\":\"R1\"" + (id == null ? "" : ",\"" + idField + "\":\"" + id + "\"")
						+ "}")));
	}

	/** {@code SendSms} accepted as {@code bizId}. */
	public static void acceptsSms(String bizId) {
		answers("SendSms", "OK", "BizId", bizId);
	}

	/** The requests Aliyun received for the action. */
	public static List<LoggedRequest> requests(String action) {
		return aliyun.findAll(postRequestedFor(urlPathEqualTo("/")).withHeader("x-acs-action", equalTo(action)));
	}

	public static void stubAliyun(MappingBuilder mapping) {
		aliyun.stubFor(mapping);
	}

	public static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json;charset=utf-8")
			.withBody(body);
	}

}
