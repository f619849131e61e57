package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.licencereminder.shared.SeededCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsccTests {

	private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	private static final String ZEROS = "00000000000000000";

	private static final String YS = "YYYYYYYYYYYYYYYYY";

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
	@CsvSource(delimiter = '|',
			value = { "'' | 0", "91350100M000100Y4 | 17", "91350100M000100Y433 | 19", "913501 | 6" })
	void invalidReasonNamesTheLengthFound(String code, int length) {
		assertThat(Uscc.invalidReason(code))
			.isEqualTo(new Uscc.Invalid("import.row.uscc-length", String.valueOf(length)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "91350100I000100Y43 | I | 9", "O1350100M000100Y43 | O | 1", "91350100M000100Y4S | S | 18",
					"913501V0M000100Y43 | V | 7", "91350100M0Z0100Y43 | Z | 11", "91350100M000100Y-3 | - | 17",
					"9135010 M000100Y43 | ' ' | 8", "91350100M00010 Y43 | ' ' | 15", "91350100M000100y4i | i | 18",
					"91350100M00010０Y43 | ０ | 15" })
	void invalidReasonNamesTheIllegalCharacterAndItsPosition(String code, char illegal, int position) {
		assertThat(Uscc.invalidReason(code)).isEqualTo(
				new Uscc.Invalid("import.row.uscc-character", String.valueOf(illegal), String.valueOf(position)));
	}

	@Test
	void invalidReasonNamesTheFirstIllegalCharacter() {
		assertThat(Uscc.invalidReason("9I350100M000100YZ3"))
			.isEqualTo(new Uscc.Invalid("import.row.uscc-character", "I", "2"));
	}

	@ParameterizedTest
	@CsvSource({ "91350100M000100Y44, 3, 4", "91350100M000100Y40, 3, 0", "9144030071526726XA, G, A",
			"9144030071526726xa, G, A", "000000000000000001, 0, 1" })
	void invalidReasonNamesTheExpectedAndFoundCheckCharacter(String code, char expected, char found) {
		assertThat(Uscc.invalidReason(code))
			.isEqualTo(new Uscc.Invalid("import.row.uscc-check", String.valueOf(expected), String.valueOf(found)));
	}

	@Test
	void anySeventeenCharsetCharactersWithTheirCheckCharacterAreValid() {
		first17s().check(first17 -> {
			String code = first17 + Uscc.checkCharacter(first17);
			assertThat(Uscc.isValid(code)).isTrue();
			assertThat(Uscc.invalidReason(code)).isNull();
		});
	}

	@Test
	void checkCharacterIsInTheCharsetAndSatisfiesTheWeightedSum() {
		int[] weights = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
		first17s().check(first17 -> {
			int sum = 0;
			for (int i = 0; i < 17; i++) {
				sum += CHARSET.indexOf(first17.charAt(i)) * weights[i];
			}
			int check = CHARSET.indexOf(Uscc.checkCharacter(first17));
			assertThat(check).isBetween(0, 30);
			assertThat((sum + check) % 31).isZero();
		});
	}

	@Test
	void changingAnySingleCharacterToAnotherCharsetCharacterMakesTheCodeInvalid() {
		List<Change> examples = List.of(new Change(validCode(ZEROS), 0, 'Y'), new Change(validCode(ZEROS), 17, 'Y'),
				new Change(validCode(YS), 0, '0'), new Change(validCode(YS), 17, '1'));
		SeededCases.of(UsccTests::anotherCharsetCharacter).withExamples(examples).check(change -> {
			String changed = change.apply();
			assertThat(changed).as("the case changes the code").isNotEqualTo(change.code());

			assertThat(Uscc.isValid(changed)).isFalse();
			assertThat(Uscc.invalidReason(changed).key()).isEqualTo("import.row.uscc-check");
		});
	}

	@Test
	void anyCharacterOutsideTheCharsetIsReportedWithItsPosition() {
		List<Change> examples = new ArrayList<>();
		for (char illegal : "\u0000 \uFFFF\uD800IOSVZio-０".toCharArray()) {
			examples.add(new Change(validCode(ZEROS), 0, illegal));
			examples.add(new Change(validCode(YS), 17, illegal));
		}
		SeededCases.of(UsccTests::anIllegalCharacter).withExamples(examples).check(change -> {
			assertThat(isLegal(change.replacement())).as("the case's character is legal").isFalse();
			String changed = change.apply();

			assertThat(Uscc.isValid(changed)).isFalse();
			assertThat(Uscc.invalidReason(changed)).isEqualTo(new Uscc.Invalid("import.row.uscc-character",
					String.valueOf(change.replacement()), String.valueOf(change.position() + 1)));
		});
	}

	/** A valid code with the character at {@code position} (0 to 17) replaced. */
	record Change(String code, int position, char replacement) {

		String apply() {
			return this.code.substring(0, this.position) + this.replacement + this.code.substring(this.position + 1);
		}

	}

	/**
	 * First 17 characters drawn from the charset; examples: all the lowest, all the
	 * highest, published codes.
	 */
	private static SeededCases<String> first17s() {
		return SeededCases.of(UsccTests::first17)
			.withExamples(List.of(ZEROS, YS, "91350100M000100Y4", "9144030071526726X", "91110000802100433"));
	}

	/** A valid code with one character replaced by another from the charset. */
	private static Change anotherCharsetCharacter(SplittableRandom random) {
		String code = validCode(first17(random));
		int position = random.nextInt(Uscc.LENGTH);
		char replacement;
		do {
			replacement = charsetCharacter(random);
		}
		while (replacement == code.charAt(position));
		return new Change(code, position, replacement);
	}

	/**
	 * A valid code with one character replaced by any character that is not legal in a
	 * code.
	 */
	private static Change anIllegalCharacter(SplittableRandom random) {
		char illegal;
		do {
			illegal = (char) random.nextInt(Character.MAX_VALUE + 1);
		}
		while (isLegal(illegal));
		return new Change(validCode(first17(random)), random.nextInt(Uscc.LENGTH), illegal);
	}

	private static String first17(SplittableRandom random) {
		StringBuilder first17 = new StringBuilder(17);
		for (int i = 0; i < 17; i++) {
			first17.append(charsetCharacter(random));
		}
		return first17.toString();
	}

	private static char charsetCharacter(SplittableRandom random) {
		return CHARSET.charAt(random.nextInt(CHARSET.length()));
	}

	private static String validCode(String first17) {
		return first17 + Uscc.checkCharacter(first17);
	}

	/** Whether the character is in the charset or the lower case of a letter in it. */
	private static boolean isLegal(char c) {
		boolean lowerCaseOfLegal = c >= 'a' && c <= 'z' && CHARSET.indexOf(c - 'a' + 'A') >= 0;
		return CHARSET.indexOf(c) >= 0 || lowerCaseOfLegal;
	}

}
