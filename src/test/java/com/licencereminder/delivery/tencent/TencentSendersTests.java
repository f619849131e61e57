package com.licencereminder.delivery.tencent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.licencereminder.delivery.ChannelSender.Lookup;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.FailureClass;
import com.licencereminder.delivery.ProviderReports;
import com.licencereminder.delivery.RenderedMessage;
import com.licencereminder.delivery.tencent.TencentConfiguration.TencentClients;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.sms.v20210111.SmsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Tencent senders against WireMock answering as Tencent does: the requests the SDKs
 * send, and every kind of failure classified as the engine needs it.
 */
class TencentSendersTests extends TencentStandIn {

	static final String MOBILE = "+8613812345678";

	static final RenderedMessage MESSAGE = new RenderedMessage("【" + SIGN_NAME + "】您的食品经营许可证有效期至2026年3月1日", params(),
			null);

	@Autowired
	TencentSmsSender sms;

	@Autowired
	TencentVoiceSender voice;

	@Autowired
	TencentClients clients;

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
	void aTextIsSendSmsWithAppSignatureTemplatePositionalParametersAndTheAttemptAsSessionContext() {
		acceptsSms("2433:332651937917203568820001");

		DeliveryResult result = sms.send("attempt-1", MOBILE, MESSAGE);

		assertThat(result)
			.isEqualTo(new DeliveryResult(Outcome.SENT, "attempt-1", "2433:332651937917203568820001", null, null));
		LoggedRequest request = requests("SendSms").get(0);
		assertThat(request.getHeader("X-TC-Version")).isEqualTo("2021-01-11");
		assertThat(request.getHeader("Authorization")).startsWith("TC3-HMAC-SHA256 Credential=" + SECRET_ID + "/");
		assertThat(equalToJson("""
				{"PhoneNumberSet": ["+8613812345678"], "SmsSdkAppId": "1400000001", "SignName": "魏都市场监管",
				 "TemplateId": "1000001", "TemplateParamSet": ["食品经营许可证", "2026年3月1日"],
				 "SessionContext": "attempt-1"}""").match(request.getBodyAsString()).isExactMatch()).isTrue();
	}

	@Test
	void aMessageWithItsOwnTemplateIsSentWithThatId() {
		acceptsSms("S2");

		sms.send("attempt-2", MOBILE, new RenderedMessage("text", params(), "1000007"));

		assertThat(
				matchingJsonPath("$.TemplateId", equalTo("1000007")).match(requests("SendSms").get(0).getBodyAsString())
					.isExactMatch())
			.isTrue();
	}

	@Test
	void aCallIsSendTtsVoiceWithTheCallIdAsProviderId() {
		acceptsCall("d0a0ac24-0d5b-4c5d-8b38-1b1a3b5c7e11");

		DeliveryResult result = voice.send("attempt-3", MOBILE, MESSAGE);

		assertThat(result.outcome()).isEqualTo(Outcome.SENT);
		assertThat(result.providerId()).isEqualTo("d0a0ac24-0d5b-4c5d-8b38-1b1a3b5c7e11");
		LoggedRequest request = requests("SendTtsVoice").get(0);
		assertThat(request.getHeader("X-TC-Version")).isEqualTo("2020-09-02");
		assertThat(equalToJson("""
				{"TemplateId": "2000001", "TemplateParamSet": ["食品经营许可证", "2026年3月1日"],
				 "CalledNumber": "+8613812345678", "VoiceSdkAppid": "1400000002", "PlayTimes": 2,
				 "SessionContext": "attempt-3"}""").match(request.getBodyAsString()).isExactMatch()).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "FailedOperation.PhoneNumberInBlacklist, PERMANENT_FAILURE, OPTED_OUT",
			"InvalidParameterValue.IncorrectPhoneNumber, PERMANENT_FAILURE, WRONG_RECIPIENT",
			"LimitExceeded.PhoneNumberThirtySecondLimit, TRANSIENT_FAILURE, RATE_LIMITED",
			"LimitExceeded.PhoneNumberDailyLimit, TRANSIENT_FAILURE, RATE_LIMITED",
			"FailedOperation.InsufficientBalanceInSmsPackage, TRANSIENT_FAILURE, ACCOUNT",
			"FailedOperation.TemplateIncorrectOrUnapproved, TRANSIENT_FAILURE, CONFIGURATION",
			"FailedOperation.SignatureIncorrectOrUnapproved, TRANSIENT_FAILURE, CONFIGURATION",
			"InternalError.Timeout, TRANSIENT_FAILURE, RETRY",
			"FailedOperation.SomethingNew, TRANSIENT_FAILURE, UNKNOWN" })
	void aNumbersCodeOtherThanOkIsClassified(String code, Outcome outcome, FailureClass failure) {
		sendSmsAnswers(code, "");

		DeliveryResult result = sms.send("attempt-4", MOBILE, MESSAGE);

		assertThat(result.outcome()).isEqualTo(outcome);
		assertThat(result.errorCode()).isEqualTo(code);
		assertThat(FailureClass.of(result.errorCode())).isEqualTo(failure);
		assertThat(result.deferred()).isEqualTo(failure == FailureClass.RATE_LIMITED);
		assertThat(result.ambiguous()).isFalse();
		assertThat(result.errorMessage()).doesNotContain("13812345678");
	}

	@ParameterizedTest
	@CsvSource({ "AuthFailure.SignatureFailure, CONFIGURATION",
			"UnauthorizedOperation.SmsSdkAppIdVerifyFail, CONFIGURATION",
			"FailedOperation.InsufficientBalanceInSmsPackage, ACCOUNT", "InternalError.Timeout, RETRY",
			"RequestLimitExceeded, RETRY" })
	void anErrorAnswerIsClassifiedByItsCode(String code, FailureClass failure) {
		fails("SendSms", code);

		DeliveryResult result = sms.send("attempt-5", MOBILE, MESSAGE);

		assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(result.errorCode()).isEqualTo(code);
		assertThat(FailureClass.of(result.errorCode())).isEqualTo(failure);
		assertThat(result.ambiguous()).isFalse();
		assertThat(result.errorMessage()).doesNotContain("13812345678");
	}

	@Test
	void aCallRefusedWithAnErrorAnswerIsClassifiedToo() {
		fails("SendTtsVoice", "FailedOperation.InsufficientBalance");

		DeliveryResult result = voice.send("attempt-6", MOBILE, MESSAGE);

		assertThat(result.errorCode()).isEqualTo("FailedOperation.InsufficientBalance");
		assertThat(FailureClass.of(result.errorCode())).isEqualTo(FailureClass.ACCOUNT);
	}

	@Test
	void anHttp5xxIsRetriedLaterAndNotAmbiguous() {
		stubTencent(action("SendSms").willReturn(aResponse().withStatus(503).withBody("busy")));

		DeliveryResult result = sms.send("attempt-7", MOBILE, MESSAGE);

		assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(result.errorCode()).isEqualTo("HTTP_503");
		assertThat(result.ambiguous()).isFalse();
		assertThat(requests("SendSms")).hasSize(1);
	}

	@Test
	void anUnreadableAnswerIsAmbiguous() {
		stubTencent(action("SendSms").willReturn(json(200, "{\"Response\":")));

		DeliveryResult result = sms.send("attempt-8", MOBILE, MESSAGE);

		assertThat(result.errorCode()).isEqualTo(DeliveryResult.CONNECTION);
		assertThat(result.ambiguous()).isTrue();
	}

	@Test
	void aTimeoutIsAmbiguous() {
		stubTencent(action("SendSms").willReturn(json(200, "{\"Response\":{}}").withFixedDelay(4000)));

		DeliveryResult result = sms.send("attempt-9", MOBILE, MESSAGE);

		assertThat(result.errorCode()).isEqualTo(DeliveryResult.TIMEOUT);
		assertThat(result.ambiguous()).isTrue();
		assertThat(requests("SendSms")).hasSize(1);
	}

	@Test
	void aConnectionResetIsAmbiguousAndNotRepeatedByTheClient() {
		acceptsSms("S0");
		assertThat(sms.send("attempt-10a", MOBILE, MESSAGE).outcome()).isEqualTo(Outcome.SENT);
		tencent.resetAll();
		stubTencent(action("SendSms").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		DeliveryResult result = sms.send("attempt-10", MOBILE, MESSAGE);

		assertThat(result.errorCode()).isEqualTo(DeliveryResult.CONNECTION);
		assertThat(result.ambiguous()).isTrue();
		assertThat(requests("SendSms")).as("OkHttp must not send the POST again on its pooled connection's route")
			.hasSize(1);
	}

	@Test
	void aConnectionThatCannotBeMadeIsCertainlyNotSent() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		HttpProfile http = new HttpProfile();
		http.setEndpoint("localhost:" + closed);
		http.setProtocol(HttpProfile.REQ_HTTP);
		SmsClient client = new SmsClient(new Credential(SECRET_ID, "secret"), "ap-guangzhou",
				new ClientProfile(ClientProfile.SIGN_TC3_256, http));
		TencentSmsSender unreachable = new TencentSmsSender(
				new TencentClients(client, clients.voice(), clients.properties()), reports, clock);

		DeliveryResult result = unreachable.send("attempt-11", MOBILE, MESSAGE);

		assertThat(result.errorCode()).isEqualTo(DeliveryResult.CONNECT_FAILED);
		assertThat(result.ambiguous()).isFalse();
	}

	@Test
	void textsAndCallsToANumberAreHeldBackAtTencentsDefaultLimits() {
		TencentProperties properties = clients.properties();
		TencentClients limited = new TencentClients(clients.sms(), clients.voice(),
				new TencentProperties(properties.secretId(), properties.secretKey(), properties.region(),
						properties.smsEndpoint(), properties.voiceEndpoint(), "http", SMS_APP, SIGN_NAME, SMS_TEMPLATE,
						VOICE_APP, VOICE_TEMPLATE, 2, properties.connectTimeout(), properties.readTimeout(),
						properties.receiptTimeout(), new TencentProperties.Limits(1, 5, 10, 1, 2, 5)));
		Instant now = clock.instant();
		Clock fixed = Clock.fixed(now, clock.getZone());
		TencentSmsSender texts = new TencentSmsSender(limited, reports, fixed);
		TencentVoiceSender calls = new TencentVoiceSender(limited, fixed);

		assertThat(texts.takeSlot(MOBILE, MESSAGE)).isEmpty();
		assertThat(texts.takeSlot(MOBILE, new RenderedMessage("other", Map.of(), "1000007")))
			.as("per number, whatever the template: free again after 30 seconds")
			.hasValue(now.plusSeconds(30));
		assertThat(texts.takeSlot("+8613812345679", MESSAGE)).isEmpty();
		texts.giveBackSlot(MOBILE, MESSAGE);
		assertThat(texts.takeSlot(MOBILE, MESSAGE)).as("a slot given back is free").isEmpty();
		assertThat(calls.takeSlot(MOBILE, MESSAGE)).isEmpty();
		assertThat(calls.takeSlot(MOBILE, MESSAGE)).hasValue(now.plusSeconds(30));
	}

	@Test
	void onlyMainlandMobilesAreReached() {
		assertThat(sms.reaches(MOBILE)).isTrue();
		assertThat(sms.reaches("+85291234567")).isFalse();
		assertThat(sms.reaches("+863741234567")).isFalse();
		assertThat(voice.reaches(MOBILE)).isTrue();
		assertThat(voice.reaches("+863741234567")).isFalse();
	}

	@Test
	void aLookupFindsTheAttemptBySessionContext() {
		stubTencent(action("PullSmsSendStatusByPhoneNumber")
			.withRequestBody(matchingJsonPath("$.PhoneNumber", equalTo(MOBILE)))
			.withRequestBody(matchingJsonPath("$.SmsSdkAppId", equalTo(SMS_APP)))
			.willReturn(json(200, "{\"Response\":{"
					+ pull(pulled("SUCCESS", "other-attempt"), pulled("SUCCESS", "attempt-12")) + "}}")));
		Instant now = clock.instant();

		Lookup found = sms.lookup("attempt-12", MOBILE, MESSAGE, now.minusSeconds(60), now);
		Lookup missing = sms.lookup("attempt-13", MOBILE, MESSAGE, now.minusSeconds(60), now);
		Lookup missingLongAgo = sms.lookup("attempt-13", MOBILE, MESSAGE, now.minus(Duration.ofMinutes(20)),
				now.minus(Duration.ofMinutes(15)));

		assertThat(found.status()).isEqualTo(Lookup.Status.SENT);
		assertThat(found.providerId()).isEqualTo("S-attempt-12");
		assertThat(missing.status()).as("its report may not be there yet").isEqualTo(Lookup.Status.UNKNOWN);
		assertThat(missingLongAgo.status()).isEqualTo(Lookup.Status.NOT_SENT);
		assertThat(matchingJsonPath("$.BeginTime", equalTo(String.valueOf(now.minusSeconds(60).getEpochSecond())))
			.match(requests("PullSmsSendStatusByPhoneNumber").get(0).getBodyAsString())
			.isExactMatch()).isTrue();
	}

	@Test
	void aLookupOfAFailedTextSaysNotSentAndTwoMatchesCannotTell() {
		answers("PullSmsSendStatusByPhoneNumber",
				pull(pulled("FAIL", "attempt-14"), pulled("SUCCESS", "attempt-15"), pulled("SUCCESS", "attempt-15")));
		Instant now = clock.instant();

		assertThat(sms.lookup("attempt-14", MOBILE, MESSAGE, now.minusSeconds(60), now).status())
			.isEqualTo(Lookup.Status.NOT_SENT);
		assertThat(sms.lookup("attempt-15", MOBILE, MESSAGE, now.minusSeconds(60), now).status())
			.isEqualTo(Lookup.Status.UNKNOWN);
	}

	@Test
	void aLookupThatFailsCannotTell() {
		fails("PullSmsSendStatusByPhoneNumber", "InternalError.Timeout");
		Instant now = clock.instant();

		assertThat(sms.lookup("attempt-16", MOBILE, MESSAGE, now.minus(Duration.ofMinutes(5)), now).status())
			.isEqualTo(Lookup.Status.UNKNOWN);
	}

	@Test
	void theSecretKeyIsNeverShown() {
		assertThat(clients.properties().toString()).contains(SECRET_ID).doesNotContain("test-secret-key");
	}

}
