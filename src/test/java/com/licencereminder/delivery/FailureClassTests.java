package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Provider codes read as the engine needs them (which class, and when a limit lifts), and
 * the console's words for Tencent's.
 */
class FailureClassTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/** 15:30 in Shanghai. */
	static final Instant NOW = Instant.parse("2026-03-02T07:30:00Z");

	static final Instant TOMORROW = Instant.parse("2026-03-02T16:00:00Z");

	@Test
	void aliyunsFlowControlSaysWhichOfItsLimitsItWas() {
		assertThat(FailureClass.limitLifts("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1", NOW, SHANGHAI))
			.isEqualTo(NOW.plus(Duration.ofMinutes(1)));
		assertThat(FailureClass.limitLifts("isv.BUSINESS_LIMIT_CONTROL", "触发小时级流控Permits:5", NOW, SHANGHAI))
			.isEqualTo(NOW.plus(Duration.ofHours(1)));
		assertThat(FailureClass.limitLifts("isv.BUSINESS_LIMIT_CONTROL", "触发天级流控Permits:10", NOW, SHANGHAI))
			.as("the next day in the service's zone")
			.isEqualTo(TOMORROW);
		assertThat(FailureClass.limitLifts("isv.DAY_LIMIT_CONTROL", null, NOW, SHANGHAI)).isEqualTo(TOMORROW);
	}

	@Test
	void tencentsLimitCodesNameTheirWindow() {
		assertThat(FailureClass.limitLifts("LimitExceeded.PhoneNumberThirtySecondLimit", "", NOW, SHANGHAI))
			.isEqualTo(NOW.plusSeconds(30));
		assertThat(FailureClass.limitLifts("LimitExceeded.PhoneNumberOneHourLimit", "", NOW, SHANGHAI))
			.isEqualTo(NOW.plus(Duration.ofHours(1)));
		assertThat(FailureClass.limitLifts("LimitExceeded.PhoneNumberDailyLimit", "", NOW, SHANGHAI))
			.isEqualTo(TOMORROW);
	}

	@Test
	void aLimitThatDoesNotSayWhenOrAnotherClassHasNoTime() {
		assertThat(FailureClass.limitLifts("isv.BUSINESS_LIMIT_CONTROL", "流控", NOW, SHANGHAI)).isNull();
		assertThat(FailureClass.limitLifts("200119", null, NOW, SHANGHAI)).isNull();
		assertThat(FailureClass.limitLifts("isp.SYSTEM_ERROR", "触发天级流控", NOW, SHANGHAI)).isNull();
		assertThat(FailureClass.limitLifts(null, null, NOW, SHANGHAI)).isNull();
	}

	@Test
	void tencentsApplicationQuotaIsTheAccountsNotTheNumbersAndFailsOver() {
		assertThat(FailureClass.of("LimitExceeded.AppDailyLimit")).isEqualTo(FailureClass.ACCOUNT);
		assertThat(FailureClass.of("LimitExceeded.AppDailyLimit").failsOver()).isTrue();
		assertThat(FailureClass.of("LimitExceeded.PhoneNumberDailyLimit")).isEqualTo(FailureClass.RATE_LIMITED);
		assertThat(FailureClass.limitLifts("LimitExceeded.AppDailyLimit", "", NOW, SHANGHAI)).isNull();
	}

	@Test
	void twiliosInvalidNumbersAreWrongRecipientsAsTheDomesticOnesAre() {
		assertThat(FailureClass.of("21211")).isEqualTo(FailureClass.WRONG_RECIPIENT);
		assertThat(FailureClass.of("21614")).isEqualTo(FailureClass.WRONG_RECIPIENT);
		assertThat(FailureClass.of("isv.MOBILE_NUMBER_ILLEGAL")).isEqualTo(FailureClass.WRONG_RECIPIENT);
		assertThat(FailureClass.of("200004")).isEqualTo(FailureClass.WRONG_RECIPIENT);
		assertThat(FailureClass.of("21610")).as("Twilio's opt-out keeps its own rule").isEqualTo(FailureClass.UNKNOWN);
	}

	@ParameterizedTest
	@CsvSource({ "FailedOperation.PhoneNumberInBlacklist, OPTED_OUT",
			"InvalidParameterValue.IncorrectPhoneNumber, WRONG_RECIPIENT",
			"FailedOperation.PhoneNumberParseFail, WRONG_RECIPIENT",
			"UnsupportedOperation.UnsupportedRegion, WRONG_RECIPIENT",
			"LimitExceeded.PhoneNumberThirtySecondLimit, RATE_LIMITED",
			"LimitExceeded.PhoneNumberOneHourLimit, RATE_LIMITED", "LimitExceeded.PhoneNumberDailyLimit, RATE_LIMITED",
			"FailedOperation.InsufficientBalanceInSmsPackage, ACCOUNT", "FailedOperation.InsufficientBalance, ACCOUNT",
			"UnauthorizedOperation.ServiceSuspendDueToArrears, ACCOUNT",
			"FailedOperation.SignatureIncorrectOrUnapproved, CONFIGURATION",
			"FailedOperation.TemplateIncorrectOrUnapproved, CONFIGURATION",
			"FailedOperation.MissingSignature, CONFIGURATION", "FailedOperation.ContainSensitiveWord, CONFIGURATION",
			"InvalidParameterValue.TemplateParameterLengthLimit, CONFIGURATION",
			"InvalidParameterValue.ProhibitedUseUrlInTemplateParameter, CONFIGURATION",
			"UnauthorizedOperation.SmsSdkAppIdVerifyFail, CONFIGURATION", "AuthFailure.SecretIdNotFound, CONFIGURATION",
			"AuthFailure.SignatureFailure, CONFIGURATION", "InternalError.Timeout, RETRY",
			"InternalError.OtherError, RETRY", "RequestLimitExceeded, RETRY", "FailedOperation.Unheard, UNKNOWN" })
	void tencentCodesAreClassified(String code, FailureClass failure) {
		assertThat(FailureClass.of(code)).isEqualTo(failure);
	}

	@ParameterizedTest
	@CsvSource({ "FailedOperation.InsufficientBalanceInSmsPackage, zh, 腾讯云短信套餐包余量不足",
			"FailedOperation.InsufficientBalanceInSmsPackage, en, Tencent SMS package used up",
			"LimitExceeded.PhoneNumberDailyLimit, en, Per-number daily limit reached",
			"AuthFailure.SecretIdNotFound, zh, 腾讯云 SecretId 不存在",
			"UnauthorizedOperation.SomethingElse, en, 'Provider configuration error (template, signature, IP or permission); passed to the next provider'" })
	void tencentCodesAreShownInWords(String code, String language, String words) {
		ResourceBundleMessageSource bundles = new ResourceBundleMessageSource();
		bundles.setBasename("i18n/delivery");
		bundles.setDefaultEncoding("UTF-8");
		bundles.setFallbackToSystemLocale(false);

		assertThat(new ErrorCodes(bundles).words(code, Locale.forLanguageTag(language))).isEqualTo(words);
	}

}
