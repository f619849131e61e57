package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.licencereminder.shared.SeededCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextTests {

	/**
	 * The characters {@link Text} treats specially: every white space, the byte order
	 * mark and zero-width characters, the full-width ASCII block, the brackets of keys,
	 * the first and last ASCII letters and the halves of a surrogate pair.
	 */
	private static final String SPECIAL = specialCharacters();

	@Test
	void cleanReturnsNullForNull() {
		assertThat(Text.clean(null)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "   ", "\t", "\n", "\r\n", "\u3000", "\u00A0", "\uFEFF", "\u200B",
			" \u200C\u200D ", "\u3000 \t\u00A0\n" })
	void cleanReturnsNullForTextWithoutVisibleCharacters(String raw) {
		assertThat(Text.clean(raw)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "食品经营许可证", "JY14110230012345", "a b", "2026-03-01" })
	void cleanLeavesCleanTextUnchanged(String raw) {
		assertThat(Text.clean(raw)).isEqualTo(raw);
	}

	@Test
	void cleanConvertsFullWidthDigitsAndLettersToHalfWidth() {
		assertThat(Text.clean("ＪＹ１２３ａｂｃ０９")).isEqualTo("JY123abc09");
	}

	@Test
	void cleanConvertsTheWholeFullWidthAsciiBlock() {
		StringBuilder fullWidth = new StringBuilder();
		StringBuilder ascii = new StringBuilder();
		for (char c = '\uFF01'; c <= '\uFF5E'; c++) {
			fullWidth.append(c);
			ascii.append((char) (c - 0xFEE0));
		}
		assertThat(Text.clean(fullWidth.toString())).isEqualTo(ascii.toString()).startsWith("!").endsWith("~");
	}

	@Test
	void cleanConvertsFullWidthPunctuation() {
		assertThat(Text.clean("（０３７４）１２３４５６７；１３８－１２３４／５６７８，！～")).isEqualTo("(0374)1234567;138-1234/5678,!~");
	}

	@Test
	void cleanConvertsIdeographicSpaceToSpace() {
		assertThat(Text.clean("许昌市\u3000魏都区")).isEqualTo("许昌市 魏都区");
	}

	@ParameterizedTest
	@ValueSource(strings = { "①", "㈱", "ｶ", "ﬁ", "Ⅻ", "㎡", "、", "。", "【", "〔" })
	void cleanLeavesCharactersOutsideTheFullWidthAsciiBlockAlone(String raw) {
		assertThat(Text.clean(raw)).isEqualTo(raw);
	}

	@Test
	void cleanRemovesByteOrderMarkAndZeroWidthCharacters() {
		assertThat(Text.clean("\uFEFF企业\u200B名\u200C称\u200D")).isEqualTo("企业名称");
	}

	@Test
	void cleanRemovesZeroWidthCharactersWithoutSplittingWords() {
		assertThat(Text.clean("JY\u200B123")).isEqualTo("JY123");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u00A0", "\u2007", "\u202F", "\u2002", "\u2003", "\u2009", "\t", "\n", "\r", "\u000B",
			"\f", "\u0085", "\u2028", "\u2029", "\u3000" })
	void cleanTreatsUnicodeWhiteSpaceAsSpace(String space) {
		assertThat(Text.clean("a" + space + "b")).isEqualTo("a b");
	}

	@Test
	void cleanTrimsAndCollapsesWhiteSpaceRuns() {
		assertThat(Text.clean(" \t 许昌市 \r\n\t 魏都区\u00A0\u3000 食品 \n")).isEqualTo("许昌市 魏都区 食品");
	}

	@Test
	void cleanCollapsesWhiteSpaceAroundRemovedZeroWidthCharacters() {
		assertThat(Text.clean("a \u200B b")).isEqualTo("a b");
	}

	@Test
	void cleanKeepsSupplementaryCharacters() {
		assertThat(Text.clean(" 𠀀 𪚥 ")).isEqualTo("𠀀 𪚥");
	}

	@Test
	void cleanIsIdempotent() {
		assertIdempotent(Text::clean);
	}

	@Test
	void cleanLeavesNoEdgeOrDoubleSpacesAndNoOtherWhiteSpace() {
		assertOnEveryResult(Text::clean,
				cleaned -> assertThat(cleaned).isNotEmpty()
					.doesNotStartWith(" ")
					.doesNotEndWith(" ")
					.doesNotContain("  ")
					.doesNotContain("\t", "\n", "\r", "\u00A0", "\u3000", "\uFEFF", "\u200B"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-", "—", "——", "/", "无", "N/A", "n/a", "N/a", "null", "NULL", "Null" })
	void isPlaceholderRecognisesPlaceholders(String cleaned) {
		assertThat(Text.isPlaceholder(cleaned)).isTrue();
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "0", "无效", "暂无", "--", "N / A", "none", "nil", "-1", "2026-03-01", "有效" })
	void isPlaceholderRejectsOtherText(String cleaned) {
		assertThat(Text.isPlaceholder(cleaned)).isFalse();
	}

	@Test
	void isPlaceholderRecognisesCleanedFullWidthPlaceholders() {
		assertThat(Text.isPlaceholder(Text.clean(" ／ "))).isTrue();
		assertThat(Text.isPlaceholder(Text.clean("－"))).isTrue();
		assertThat(Text.isPlaceholder(Text.clean("Ｎ／Ａ"))).isTrue();
	}

	@Test
	void keyRemovesAllWhiteSpaceAndUpperCasesLetters() {
		assertThat(Text.key(" jy１２３ ４５６ ")).isEqualTo("JY123456");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "  ", "\u3000\t\n", "\uFEFF" })
	void keyReturnsNullForNullAndBlank(String raw) {
		assertThat(Text.key(raw)).isNull();
	}

	@Test
	void keyMapsChineseBracketsToAsciiBrackets() {
		assertThat(Text.key("豫食（许）【2021】第1号")).isEqualTo("豫食(许)[2021]第1号");
	}

	@Test
	void keyUpperCasesOnlyAsciiLetters() {
		assertThat(Text.key("食品经营许可证 abc é ß")).isEqualTo("食品经营许可证ABCéß");
	}

	@Test
	void keyIsTheSameForDifferentlyWrittenNumbers() {
		assertThat(Text.key("JY 1411 0230 0123 45")).isEqualTo(Text.key("ｊｙ14110230012345"))
			.isEqualTo(Text.key("\uFEFFjy1411023001\u200B2345\n"))
			.isEqualTo("JY14110230012345");
	}

	@Test
	void keyIsIdempotent() {
		assertIdempotent(Text::key);
	}

	@Test
	void keyHasNoWhiteSpaceAndNoLowerCaseAsciiLetters() {
		assertOnEveryResult(Text::key,
				key -> assertThat(key).isNotEmpty().doesNotContain(" ").doesNotContainPattern("[a-z]"));
	}

	/**
	 * Checks on {@link #texts()} that applying {@code function} to its result changes
	 * nothing.
	 */
	private static void assertIdempotent(UnaryOperator<String> function) {
		texts().check(raw -> {
			String once = function.apply(raw);
			assertThat(function.apply(once)).isEqualTo(once);
		});
	}

	/**
	 * Checks on {@link #texts()} that every result of {@code function} but {@code null}
	 * passes {@code assertion}.
	 */
	private static void assertOnEveryResult(UnaryOperator<String> function, Consumer<String> assertion) {
		texts().check(raw -> {
			String result = function.apply(raw);
			if (result != null) {
				assertion.accept(result);
			}
		});
	}

	/**
	 * Any text of up to 255 characters from the whole of U+0000..U+FFFF (lone surrogates
	 * too), half of them from the characters {@link Text} treats specially; examples:
	 * empty, only white space, every special character alone and between letters.
	 */
	private static SeededCases<String> texts() {
		List<String> examples = new ArrayList<>(List.of("", "\u0000", "\uFFFF", "\uD800", "\uDFFF\uD800",
				"\uD83D\u200B\uDE00", "  a  ", "ａ\u3000\u3000ｂ", "\u200B \u200B", "【ｊｙ】（１）"));
		for (char special : SPECIAL.toCharArray()) {
			examples.add(String.valueOf(special));
			examples.add("a" + special + "b");
			examples.add(special + "a" + special + special);
		}
		return SeededCases.of(TextTests::text).withExamples(examples);
	}

	private static String text(SplittableRandom random) {
		int length = random.nextInt(SeededCases.oneOf(random, 4, 32, 256));
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(random.nextBoolean() ? SPECIAL.charAt(random.nextInt(SPECIAL.length()))
					: (char) random.nextInt(Character.MAX_VALUE + 1));
		}
		return text.toString();
	}

	private static String specialCharacters() {
		StringBuilder special = new StringBuilder("\uFEFF\u200B\u200C\u200D【】（）azAZ\uD83D\uDE00");
		for (char c = 0; c < Character.MAX_VALUE; c++) {
			boolean fullWidth = c >= '\uFF01' && c <= '\uFF5E';
			if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085' || fullWidth) {
				special.append(c);
			}
		}
		return special.toString();
	}

}
