package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.licencereminder.licence.importing.PhoneNumbers.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTests {

	private static final String MOBILE = "+8613812345678";

	private static final String OTHER_MOBILE = "+8613987654321";

	private static final String LANDLINE = "+863741234567";

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", " ", "\t\n", "\u3000", ";", " ; , 、 ", "\n\n" })
	void parseFindsNothingInNullBlankOrSeparatorOnlyCells(String cell) {
		assertThat(PhoneNumbers.parse(cell)).isEqualTo(new ContactNumbers(List.of(), List.of(), List.of()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "13812345678", "+8613812345678", "8613812345678", "86 13812345678", "0086 13812345678",
			"008613812345678", "+86 138 1234 5678", "+86-138-1234-5678", "138 1234 5678", "138-1234-5678",
			"(+86)13812345678", "１３８１２３４５６７８", "＋８６ １３８ １２３４ ５６７８", " 13812345678 ", "\uFEFF13812345678",
			"138\u00A01234\u00A05678", "手机:13812345678", "手机：13812345678", "13812345678。" })
	void parseReadsOneMobileInAnyForm(String cell) {
		assertThat(PhoneNumbers.parse(cell)).isEqualTo(new ContactNumbers(List.of(MOBILE), List.of(), List.of()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0374-1234567", "(0374)1234567", "（0374）1234567", "0374 1234567", "03741234567",
			"+86 374 1234567", "+86 (0374) 1234567", "86-0374-1234567", "0374－1234567", "0374-123-4567",
			"电话:0374-1234567" })
	void parseReadsOneLandlineInAnyForm(String cell) {
		assertThat(PhoneNumbers.parse(cell)).isEqualTo(new ContactNumbers(List.of(), List.of(LANDLINE), List.of()));
	}

	@ParameterizedTest
	@CsvSource({ "010-12345678, +861012345678", "021 1234 5678, +862112345678", "0371-12345678, +8637112345678",
			"(0755)12345678, +8675512345678" })
	void parseReadsLandlinesOfOtherAreaCodes(String cell, String e164) {
		assertThat(PhoneNumbers.parse(cell).landlines()).containsExactly(e164);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0374-1234567转801", "0374-1234567 转 801", "0374-1234567-转801", "0374-1234567分机801",
			"0374-1234567 分机 8012", "0374-1234567-801", "0374-1234567-80", "(0374)1234567-801", "0374-1234567 ext. 801",
			"0374-1234567 ext 801", "0374-1234567x801", "0374-1234567#801" })
	void parseKeepsTheMainNumberOfAnExtension(String cell) {
		assertThat(PhoneNumbers.parse(cell)).isEqualTo(new ContactNumbers(List.of(), List.of(LANDLINE), List.of()));
	}

	@Test
	void parseDoesNotTakeATrailingDashGroupAfterAMobileAsAnExtension() {
		assertThat(PhoneNumbers.parse("138-1234-5678-90"))
			.isEqualTo(new ContactNumbers(List.of(), List.of(), List.of("138-1234-5678-90")));
	}

	@Test
	void parseKeepsTheMainNumberOfAWordedExtensionAfterAMobile() {
		assertThat(PhoneNumbers.parse("13812345678转1").mobiles()).containsExactly(MOBILE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "13812345678；13987654321", "13812345678;13987654321", "13812345678、13987654321",
			"13812345678,13987654321", "13812345678，13987654321", "13812345678/13987654321", "13812345678／13987654321",
			"13812345678|13987654321", "13812345678\n13987654321", "13812345678\r\n13987654321",
			"13812345678 13987654321", "13812345678或13987654321", "13812345678 或者 13987654321",
			"13812345678及13987654321", "13812345678\t13987654321", "13812345678\u300013987654321",
			"13812345678 ; 13987654321;", ";13812345678;;13987654321" })
	void parseSplitsSeveralNumbersAtEachSeparator(String cell) {
		assertThat(PhoneNumbers.parse(cell))
			.isEqualTo(new ContactNumbers(List.of(MOBILE, OTHER_MOBILE), List.of(), List.of()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "138 1234 5678 139 8765 4321", "+86 138 1234 5678 +86 139 8765 4321",
			"86 13812345678 86 13987654321", "138-1234-5678 139-8765-4321" })
	void parseSplitsNumbersWithInternalSpacesThatAreOnlySeparatedBySpaces(String cell) {
		assertThat(PhoneNumbers.parse(cell))
			.isEqualTo(new ContactNumbers(List.of(MOBILE, OTHER_MOBILE), List.of(), List.of()));
	}

	@Test
	void parseSeparatesALandlineWithASpacedAreaCodeFromAFollowingMobile() {
		assertThat(PhoneNumbers.parse("0374 1234567 13812345678"))
			.isEqualTo(new ContactNumbers(List.of(MOBILE), List.of(LANDLINE), List.of()));
	}

	@Test
	void parseTreatsLineBreaksAsSeparatorsNotAsSpaces() {
		assertThat(PhoneNumbers.parse("0374\n1234567"))
			.isEqualTo(new ContactNumbers(List.of(), List.of(), List.of("0374", "1234567")));
	}

	@Test
	void parseSortsMobilesAndLandlinesApart() {
		assertThat(PhoneNumbers.parse("0374-1234567、13812345678；(0374)7654321，13987654321")).isEqualTo(
				new ContactNumbers(List.of(MOBILE, OTHER_MOBILE), List.of(LANDLINE, "+863747654321"), List.of()));
	}

	@Test
	void parseReadsFullWidthCells() {
		assertThat(PhoneNumbers.parse("１３８１２３４５６７８；（０３７４）１２３４５６７"))
			.isEqualTo(new ContactNumbers(List.of(MOBILE), List.of(LANDLINE), List.of()));
	}

	@Test
	void parseRemovesDuplicatesKeepingTheFirstOccurrence() {
		String cell = "13987654321, 13812345678, +86 138 1234 5678, 8613812345678, 13987654321, "
				+ "0374-1234567, 03741234567, 12345, 12345";
		assertThat(PhoneNumbers.parse(cell))
			.isEqualTo(new ContactNumbers(List.of(OTHER_MOBILE, MOBILE), List.of(LANDLINE), List.of("12345")));
	}

	@Test
	void parseKeepsTheOrderOfTheCell() {
		assertThat(PhoneNumbers.parse("13987654321/13812345678").mobiles()).containsExactly(OTHER_MOBILE, MOBILE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "12345", "1381234567", "138123456789", "23812345678", "abc", "见附件", "0374-123", "110",
			"95588" })
	void parseRejectsCellsWithoutAValidNumberAsWritten(String cell) {
		assertThat(PhoneNumbers.parse(cell)).isEqualTo(new ContactNumbers(List.of(), List.of(), List.of(cell)));
	}

	@Test
	void parseRejectsTheInvalidPartsNextToValidNumbers() {
		assertThat(PhoneNumbers.parse("13812345678；1381234567、abc；0374-1234567"))
			.isEqualTo(new ContactNumbers(List.of(MOBILE), List.of(LANDLINE), List.of("1381234567", "abc")));
	}

	@Test
	void parseRejectsInvalidWordsBetweenValidNumbersAsWritten() {
		assertThat(PhoneNumbers.parse("13812345678 1234 56 13987654321"))
			.isEqualTo(new ContactNumbers(List.of(MOBILE, OTHER_MOBILE), List.of(), List.of("1234 56")));
	}

	@Test
	void parseReportsRejectedTextAfterCleaning() {
		assertThat(PhoneNumbers.parse("１２３４５").rejected()).containsExactly("12345");
	}

	@ParameterizedTest
	@ValueSource(strings = { "张三13812345678", "张三 13812345678", "13812345678张三", "13812345678 张三", "13812345678（张三）",
			"13812345678 (微信同号)", "13812345678【法人】", "联系人张三 手机 13812345678" })
	void parseIgnoresNamesAndLabelsNextToANumber(String cell) {
		assertThat(PhoneNumbers.parse(cell)).isEqualTo(new ContactNumbers(List.of(MOBILE), List.of(), List.of()));
	}

	@Test
	void parseReadsNamedNumbersInOneCell() {
		assertThat(PhoneNumbers.parse("张三 13812345678，李四:13987654321（办公室 0374-1234567）"))
			.isEqualTo(new ContactNumbers(List.of(MOBILE, OTHER_MOBILE), List.of(LANDLINE), List.of()));
	}

	@Test
	void parseAcceptsForeignMobilesAndLandlines() {
		assertThat(PhoneNumbers.parse("+852 5123 4567; +852 2123 4567; 00852 61234567"))
			.isEqualTo(new ContactNumbers(List.of("+85251234567", "+85261234567"), List.of("+85221234567"), List.of()));
	}

	@Test
	void parseTreatsANumberThatMayBeEitherByTheChineseRule() {
		assertThat(PhoneNumbers.parse("+1 202 555 0123"))
			.isEqualTo(new ContactNumbers(List.of(), List.of("+12025550123"), List.of()));
	}

	@ParameterizedTest
	@CsvSource({ "400-812-3456, +864008123456", "800-810-8888, +868008108888" })
	void parseTakesCallableServiceNumbersAsLandlines(String cell, String e164) {
		assertThat(PhoneNumbers.parse(cell)).isEqualTo(new ContactNumbers(List.of(), List.of(e164), List.of()));
	}

	@Test
	void parseRejectsPremiumRateNumbersWholeInsteadOfSplittingThem() {
		assertThat(PhoneNumbers.parse("+44 909 876 5432"))
			.isEqualTo(new ContactNumbers(List.of(), List.of(), List.of("+44 909 876 5432")));
	}

	@Test
	void parseReportsRejectedTextInTheOrderOfTheCell() {
		assertThat(PhoneNumbers.parse("999；1234 +44 909 876 5432 13812345678；12345")).isEqualTo(
				new ContactNumbers(List.of(MOBILE), List.of(), List.of("999", "1234", "+44 909 876 5432", "12345")));
	}

	@Test
	void parseReturnsUnmodifiableLists() {
		ContactNumbers numbers = PhoneNumbers.parse("13812345678; 0374-1234567; 12345");

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> numbers.mobiles().add("x"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> numbers.landlines().add("x"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> numbers.rejected().add("x"));
	}

	@ParameterizedTest
	@CsvSource({ "MOBILE, MOBILE", "FIXED_LINE, LANDLINE", "TOLL_FREE, LANDLINE", "SHARED_COST, LANDLINE",
			"UAN, LANDLINE", "VOIP, LANDLINE", "PREMIUM_RATE, UNUSABLE", "PAGER, UNUSABLE", "PERSONAL_NUMBER, UNUSABLE",
			"VOICEMAIL, UNUSABLE", "UNKNOWN, UNUSABLE" })
	void classifyMapsEachNumberType(PhoneNumberType type, Kind kind) {
		assertThat(PhoneNumbers.classify(type, "13812345678")).isEqualTo(kind);
	}

	@ParameterizedTest
	@CsvSource({ "13812345678, MOBILE", "19912345678, MOBILE", "2025550123, LANDLINE", "23812345678, LANDLINE",
			"1381234567, LANDLINE", "138123456789, LANDLINE", "3741234567, LANDLINE" })
	void classifyDecidesFixedLineOrMobileByTheChineseRule(String nationalSignificantNumber, Kind kind) {
		assertThat(PhoneNumbers.classify(PhoneNumberType.FIXED_LINE_OR_MOBILE, nationalSignificantNumber))
			.isEqualTo(kind);
	}

}
