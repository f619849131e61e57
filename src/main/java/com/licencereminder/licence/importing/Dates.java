package com.licencereminder.licence.importing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates of licence lists: single dates in the forms people and spreadsheet
 * programs write, the words that mean "no expiry", and validity ranges written in one
 * cell.
 */
final class Dates {

	/** The forms named in the reasons of {@link DateValue.Invalid}. */
	static final String EXPECTED = "expected a form like 2026-03-01, 2026/3/1, 2026年3月1日 or 20260301";

	/**
	 * The smallest Excel serial number {@link #parse(String)} accepts as a date
	 * (1954-10-03).
	 */
	static final int MIN_SERIAL = 20000;

	/**
	 * The largest Excel serial number {@link #parse(String)} accepts as a date
	 * (2119-01-11).
	 */
	static final int MAX_SERIAL = 80000;

	private static final Set<String> NO_EXPIRY = Set.of("长期", "长期有效", "永久", "永久有效", "无期限", "不限期");

	private static final String TIME = "(?:(?: |T| T )\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)?";

	private static final Pattern SEPARATED = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})" + TIME);

	private static final Pattern CHINESE = Pattern
		.compile("(\\d{4})\\s?年\\s?(\\d{1,2})\\s?月\\s?(\\d{1,2})\\s?[日号]" + TIME);

	private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})" + TIME);

	private static final Pattern SERIAL = Pattern.compile("\\d{5}(?:\\.\\d+)?");

	private static final Pattern TWO_DIGIT_YEAR = Pattern
		.compile("(?:\\d{2}([-/.])\\d{1,2}\\1\\d{1,2}|\\d{2}\\s?年\\s?\\d{1,2}\\s?月\\s?\\d{1,2}\\s?[日号])" + TIME);

	private static final Pattern YEAR_LAST = Pattern.compile("\\d{1,2}([-/.])\\d{1,2}\\1\\d{4}" + TIME);

	private static final Pattern RANGE_SEPARATOR = Pattern.compile("\\s?(?:[-~〜–—]+|至|到|起)\\s?");

	private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 31);

	private Dates() {
	}

	/**
	 * What a date cell says.
	 */
	sealed interface DateValue permits DateValue.Day, DateValue.NoExpiry, DateValue.Invalid {

		/** A calendar day. */
		record Day(LocalDate date) implements DateValue {

			public Day {
				Objects.requireNonNull(date, "date");
			}

		}

		/** A word such as 长期 that says the licence does not expire. */
		record NoExpiry() implements DateValue {

		}

		/**
		 * Text that is not a date; the reason says what is wrong and what is expected, in
		 * English.
		 */
		record Invalid(String reason) implements DateValue {

			public Invalid {
				Objects.requireNonNull(reason, "reason");
			}

		}

	}

	/**
	 * A validity range written in one cell.
	 *
	 * @param from the first day; a {@link DateValue.Day} or an {@link DateValue.Invalid}
	 * @param until the last day; a {@link DateValue.Day}, {@link DateValue.NoExpiry} or
	 * {@link DateValue.Invalid}
	 */
	record Range(DateValue from, DateValue until) {

		Range {
			Objects.requireNonNull(from, "from");
			Objects.requireNonNull(until, "until");
		}

	}

	/**
	 * Reads one date.
	 * <p>
	 * Accepted are year-month-day with {@code -}, {@code /} or {@code .} between the
	 * parts and one or two digits for month and day ({@code 2026-3-1},
	 * {@code 2026/03/01}, {@code 2026.3.1}), the eight-digit form {@code 20260301}, the
	 * Chinese form {@code 2026年3月1日} (also with {@code 号}), each optionally followed by a
	 * time of day that is ignored, Excel serial numbers from {@value #MIN_SERIAL} to
	 * {@value #MAX_SERIAL} (a fraction is ignored), and the no-expiry words 长期, 长期有效, 永久,
	 * 永久有效, 无期限 and 不限期. Days and months are checked strictly: a day that does not exist
	 * in the calendar is {@link DateValue.Invalid}, as is a two-digit year.
	 * @param text cleaned cell text (see {@link Text#clean(String)})
	 * @return the value, never {@code null}
	 * @throws IllegalArgumentException if {@code text} is {@code null} or blank
	 */
	static DateValue parse(String text) {
		String value = requireText(text);
		DateValue shaped = parseShaped(value, true);
		return (shaped != null) ? shaped : new DateValue.Invalid("not a valid date: " + EXPECTED);
	}

	/**
	 * Reads a validity range from one cell, such as {@code 2021年3月1日至2026年2月28日},
	 * {@code 自2021年3月1日起至2026年2月28日止}, {@code 2021-03-01 ~ 2026-02-28},
	 * {@code 2021.03.01-2026.02.28}, {@code 2021-03-01-2026-02-28}, {@code 2021-03-01至长期}
	 * or {@code 自2021年3月1日起长期有效}.
	 * <p>
	 * The separator is 至, 到, 起, {@code ~}, {@code 〜} or a dash; the cell is split at the
	 * first separator where both sides have the shape of a date (see
	 * {@link #parse(String)}; Excel serial numbers do not count here) and the end may
	 * also be a no-expiry word. A side with the shape of a date that does not exist, such
	 * as {@code 2026-02-30}, is kept as {@link DateValue.Invalid} so that the caller can
	 * report it.
	 * @param text cleaned cell text (see {@link Text#clean(String)})
	 * @return the range, or empty if the text is not a range (for example a single date,
	 * or an open end such as {@code 至今})
	 * @throws IllegalArgumentException if {@code text} is {@code null} or blank
	 */
	static Optional<Range> parseRange(String text) {
		String value = requireText(text);
		if (value.startsWith("自") || value.startsWith("从")) {
			value = value.substring(1).strip();
		}
		if (value.endsWith("止")) {
			value = value.substring(0, value.length() - 1).strip();
		}
		Matcher separator = RANGE_SEPARATOR.matcher(value);
		while (separator.find()) {
			String left = value.substring(0, separator.start()).strip();
			String right = value.substring(separator.end()).strip();
			if (left.endsWith("起")) {
				left = left.substring(0, left.length() - 1).strip();
			}
			DateValue from = parseShaped(left, false);
			DateValue until = parseShaped(right, false);
			if (from != null && !(from instanceof DateValue.NoExpiry) && until != null) {
				return Optional.of(new Range(from, until));
			}
		}
		return Optional.empty();
	}

	/**
	 * Converts an Excel serial number in the 1900 date system to a date: serial 1 is
	 * 1900-01-01, serial 61 is 1900-03-01 (Excel counts a 1900-02-29 that never was,
	 * serial 60). The fraction, which is the time of day, is ignored.
	 * @param serial the serial number, at least 1
	 * @return the date
	 * @throws IllegalArgumentException if {@code serial} is less than 1, is 60, or is not
	 * finite
	 */
	static LocalDate fromExcelSerial(double serial) {
		if (!Double.isFinite(serial) || serial < 1) {
			throw new IllegalArgumentException("Excel serial must be a finite number of at least 1: " + serial);
		}
		long day = (long) Math.floor(serial);
		if (day == 60) {
			throw new IllegalArgumentException("Excel serial 60 is 1900-02-29, which does not exist");
		}
		return EXCEL_EPOCH.plusDays((day < 60) ? day : day - 1);
	}

	private static String requireText(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("text must not be null or blank");
		}
		return text.strip();
	}

	/**
	 * Returns the value of text that has the shape of a date or is a no-expiry word, or
	 * {@code null} when the text has no recognised shape.
	 */
	private static DateValue parseShaped(String text, boolean allowSerial) {
		if (NO_EXPIRY.contains(text.replace(" ", ""))) {
			return new DateValue.NoExpiry();
		}
		for (Pattern pattern : new Pattern[] { SEPARATED, CHINESE, COMPACT }) {
			Matcher matcher = pattern.matcher(text);
			if (matcher.matches()) {
				int groups = matcher.groupCount();
				return day(matcher.group(1), matcher.group(groups - 1), matcher.group(groups));
			}
		}
		if (TWO_DIGIT_YEAR.matcher(text).matches()) {
			return new DateValue.Invalid("not a valid date: the year must have four digits; " + EXPECTED);
		}
		if (YEAR_LAST.matcher(text).matches()) {
			return new DateValue.Invalid("not a valid date: the year must come first; " + EXPECTED);
		}
		if (allowSerial && SERIAL.matcher(text).matches()) {
			return serial(text);
		}
		return null;
	}

	private static DateValue day(String year, String month, String day) {
		int y = Integer.parseInt(year);
		int m = Integer.parseInt(month);
		int d = Integer.parseInt(day);
		if (m < 1 || m > 12) {
			return new DateValue.Invalid("not a valid date: there is no month " + m + "; " + EXPECTED);
		}
		try {
			return new DateValue.Day(LocalDate.of(y, m, d));
		}
		catch (DateTimeException ex) {
			String monthName = Month.of(m).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
			return new DateValue.Invalid("not a valid date: " + monthName + " " + y + " has no day " + d + " (it has "
					+ YearMonth.of(y, m).lengthOfMonth() + " days); " + EXPECTED);
		}
	}

	private static DateValue serial(String text) {
		double serial = Double.parseDouble(text);
		if (serial < MIN_SERIAL || serial >= MAX_SERIAL + 1) {
			return new DateValue.Invalid(
					"not a valid date: the number " + text + " is outside the range of Excel date serials accepted ("
							+ MIN_SERIAL + " to " + MAX_SERIAL + ", 1954 to 2119); " + EXPECTED);
		}
		return new DateValue.Day(fromExcelSerial(serial));
	}

}
