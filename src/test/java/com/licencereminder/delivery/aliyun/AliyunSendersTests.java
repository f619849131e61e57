package com.licencereminder.delivery.aliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.aliyun.teaopenapi.models.Config;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.licencereminder.delivery.ChannelSender.Lookup;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.FailureClass;
import com.licencereminder.delivery.ProviderReports;
import com.licencereminder.delivery.RenderedMessage;
import com.licencereminder.delivery.aliyun.AliyunConfiguration.AliyunClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Aliyun senders against WireMock answering as Aliyun does: the requests the SDK
 * sends, and every kind of failure classified as the engine needs it.
 */
class AliyunSendersTests extends AliyunStandIn {

	static final String MOBILE = "+8613812345678";

	static final RenderedMessage MESSAGE = new RenderedMessage("【" + SIGN_NAME + "】您的食品经营许可证有效期至2026年3月1日", params(),
			null);

	@Autowired
	AliyunSmsSender sms;

	@Autowired
	AliyunVoiceSender voice;

	@Autowired
	AliyunClients clients;

	@Autowired
	ProviderReports reports;

	@Autowired
	Clock clock;

	static Map<String, String> params() {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("licenceType", "食品经营许可证");
		params.put("validUntil", "2026年3月1日");
		return params;
	}

	@Test
	void aTextIsSendSmsWithSignatureTemplateParametersAndTheAttemptAsOutId() {
		acceptsSms("900000000000000001^0");

		DeliveryResult result = sms.send("attempt-1", MOBILE, MESSAGE);

		assertThat(result).isEqualTo(new DeliveryResult(Outcome.SENT, "attempt-1", "900000000000000001^0", null, null));
		LoggedRequest request = requests("SendSms").get(0);
		assertThat(request.queryParameter("PhoneNumbers").firstValue()).isEqualTo("13812345678");
		assertThat(request.queryParameter("SignName").firstValue()).isEqualTo(SIGN_NAME);
		assertThat(request.queryParameter("TemplateCode").firstValue()).isEqualTo(SMS_TEMPLATE);
		assertThat(request.queryParameter("TemplateParam").firstValue())
			.isEqualTo("{\"licenceType\":\"食品经营许可证\",\"validUntil\":\"2026年3月1日\"}");
		assertThat(request.queryParameter("OutId").firstValue()).isEqualTo("attempt-1");
		assertThat(request.getHeader("Authorization")).startsWith("ACS3-HMAC-SHA256 Credential=" + KEY_ID);
	}

	@Test
	void aMessageWithItsOwnTemplateIsSentWithThatCode() {
		acceptsSms("B2");

		sms.send("attempt-2", MOBILE, new RenderedMessage("text", params(), "SMS_300000003"));

		assertThat(requests("SendSms").get(0).queryParameter("TemplateCode").firstValue()).isEqualTo("SMS_300000003");
	}

	@Test
	void aCallWithAShowNumberIsAnIvrCallWhoseKeyOneAcknowledges() {
		answers("IvrCall", "OK", "CallId", "116012354148^1028137");

		DeliveryResult result = voice.send("attempt-3", MOBILE, MESSAGE);

		assertThat(result.outcome()).isEqualTo(Outcome.SENT);
		assertThat(result.providerId()).isEqualTo("116012354148^1028137");
		LoggedRequest request = requests("IvrCall").get(0);
		assertThat(request.queryParameter("CalledNumber").firstValue()).isEqualTo("13812345678");
		assertThat(request.queryParameter("CalledShowNumber").firstValue()).isEqualTo(SHOW_NUMBER);
		assertThat(request.queryParameter("StartCode").firstValue()).isEqualTo(TTS_CODE);
		assertThat(request.queryParameter("OutId").firstValue()).isEqualTo("attempt-3");
		assertThat(request.getUrl()).contains("MenuKeyMap.1.Key=1").contains("MenuKeyMap.1.Code=TTS_200000002");
	}

	@Test
	void aCallWithoutAShowNumberIsSingleCallByTts() {
		answers("SingleCallByTts", "OK", "CallId", "C1");
		AliyunProperties properties = clients.properties();
		AliyunVoiceSender pooled = new AliyunVoiceSender(new AliyunClients(clients.sms(), clients.voice(),
				new AliyunProperties(properties.accessKeyId(), properties.accessKeySecret(), properties.smsEndpoint(),
						properties.voiceEndpoint(), "http", SIGN_NAME, SMS_TEMPLATE, TTS_CODE, null, null, 2,
						properties.connectTimeout(), properties.readTimeout(), properties.receiptTimeout(),
						properties.limits())),
				clock);

		assertThat(pooled.send("attempt-4", MOBILE, MESSAGE).outcome()).isEqualTo(Outcome.SENT);

		LoggedRequest request = requests("SingleCallByTts").get(0);
		assertThat(request.queryParameter("TtsCode").firstValue()).isEqualTo(TTS_CODE);
		assertThat(request.queryParameter("TtsParam").firstValue()).contains("\"licenceType\":\"食品经营许可证\"");
		assertThat(request.queryParameter("PlayTimes").firstValue()).isEqualTo("2");
		assertThat(request.queryParameter("OutId").firstValue()).isEqualTo("attempt-4");
	}

	@ParameterizedTest
	@CsvSource({ "isp.SYSTEM_ERROR, TRANSIENT_FAILURE, RETRY", "Throttling.User, TRANSIENT_FAILURE, RETRY",
			"isv.BUSINESS_LIMIT_CONTROL, TRANSIENT_FAILURE, RATE_LIMITED",
			"isv.DAY_LIMIT_CONTROL, TRANSIENT_FAILURE, RATE_LIMITED",
			"isv.MOBILE_NUMBER_ILLEGAL, PERMANENT_FAILURE, WRONG_RECIPIENT",
			"isv.SMS_TEMPLATE_ILLEGAL, TRANSIENT_FAILURE, CONFIGURATION",
			"isv.SMS_SIGNATURE_ILLEGAL, TRANSIENT_FAILURE, CONFIGURATION",
			"isv.DENY_IP_RANGE, TRANSIENT_FAILURE, CONFIGURATION",
			"isp.RAM_PERMISSION_DENY, TRANSIENT_FAILURE, CONFIGURATION",
			"isv.AMOUNT_NOT_ENOUGH, TRANSIENT_FAILURE, ACCOUNT", "isv.OUT_OF_SERVICE, TRANSIENT_FAILURE, ACCOUNT",
			"isv.SOMETHING_NEW, TRANSIENT_FAILURE, UNKNOWN" })
	void aCodeOtherThanOkInAnHttp200AnswerIsClassified(String code, Outcome outcome, FailureClass failure) {
		answers("SendSms", code, null, null);

		DeliveryResult result = sms.send("attempt-5", MOBILE, MESSAGE);

		assertThat(result.outcome()).isEqualTo(outcome);
		assertThat(result.errorCode()).isEqualTo(code);
		assertThat(FailureClass.of(result.errorCode())).isEqualTo(failure);
		assertThat(result.deferred()).isEqualTo(failure == FailureClass.RATE_LIMITED);
		assertThat(result.ambiguous()).isFalse();
		assertThat(result.errorMessage()).doesNotContain("13812345678");
	}

	@Test
	void anHttpErrorWithAnAliyunCodeIsClassifiedByThatCode() {
		stubAliyun(action("SendSms").willReturn(json(404,
				"{\"RequestId\":\"R\",\"Code\":\"InvalidAccessKeyId.NotFound\",\"Message\":\"Specified access key is not found.\"}")));

		DeliveryResult result = sms.send("attempt-6", MOBILE, MESSAGE);

		assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(result.errorCode()).isEqualTo("InvalidAccessKeyId.NotFound");
		assertThat(FailureClass.of(result.errorCode())).isEqualTo(FailureClass.CONFIGURATION);
	}

	@Test
	void anHttp5xxIsRetriedLaterAndNotAmbiguousWhenItSaysSo() {
		stubAliyun(action("SendSms")
			.willReturn(json(503, "{\"RequestId\":\"R\",\"Code\":\"ServiceUnavailable\",\"Message\":\"busy\"}")));

		DeliveryResult result = sms.send("attempt-7", MOBILE, MESSAGE);

		assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(result.errorCode()).isEqualTo("ServiceUnavailable");
		assertThat(result.ambiguous()).isFalse();
	}

	@Test
	void anUnreadableAnswerIsAmbiguous() {
		stubAliyun(action("SendSms").willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));
		assertThat(sms.send("attempt-8", MOBILE, MESSAGE).ambiguous()).isTrue();

		aliyun.resetAll();
		stubAliyun(action("SendSms").willReturn(json(200, "{\"Code\":")));
		assertThat(sms.send("attempt-9", MOBILE, MESSAGE).ambiguous()).isTrue();
	}

	@Test
	void aTimeoutIsAmbiguous() {
		stubAliyun(action("SendSms").willReturn(json(200, "{\"Code\":\"OK\"}").withFixedDelay(4000)));

		DeliveryResult result = sms.send("attempt-10", MOBILE, MESSAGE);

		assertThat(result.errorCode()).isEqualTo(DeliveryResult.TIMEOUT);
		assertThat(result.ambiguous()).isTrue();
	}

	@Test
	void aConnectionResetIsAmbiguousAndNotPostedAgain() {
		acceptsSms("900619746936498440^0");
		assertThat(sms.send("attempt-10", MOBILE, MESSAGE).outcome()).as("a pooled connection to reset")
			.isEqualTo(Outcome.SENT);
		aliyun.resetRequests();
		stubAliyun(action("SendSms").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		DeliveryResult result = sms.send("attempt-11", MOBILE, MESSAGE);

		assertThat(result.errorCode()).isEqualTo(DeliveryResult.CONNECTION);
		assertThat(result.ambiguous()).isTrue();
		assertThat(requests("SendSms")).as("OkHttp must not post it again on another route or connection").hasSize(1);
	}

	@Test
	void aConnectionThatCannotBeMadeIsCertainlyNotSent() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		AliyunProperties properties = clients.properties();
		Config config = new Config().setAccessKeyId(KEY_ID)
			.setAccessKeySecret("secret")
			.setEndpoint("localhost:" + closed)
			.setProtocol("http");
		AliyunSmsSender unreachable = new AliyunSmsSender(
				new AliyunClients(new com.aliyun.dysmsapi20170525.Client(config), clients.voice(), properties), reports,
				clock);

		DeliveryResult result = unreachable.send("attempt-12", MOBILE, MESSAGE);

		assertThat(result.errorCode()).isEqualTo(DeliveryResult.CONNECT_FAILED);
		assertThat(result.ambiguous()).isFalse();
	}

	@Test
	void aSecondCallToANumberWithinAMinuteIsHeldBackBeforeAliyunIsCalled() {
		AliyunProperties properties = clients.properties();
		AliyunVoiceSender limited = new AliyunVoiceSender(new AliyunClients(clients.sms(), clients.voice(),
				new AliyunProperties(properties.accessKeyId(), properties.accessKeySecret(), properties.smsEndpoint(),
						properties.voiceEndpoint(), "http", SIGN_NAME, SMS_TEMPLATE, TTS_CODE, SHOW_NUMBER,
						"TTS_200000002", 2, properties.connectTimeout(), properties.readTimeout(),
						properties.receiptTimeout(), new AliyunProperties.Limits(1, 5, 20, 50))),
				clock);

		Instant before = clock.instant();
		assertThat(limited.takeSlot(MOBILE, MESSAGE)).isEmpty();
		Instant after = clock.instant();
		assertThat(limited.takeSlot(MOBILE, MESSAGE)).as("until a minute after the first call")
			.hasValueSatisfying(free -> assertThat(free).isBetween(before.plusSeconds(60), after.plusSeconds(60)));
		assertThat(limited.takeSlot("+8613812345679", MESSAGE)).isEmpty();

		limited.giveBackSlot(MOBILE, MESSAGE);

		assertThat(limited.takeSlot(MOBILE, MESSAGE)).as("the slot of a call that did not go out").isEmpty();
	}

	@Test
	void onlyMainlandNumbersAreReached() {
		assertThat(sms.reaches(MOBILE)).isTrue();
		assertThat(sms.reaches("+85291234567")).isFalse();
		assertThat(sms.reaches("+863741234567")).isFalse();
		assertThat(voice.reaches("+863741234567")).isTrue();
		assertThat(voice.reaches("+85291234567")).isFalse();
	}

	@Test
	void aLookupFindsTheAttemptByOutIdInQuerySendDetails() {
		stubAliyun(action("QuerySendDetails").withQueryParam("PhoneNumber", equalTo("13812345678"))
			.withQueryParam("SendDate", matching("\\d{8}"))
			.willReturn(json(200, details("other-attempt", "attempt-13"))));
		Instant now = clock.instant();

		Lookup found = sms.lookup("attempt-13", MOBILE, MESSAGE, now.minusSeconds(60), now);
		Lookup missing = sms.lookup("attempt-14", MOBILE, MESSAGE, now.minusSeconds(60), now);

		assertThat(found.status()).isEqualTo(Lookup.Status.SENT);
		assertThat(missing.status()).isEqualTo(Lookup.Status.NOT_SENT);
	}

	@Test
	void aLookupThatFailsCannotTell() {
		stubAliyun(action("QuerySendDetails").willReturn(json(200, "{\"Code\":\"isp.SYSTEM_ERROR\"}")));
		Instant now = clock.instant();

		assertThat(sms.lookup("attempt-15", MOBILE, MESSAGE, now.minus(Duration.ofMinutes(5)), now).status())
			.isEqualTo(Lookup.Status.UNKNOWN);
	}

	/** A {@code QuerySendDetails} answer listing texts with these OutIds, delivered. */
	static String details(String... outIds) {
		return answer(Arrays.stream(outIds).map(outId -> text(3, "DELIVERED", outId)).toArray(String[]::new));
	}

	/** A {@code QuerySendDetails} answer listing these texts. */
	static String answer(String... texts) {
		return "{\"Code\":\"OK\",\"Message\":\"OK\",\"RequestId\":\"R\",\"TotalCount\":\"" + texts.length
				+ "\",\"SmsSendDetailDTOs\":{\"SmsSendDetailDTO\":[" + String.join(",", texts) + "]}}";
	}

	/**
	 * A text as {@code QuerySendDetails} lists it, in this {@code SendStatus} (1 waiting,
	 * 2 failed, 3 delivered) with this {@code ErrCode}.
	 */
	static String text(int status, String code, String outId) {
		return "{\"PhoneNum\":\"13812345678\",\"SendStatus\":" + status + ",\"ErrCode\":\"" + code
				+ "\",\"TemplateCode\":\"" + SMS_TEMPLATE + "\",\"Content\":\"【" + SIGN_NAME
				+ "】text\",\"SendDate\":\"2026-03-01 10:00:00\",\"ReceiveDate\":\"2026-03-01 10:00:05\",\"OutId\":\""
				+ outId + "\"}";
	}

}
