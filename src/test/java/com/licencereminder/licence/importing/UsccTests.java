package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsccTests {

	private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	@ParameterizedTest
	@ValueSource(strings = { "91350100M000100Y43", "914403001922038216", "9144030071526726XG", "91330100716105852F",
			"91110000802100433B" })
	void isValidAcceptsPublishedCodes(String code) {
		assertThat(Uscc.isValid(code)).isTrue();
		assertThat(Uscc.invalidReason(code)).isNull();
	}

	@Test
	void isValidAcceptsLowerCaseLetters() {
		assertThat(Uscc.isValid("91350100m000100y43")).isTrue();
		assertThat(Uscc.isValid("9144030071526726xg")).isTrue();
	}

	@Test
	void isValidAcceptsACheckCharacterOfZeroWhenTheSumIsAMultipleOf31() {
		assertThat(Uscc.checkCharacter("00000000000000000")).isEqualTo('0');
		assertThat(Uscc.isValid("000000000000000000")).isTrue();
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "91350100M000100Y4", "91350100M000100Y433", "91350100M000100Y44", "91350100I000100Y43",
			"91350100M000100Y4 ", " 91350100M000100Y43", "91350100-M000100Y43", "９１３５０１００Ｍ０００１００Ｙ４３" })
	void isValidRejectsMalformedCodes(String code) {
		assertThat(Uscc.isValid(code)).isFalse();
	}

	@Test
	void checkCharacterComputesTheCheckCharacterOfPublishedCodes() {
		assertThat(Uscc.checkCharacter("91350100M000100Y4")).isEqualTo('3');
		assertThat(Uscc.checkCharacter("9144030071526726X")).isEqualTo('G');
		assertThat(Uscc.checkCharacter("91330100716105852")).isEqualTo('F');
	}

	@Test
	void checkCharacterAcceptsLowerCaseLettersAndReturnsUpperCase() {
		assertThat(Uscc.checkCharacter("9144030071526726x")).isEqualTo('G');
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "9135010", "91350100M000100Y", "91350100M000100Y43", "91350100O000100Y4",
			"91350100M000100!4" })
	void checkCharacterRejectsInputThatIsNotSeventeenCharsetCharacters(String first17) {
		assertThatIllegalArgumentException().isThrownBy(() -> Uscc.checkCharacter(first17));
	}

	@Test
	void invalidReasonSaysWhenNoCodeIsGiven() {
		assertThat(Uscc.invalidReason(null)).isEqualTo(new Uscc.Invalid("import.row.uscc-length", "0"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "'' | 0", "91350100M000100Y4 | 17", "91350100M000100Y433 | 19",
			"913501 | 6" })
	void invalidReasonNamesTheLengthFound(String code, int length) {
		assertThat(Uscc.invalidReason(code)).isEqualTo(new Uscc.Invalid("import.row.uscc-length", String.valueOf(length)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "91350100I000100Y43 | I | 9", "O1350100M000100Y43 | O | 1",
			"91350100M000100Y4S | S | 18", "913501V0M000100Y43 | V | 7", "91350100M0Z0100Y43 | Z | 11",
			"91350100M000100Y-3 | - | 17", "9135010 M000100Y43 | ' ' | 8", "91350100M00010 Y43 | ' ' | 15",
			"91350100M000100y4i | i | 18", "91350100M00010０Y43 | ０ | 15" })
	void invalidReasonNamesTheIllegalCharacterAndItsPosition(String code, char illegal, int position) {
		assertThat(Uscc.invalidReason(code))
			.isEqualTo(new Uscc.Invalid("import.row.uscc-character", String.valueOf(illegal), String.valueOf(position)));
	}

	@Test
	void invalidReasonNamesTheFirstIllegalCharacter() {
		assertThat(Uscc.invalidReason("9I350100M000100YZ3")).isEqualTo(new Uscc.Invalid("import.row.uscc-character", "I", "2"));
	}

	@ParameterizedTest
	@CsvSource({ "91350100M000100Y44, 3, 4", "91350100M000100Y40, 3, 0", "9144030071526726XA, G, A",
			"9144030071526726xa, G, A", "000000000000000001, 0, 1" })
	void invalidReasonNamesTheExpectedAndFoundCheckCharacter(String code, char expected, char found) {
		assertThat(Uscc.invalidReason(code))
			.isEqualTo(new Uscc.Invalid("import.row.uscc-check", String.valueOf(expected), String.valueOf(found)));
	}

	@Property
	void anySeventeenCharsetCharactersWithTheirCheckCharacterAreValid(@ForAll("first17") String first17) {
		String code = first17 + Uscc.checkCharacter(first17);
		assertThat(Uscc.isValid(code)).isTrue();
		assertThat(Uscc.invalidReason(code)).isNull();
	}

	@Property
	void checkCharacterIsInTheCharsetAndSatisfiesTheWeightedSum(@ForAll("first17") String first17) {
		int[] weights = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += CHARSET.indexOf(first17.charAt(i)) * weights[i];
		}
		int check = CHARSET.indexOf(Uscc.checkCharacter(first17));
		assertThat(check).isBetween(0, 30);
		assertThat((sum + check) % 31).isZero();
	}

	@Property
	void changingAnySingleCharacterToAnotherCharsetCharacterMakesTheCodeInvalid(@ForAll("first17") String first17,
			@ForAll @IntRange(max = 17) int position, @ForAll("charsetCharacters") char replacement) {
		String code = first17 + Uscc.checkCharacter(first17);
		Assume.that(code.charAt(position) != replacement);
		String changed = code.substring(0, position) + replacement + code.substring(position + 1);

		assertThat(Uscc.isValid(changed)).isFalse();
		assertThat(Uscc.invalidReason(changed).key()).isEqualTo("import.row.uscc-check");
	}

	@Property
	void anyCharacterOutsideTheCharsetIsReportedWithItsPosition(@ForAll("first17") String first17,
			@ForAll @IntRange(max = 17) int position, @ForAll char illegal) {
		boolean lowerCaseOfLegal = illegal >= 'a' && illegal <= 'z' && CHARSET.indexOf(illegal - 'a' + 'A') >= 0;
		Assume.that(CHARSET.indexOf(illegal) < 0 && !lowerCaseOfLegal);
		String code = first17 + Uscc.checkCharacter(first17);
		String changed = code.substring(0, position) + illegal + code.substring(position + 1);

		assertThat(Uscc.isValid(changed)).isFalse();
		assertThat(Uscc.invalidReason(changed))
			.isEqualTo(new Uscc.Invalid("import.row.uscc-character", String.valueOf(illegal), String.valueOf(position + 1)));
	}

	@Provide
	Arbitrary<String> first17() {
		return Arbitraries.strings().withChars(CHARSET.toCharArray()).ofLength(17);
	}

	@Provide
	Arbitrary<Character> charsetCharacters() {
		return Arbitraries.chars().with(CHARSET.toCharArray());
	}

}
