package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

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
	void twiliosInvalidNumbersAreWrongRecipientsAsTheDomesticOnesAre() {
		assertThat(FailureClass.of("21211")).isEqualTo(FailureClass.WRONG_RECIPIENT);
		assertThat(FailureClass.of("21614")).isEqualTo(FailureClass.WRONG_RECIPIENT);
		assertThat(FailureClass.of("isv.MOBILE_NUMBER_ILLEGAL")).isEqualTo(FailureClass.WRONG_RECIPIENT);
		assertThat(FailureClass.of("200004")).isEqualTo(FailureClass.WRONG_RECIPIENT);
		assertThat(FailureClass.of("21610")).as("Twilio's opt-out keeps its own rule").isEqualTo(FailureClass.UNKNOWN);
	}

}
