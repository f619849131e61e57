package com.licencereminder.delivery.tencent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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
 * The service configured for Tencent Cloud and Twilio (routing by default: Tencent first,
 * Aliyun not being configured, Twilio for what Tencent cannot reach or refuses), with
 * WireMock on localhost standing in for both APIs. Every subclass shares one application
 * context and the WireMock servers, reset before each test. The Tencent SDKs are pointed
 * at WireMock as a test would point them at any endpoint
 * ({@code HttpProfile.setEndpoint("localhost:port")}, protocol {@code http}); they send
 * {@code POST /} with the action in the header {@code X-TC-Action}, the parameters as a
 * JSON body and a {@code TC3-HMAC-SHA256} {@code Authorization}, which every stub
 * requires. The per-number limits are raised (tests text and call the same numbers many
 * times; the limits are tested on their own).
 */
@SpringBootTest(properties = { "licence-reminder.twilio.account-sid=" + TwilioStandIn.SID,
		"licence-reminder.twilio.auth-token=" + TwilioStandIn.TOKEN,
		"licence-reminder.twilio.from-number=" + TwilioStandIn.FROM, "licence-reminder.twilio.connect-timeout=1s",
		"licence-reminder.twilio.read-timeout=1s", "licence-reminder.public-base-url=" + TwilioStandIn.PUBLIC_BASE_URL,
		"licence-reminder.tencent.secret-id=" + TencentStandIn.SECRET_ID,
		"licence-reminder.tencent.secret-key=test-secret-key", "licence-reminder.tencent.protocol=http",
		"licence-reminder.tencent.sms-sdk-app-id=" + TencentStandIn.SMS_APP,
		"licence-reminder.tencent.sign-name=" + TencentStandIn.SIGN_NAME,
		"licence-reminder.tencent.sms-template-id=" + TencentStandIn.SMS_TEMPLATE,
		"licence-reminder.tencent.voice-sdk-app-id=" + TencentStandIn.VOICE_APP,
		"licence-reminder.tencent.voice-template-id=" + TencentStandIn.VOICE_TEMPLATE,
		"licence-reminder.tencent.connect-timeout=1s", "licence-reminder.tencent.read-timeout=2s",
		"licence-reminder.tencent.receipt-timeout=0s", "licence-reminder.tencent.limits.texts-per-thirty-seconds=1000",
		"licence-reminder.tencent.limits.texts-per-hour=1000", "licence-reminder.tencent.limits.texts-per-day=1000",
		"licence-reminder.tencent.limits.calls-per-thirty-seconds=1000",
		"licence-reminder.tencent.limits.calls-per-ten-minutes=1000",
		"licence-reminder.tencent.limits.calls-per-day=1000",
		"licence-reminder.webhooks.token=" + TencentStandIn.WEBHOOK_TOKEN,
		"licence-reminder.webhooks.allowed-sources=127.0.0.1/32,::1", "licence-reminder.delivery.lookup-timeout=5s",
		"licence-reminder.delivery.resilience.open-for=5s", "licence-reminder.dispatch.enabled=false",
		"licence-reminder.send-windows.enabled=false", "licence-reminder.delivery.resilience.sliding-window=1000",
		"licence-reminder.delivery.resilience.minimum-calls=1000" })
public abstract class TencentStandIn extends TwilioStandIn {

	public static final String SECRET_ID = "AKIDTestSecretId0000000000000000";

	public static final String SMS_APP = "1400000001";

	public static final String VOICE_APP = "1400000002";

	public static final String SIGN_NAME = "魏都市场监管";

	public static final String SMS_TEMPLATE = "1000001";

	public static final String VOICE_TEMPLATE = "2000001";

	public static final String WEBHOOK_TOKEN = "0123456789abcdef0123456789abcdef";

	protected static final WireMockServer tencent = new WireMockServer(
			options().dynamicPort().bindAddress("localhost"));

	static {
		tencent.start();
	}

	@DynamicPropertySource
	static void tencentApi(DynamicPropertyRegistry properties) {
		properties.add("licence-reminder.tencent.sms-endpoint", TencentStandIn::endpoint);
		properties.add("licence-reminder.tencent.voice-endpoint", TencentStandIn::endpoint);
	}

	@BeforeEach
	void resetTencent() {
		resetStandIn();
	}

	/**
	 * Forgets every stub and request (for tests that use the stand-in without this
	 * context).
	 */
	public static void resetStandIn() {
		tencent.resetAll();
	}

	/** Where the SDKs reach the stand-in. */
	public static String endpoint() {
		return "localhost:" + tencent.port();
	}

	/** A signed request for a Tencent action, as the SDK sends it. */
	public static MappingBuilder action(String action) {
		return post(urlPathEqualTo("/")).withHeader("X-TC-Action", equalTo(action))
			.withHeader("Authorization", matching("TC3-HMAC-SHA256 Credential=" + SECRET_ID + "/.+"));
	}

	/** Tencent answers the action with this {@code Response} content. */
	public static void answers(String action, String response) {
		tencent.stubFor(action(action).willReturn(json(200, "{\"Response\":{" + response + "}}")));
	}

	/** {@code SendSms} answers the number with this code. */
	public static void sendSmsAnswers(String code, String serialNo) {
		answers("SendSms",
				"\"SendStatusSet\":[{\"SerialNo\":\"" + serialNo
						+ "\",\"PhoneNumber\":\"+8613812345678\",\"Fee\":1,\"SessionContext\":\"\",\"Code\":\"" + code
						+ "\",\"Message\":\"" + ("Ok".equals(code) ? "send success" : "refused for 13812345678")
						+ "\",\"IsoCode\":\"CN\"}],\"RequestId\":\"R1\"");
	}

	/** {@code SendSms} accepted as {@code serialNo}. */
	public static void acceptsSms(String serialNo) {
		sendSmsAnswers("Ok", serialNo);
	}

	/** {@code SendTtsVoice} accepted as {@code callId}. */
	public static void acceptsCall(String callId) {
		answers("SendTtsVoice",
				"\"SendStatus\":{\"CallId\":\"" + callId + "\",\"SessionContext\":\"\"},\"RequestId\":\"R2\"");
	}

	/** Tencent answers the action with an {@code Error}, as the SDK throws it. */
	public static void fails(String action, String code) {
		answers(action,
				"\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"refused for 13812345678\"},\"RequestId\":\"R3\"");
	}

	/** The requests Tencent received for the action. */
	public static List<LoggedRequest> requests(String action) {
		return tencent.findAll(postRequestedFor(urlPathEqualTo("/")).withHeader("X-TC-Action", equalTo(action)));
	}

	public static void stubTencent(MappingBuilder mapping) {
		tencent.stubFor(mapping);
	}

	public static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json;charset=utf-8")
			.withBody(body);
	}

	/**
	 * A {@code PullSmsSendStatusByPhoneNumber} answer listing these texts
	 * ({@link #pulled}).
	 */
	public static String pull(String... texts) {
		return "\"PullSmsSendStatusSet\":[" + String.join(",", texts) + "],\"RequestId\":\"R4\"";
	}

	/**
	 * A text as {@code PullSmsSendStatusByPhoneNumber} lists it, with this
	 * {@code ReportStatus} ({@code SUCCESS}, {@code FAIL}) and {@code SessionContext}.
	 */
	public static String pulled(String reportStatus, String sessionContext) {
		return "{\"UserReceiveTime\":1772330405,\"CountryCode\":\"86\",\"SubscriberNumber\":\"13812345678\","
				+ "\"PhoneNumber\":\"+8613812345678\",\"SerialNo\":\"S-" + sessionContext + "\",\"ReportStatus\":\""
				+ reportStatus + "\",\"Description\":\"" + ("SUCCESS".equals(reportStatus) ? "用户短信送达成功" : "用户关机")
				+ "\",\"SessionContext\":\"" + sessionContext + "\"}";
	}

}
