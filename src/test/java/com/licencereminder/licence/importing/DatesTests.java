package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

import com.licencereminder.licence.importing.Dates.DateValue;
import com.licencereminder.licence.importing.Dates.Range;
import com.licencereminder.shared.SeededCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTests {

	private static final String GENERIC_REASON = "not a valid date: "
			+ "expected a form like 2026-03-01, 2026/3/1, 2026年3月1日 or 20260301";

	private static final List<Function<LocalDate, String>> FORMS = List.of((date) -> date.toString(),
			(date) -> date.getYear() + "-" + date.getMonthValue() + "-" + date.getDayOfMonth(),
			(date) -> date.getYear() + "/" + date.getMonthValue() + "/" + date.getDayOfMonth(),
			(date) -> date.format(DateTimeFormatter.ofPattern("uuuu/MM/dd")),
			(date) -> date.format(DateTimeFormatter.ofPattern("uuuu.MM.dd")),
			(date) -> date.getYear() + "." + date.getMonthValue() + "." + date.getDayOfMonth(),
			(date) -> date.format(DateTimeFormatter.BASIC_ISO_DATE),
			(date) -> date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日",
			(date) -> date.format(DateTimeFormatter.ofPattern("uuuu年MM月dd日")),
			(date) -> date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "号",
			(date) -> date + " 00:00:00",
			(date) -> date.getYear() + "/" + date.getMonthValue() + "/" + date.getDayOfMonth() + " 0:00");

	private static final LocalDate FIRST_DAY = LocalDate.of(1000, 1, 1);

	private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

	/** The first and last day drawn, a leap day and the end of a year. */
	private static final List<LocalDate> EDGE_DAYS = List.of(FIRST_DAY, LAST_DAY, LocalDate.of(2024, 2, 29),
			LocalDate.of(2026, 12, 31));

	private static final List<String> SEPARATORS = List.of("至", " 至 ", "到", "~", " ~ ", "〜", "-", " - ", "—", "——",
			"–");

	@ParameterizedTest
	@ValueSource(strings = { "2026-03-01", "2026-3-1", "2026-03-1", "2026-3-01", "2026/3/1", "2026/03/01", "2026.03.01",
			"2026.3.1", "20260301", "2026年3月1日", "2026年03月01日", "2026年3月1号", "2026 年 3 月 1 日", " 2026-03-01 " })
	void parseAcceptsTheUsualForms(String text) {
		assertThat(Dates.parse(text)).isEqualTo(day(2026, 3, 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-03-01 00:00:00", "2026-03-01 23:59:59", "2026-03-01T08:30",
			"2026-03-01 08:30:00.000", "2026/3/1 0:00", "2026.03.01 12:00", "20260301 00:00:00", "2026年3月1日 00:00" })
	void parseIgnoresATrailingTimeOfDay(String text) {
		assertThat(Dates.parse(text)).isEqualTo(day(2026, 3, 1));
	}

	@ParameterizedTest
	@CsvSource({ "2024-02-29, 2024-02-29", "2000/2/29, 2000-02-29", "2026-12-31, 2026-12-31", "2026年1月31日, 2026-01-31",
			"19991231, 1999-12-31", "2026.4.30, 2026-04-30" })
	void parseAcceptsEdgeDaysOfMonths(String text, LocalDate expected) {
		assertThat(Dates.parse(text)).isEqualTo(new DateValue.Day(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "长期", "长期有效", "永久", "永久有效", "无期限", "不限期", "长期 有效" })
	void parseRecognisesNoExpiryWords(String text) {
		assertThat(Dates.parse(text)).isEqualTo(new DateValue.NoExpiry());
	}

	@ParameterizedTest
	@CsvSource({ "46082, 2026-03-01", "46082.0, 2026-03-01", "46082.75, 2026-03-01", "45658, 2025-01-01",
			"36526, 2000-01-01", "20000, 1954-10-03", "80000, 2119-01-11" })
	void parseReadsExcelSerialNumbers(String text, LocalDate expected) {
		assertThat(Dates.parse(text)).isEqualTo(new DateValue.Day(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "19999", "19999.9", "80001", "12345", "99999" })
	void parseRejectsExcelSerialNumbersOutsideTheAcceptedRange(String text) {
		assertThat(Dates.parse(text)).isInstanceOfSatisfying(DateValue.Invalid.class,
				(invalid) -> assertThat(invalid.reason()).contains(text, "20000 to 80000", "expected a form like"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "2026-02-30 | February 2026 has no day 30", "20260230 | February 2026 has no day 30",
					"2026年2月30日 | February 2026 has no day 30", "2025-02-29 | February 2025 has no day 29",
					"1900-02-29 | February 1900 has no day 29", "2026/4/31 | April 2026 has no day 31",
					"2026.03.32 | March 2026 has no day 32", "2026-03-00 | March 2026 has no day 0",
					"2026-13-01 | no month 13", "2026-00-10 | no month 0", "20261301 | no month 13",
					"2026年13月1日 | no month 13" })
	void parseReportsImpossibleDatesWithTheProblemAndTheExpectedForm(String text, String problem) {
		assertThat(Dates.parse(text)).isInstanceOfSatisfying(DateValue.Invalid.class,
				(invalid) -> assertThat(invalid.reason()).startsWith("not a valid date: ")
					.contains(problem)
					.endsWith("expected a form like 2026-03-01, 2026/3/1, 2026年3月1日 or 20260301"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "26-03-01", "26/3/1", "26.3.1", "26年3月1日", "26-3-1 00:00" })
	void parseReportsTwoDigitYears(String text) {
		assertThat(Dates.parse(text)).isInstanceOfSatisfying(DateValue.Invalid.class,
				(invalid) -> assertThat(invalid.reason()).contains("the year must have four digits",
						"expected a form like"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "01/03/2026", "3/1/2026", "1.3.2026", "01-03-2026" })
	void parseReportsDatesWithTheYearLast(String text) {
		assertThat(Dates.parse(text)).isInstanceOfSatisfying(DateValue.Invalid.class,
				(invalid) -> assertThat(invalid.reason()).contains("the year must come first", "expected a form like"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "2026", "2026-03", "202631", "2026031", "202603011", "2026年3月", "2026-03-01x",
			"2026-03/01", "2026-03-0100:00", "二〇二六年三月一日", "至今", "长期有效期", "2026-03-01 25", "1234", "123456", "46082.",
			"-46082", "2026--03-01" })
	void parseReportsUnrecognisedTextWithTheExpectedForms(String text) {
		assertThat(Dates.parse(text)).isEqualTo(new DateValue.Invalid(GENERIC_REASON));
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", " ", "\t" })
	void parseRejectsNullAndBlankText(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Dates.parse(text));
	}

	@Test
	void parseReadsEveryDayInEveryForm() {
		daysInForms()
			.check((written) -> assertThat(Dates.parse(written.text())).isEqualTo(new DateValue.Day(written.date())));
	}

	@Test
	void parseRejectsEveryDayBeyondTheEndOfItsMonth() {
		List<Beyond> examples = new ArrayList<>();
		for (LocalDate date : EDGE_DAYS) {
			for (int beyond = 1; beyond <= 3; beyond++) {
				examples.add(new Beyond(date, beyond));
			}
		}
		SeededCases<Beyond> cases = SeededCases.of((random) -> new Beyond(day(random), random.nextInt(1, 4)));
		cases.withExamples(examples).check((beyond) -> {
			int day = beyond.date().lengthOfMonth() + beyond.days();
			String text = beyond.date().getYear() + "-" + beyond.date().getMonthValue() + "-" + day;
			assertThat(Dates.parse(text)).isInstanceOf(DateValue.Invalid.class);
		});
	}

	@Test
	void parseReadsEveryAcceptedSerialAsTheDayExcelShows() {
		SeededCases<Integer> serials = SeededCases.of((random) -> random.nextInt(20000, 80001))
			.withExamples(List.of(20000, 20001, 79999, 80000));
		serials.check((serial) -> {
			LocalDate expected = LocalDate.of(1899, 12, 30).plusDays(serial);
			assertThat(Dates.parse(Integer.toString(serial))).isEqualTo(new DateValue.Day(expected));
			assertThat(Dates.parse(serial + ".0")).isEqualTo(new DateValue.Day(expected));
		});
	}

	@ParameterizedTest
	@CsvSource({ "1, 1900-01-01", "2, 1900-01-02", "31, 1900-01-31", "59, 1900-02-28", "61, 1900-03-01",
			"62, 1900-03-02", "366, 1900-12-31", "367, 1901-01-01", "36526, 2000-01-01", "45658, 2025-01-01",
			"46082, 2026-03-01", "46082.999, 2026-03-01", "1.5, 1900-01-01" })
	void fromExcelSerialUsesThe1900DateSystem(double serial, LocalDate expected) {
		assertThat(Dates.fromExcelSerial(serial)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(doubles = { 60, 60.5, 0, 0.5, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY })
	void fromExcelSerialRejectsSerialsWithoutADay(double serial) {
		assertThatIllegalArgumentException().isThrownBy(() -> Dates.fromExcelSerial(serial));
	}

	@Test
	void fromExcelSerialAdvancesOneDayPerSerialAfterTheFictitiousLeapDay() {
		SeededCases<Integer> serials = SeededCases.of((random) -> random.nextInt(61, 2_000_001))
			.withExamples(List.of(61, 62, 1_999_999, 2_000_000));
		serials.check((serial) -> {
			assertThat(ChronoUnit.DAYS.between(Dates.fromExcelSerial(serial), Dates.fromExcelSerial(serial + 1)))
				.isOne();
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "2021年3月1日至2026年2月28日", "2021-03-01至2026-02-28", "2021-03-01 至 2026-02-28",
			"2021-03-01 ~ 2026-02-28", "2021-03-01~2026-02-28", "2021-03-01〜2026-02-28", "2021.03.01-2026.02.28",
			"2021-03-01-2026-02-28", "2021-3-1-2026-2-28", "2021-03-01 - 2026-02-28", "2021/3/1-2026/2/28",
			"20210301-20260228", "2021-03-01—2026-02-28", "2021-03-01——2026-02-28", "2021-03-01–2026-02-28",
			"2021-03-01到2026-02-28", "自2021年3月1日起至2026年2月28日止", "自 2021年3月1日 起 至 2026年2月28日 止", "从2021年3月1日到2026年2月28日",
			"2021年3月1日起至2026年2月28日", "2021年3月1日-2026年2月28日", "2021-03-01 00:00:00至2026-02-28 23:59:59",
			"2021-03-01 00:00:00-2026-02-28 23:59:59", "2021-03-01至2026年2月28日" })
	void parseRangeReadsValidityRanges(String text) {
		assertThat(Dates.parseRange(text)).contains(new Range(day(2021, 3, 1), day(2026, 2, 28)));
	}

	@Test
	void parseRangeReadsCleanedFullWidthSeparators() {
		assertThat(Dates.parseRange(Text.clean("２０２１－０３－０１～２０２６－０２－２８")))
			.contains(new Range(day(2021, 3, 1), day(2026, 2, 28)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2021-03-01 至 长期", "2021-03-01至长期有效", "2021年3月1日至永久", "2021-03-01-长期", "自2021年3月1日起长期有效",
			"2021-03-01~无期限" })
	void parseRangeReadsOpenEndedRanges(String text) {
		assertThat(Dates.parseRange(text)).contains(new Range(day(2021, 3, 1), new DateValue.NoExpiry()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2021-03-01至今", "2021-03-01至", "至2026-02-28", "2026-03-01", "2026/3/1", "20260301",
			"2026年3月1日", "长期", "长期至2026-02-28", "abc至def", "2021-03-01至明年", "44256-46082", "44256至46082", "2021-2026",
			"2021-03-2026-02-28", "有效期至2026年2月28日" })
	void parseRangeReturnsEmptyForTextThatIsNotARange(String text) {
		assertThat(Dates.parseRange(text)).isEmpty();
	}

	@Test
	void parseRangeKeepsAnImpossibleEndAsInvalid() {
		Optional<Range> range = Dates.parseRange("2021-03-01至2026-02-30");

		assertThat(range).hasValueSatisfying((value) -> {
			assertThat(value.from()).isEqualTo(day(2021, 3, 1));
			assertThat(value.until()).isInstanceOfSatisfying(DateValue.Invalid.class,
					(invalid) -> assertThat(invalid.reason()).contains("February 2026 has no day 30"));
		});
	}

	@Test
	void parseRangeKeepsAnImpossibleStartAsInvalid() {
		Optional<Range> range = Dates.parseRange("2021-13-01-2026-02-28");

		assertThat(range).hasValueSatisfying((value) -> {
			assertThat(value.from()).isInstanceOfSatisfying(DateValue.Invalid.class,
					(invalid) -> assertThat(invalid.reason()).contains("no month 13"));
			assertThat(value.until()).isEqualTo(day(2026, 2, 28));
		});
	}

	@Test
	void parseRangeReportsTwoDigitYears() {
		assertThat(Dates.parseRange("21-03-01至26-02-28")).hasValueSatisfying((value) -> {
			assertThat(value.from()).isInstanceOf(DateValue.Invalid.class);
			assertThat(value.until()).isInstanceOf(DateValue.Invalid.class);
		});
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "  " })
	void parseRangeRejectsNullAndBlankText(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Dates.parseRange(text));
	}

	@Test
	void parseRangeReadsEveryRangeInEveryFormAndSeparator() {
		List<WrittenRange> examples = new ArrayList<>();
		for (String separator : SEPARATORS) {
			for (int form = 0; form < FORMS.size(); form++) {
				examples.add(new WrittenRange(new WrittenDay(EDGE_DAYS.get(form % EDGE_DAYS.size()), form), separator,
						new WrittenDay(EDGE_DAYS.get((form + 1) % EDGE_DAYS.size()), FORMS.size() - 1 - form)));
			}
		}
		SeededCases<WrittenRange> ranges = SeededCases.of((random) -> new WrittenRange(writtenDay(random),
				SeededCases.oneOf(random, SEPARATORS), writtenDay(random)));
		ranges.withExamples(examples).check((range) -> {
			String text = range.from().text() + range.separator() + range.until().text();
			assertThat(Dates.parseRange(text))
				.contains(new Range(new DateValue.Day(range.from().date()), new DateValue.Day(range.until().date())));
		});
	}

	@Test
	void parseRangeIsEmptyForEverySingleDate() {
		daysInForms().check((written) -> assertThat(Dates.parseRange(written.text())).isEmpty());
	}

	/** A day written in one of the {@link #FORMS}, given by its index. */
	record WrittenDay(LocalDate date, int form) {

		String text() {
			return FORMS.get(this.form).apply(this.date);
		}

	}

	/** Two written days with a separator between them. */
	record WrittenRange(WrittenDay from, String separator, WrittenDay until) {

	}

	/** A day and how many days past the end of its month. */
	record Beyond(LocalDate date, int days) {

	}

	/** Any day from 1000 to 9999 in any form; examples: each edge day in every form. */
	private static SeededCases<WrittenDay> daysInForms() {
		List<WrittenDay> examples = new ArrayList<>();
		for (LocalDate date : EDGE_DAYS) {
			for (int form = 0; form < FORMS.size(); form++) {
				examples.add(new WrittenDay(date, form));
			}
		}
		return SeededCases.of(DatesTests::writtenDay).withExamples(examples);
	}

	private static WrittenDay writtenDay(SplittableRandom random) {
		return new WrittenDay(day(random), random.nextInt(FORMS.size()));
	}

	private static LocalDate day(SplittableRandom random) {
		return LocalDate.ofEpochDay(random.nextLong(FIRST_DAY.toEpochDay(), LAST_DAY.toEpochDay() + 1));
	}

	private static DateValue day(int year, int month, int day) {
		return new DateValue.Day(LocalDate.of(year, month, day));
	}

}
