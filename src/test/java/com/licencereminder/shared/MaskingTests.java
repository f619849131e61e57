package com.licencereminder.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingTests {

	@ParameterizedTest
	@ValueSource(strings = { "+8613812345678", "13812345678", "8613812345678", "+86 138 1234 5678", "138-1234-5678",
			"008613812345678" })
	void phoneKeepsTheFirstThreeAndLastFourDigitsOfAMobile(String number) {
		assertThat(Masking.phone(number)).isEqualTo("138****5678");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+863741234567", "03741234567", "0374-1234567", "(0374)1234567", "+86 374 123 4567",
			"0374-1234567 ext. 801" })
	void phoneKeepsTheLeadingZeroOfAChineseLandline(String number) {
		assertThat(Masking.phone(number)).isEqualTo("037****4567");
	}

	@ParameterizedTest
	@CsvSource({ "+861012345678, 010****5678", "02112345678, 021****5678", "+8637112345678, 037****5678" })
	void phoneMasksLandlinesOfOtherAreaCodes(String number, String masked) {
		assertThat(Masking.phone(number)).isEqualTo(masked);
	}

	@ParameterizedTest
	@CsvSource({ "1234567, ****67", "123456, ****56", "95588, ****88", "12, ****12", "7, ****7", "'', ****",
			"abc, ****", "'  ', ****" })
	void phoneShowsOnlyTheLastTwoDigitsOfShortNumbers(String number, String masked) {
		assertThat(Masking.phone(number)).isEqualTo(masked);
	}

	@ParameterizedTest
	@CsvSource({ "+85251234567, 512****4567", "+12025550123, 202****0123" })
	void phoneMasksForeignNumbersInTheirNationalForm(String number, String masked) {
		assertThat(Masking.phone(number)).isEqualTo(masked);
	}

	@Test
	void phoneNeverShowsTheMiddleDigits() {
		assertThat(Masking.phone("+8613899990000")).doesNotContain("9999").isEqualTo("138****0000");
	}

	@Test
	void phoneReturnsNullForNull() {
		assertThat(Masking.phone(null)).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o, oUpF****eS6o", "abcdefghijk, abcd****hijk",
			"o6_bmjrPTlm6_2sgVt7hMZOPfL2M, o6_b****fL2M" })
	void openIdKeepsTheFirstAndLastFourCharactersOfLongIds(String openId, String masked) {
		assertThat(Masking.openId(openId)).isEqualTo(masked);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a", "abcd", "abcdefgh", "abcdefghij" })
	void openIdHidesShortIdsCompletely(String openId) {
		assertThat(Masking.openId(openId)).isEqualTo("****");
	}

	@Test
	void openIdReturnsNullForNull() {
		assertThat(Masking.openId(null)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"The 'To' number +8613812345678 is not valid | The 'To' number 138****5678 is not valid",
			"to 13812345678, 0374-1234567 and 86 139 1234 0001 | to 138****5678, 037****4567 and 139****0001",
			"POST /cgi-bin/message/subscribe/send?access_token=ABC.def-1&x=1 | POST /cgi-bin/message/subscribe/send?access_token=****&x=1",
			"secret=s3cr3t token=t0k | secret=**** token=****",
			"due 2026-03-01, id 550e8400-e29b-41d4-a716-446655440000, USCC 91350100M000100Y43 | due 2026-03-01, id 550e8400-e29b-41d4-a716-446655440000, USCC 91350100M000100Y43" })
	void textMasksNumbersAndSecretsAndLeavesTheRest(String text, String masked) {
		assertThat(Masking.text(text)).isEqualTo(masked);
	}

	@Test
	void textKeepsNull() {
		assertThat(Masking.text(null)).isNull();
	}

}
