package com.licencereminder.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * How the API and the console read filter values: one of an enum's names (any case), a
 * point in time given as an instant, a date-time or a date, and a text to search for.
 * What cannot be read is a 400 naming the parameter and what it accepts.
 */
public final class RequestValues {

	private RequestValues() {
	}

	/**
	 * One of the enum's constants, named in any case; null for a blank value.
	 * @throws ResponseStatusException 400 naming the parameter and the names it accepts
	 */
	public static <E extends Enum<E>> E choice(Class<E> type, String value, String name) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return named(type, value).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
				name + " must be one of " + Arrays.toString(type.getEnumConstants())));
	}

	/** The constant of that name in any case, or empty (also for null or blank). */
	public static <E extends Enum<E>> Optional<E> named(Class<E> type, String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A point in time: an ISO instant ({@code 2026-03-01T08:00:00Z}), an offset date-time
	 * ({@code 2026-03-01T16:00+08:00}), a local date-time in the zone
	 * ({@code 2026-03-01T16:00}) or a date in the zone: its start, or with {@code end}
	 * the next day's start, so that a date as an exclusive end includes that day. Null
	 * for a blank value.
	 * @throws ResponseStatusException 400 naming the parameter and the forms it accepts
	 */
	public static Instant instant(String value, boolean end, ZoneId zone, String name) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return time(value, end, zone).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, name
				+ " must be an ISO instant (2026-03-01T08:00:00Z), a date-time (2026-03-01T16:00) or a date (2026-03-01)"));
	}

	/** {@link #instant} without the exception: empty for a value it cannot read. */
	public static Optional<Instant> time(String value, boolean end, ZoneId zone) {
		String text = value.strip();
		try {
			return Optional.of(OffsetDateTime.parse(text).toInstant());
		}
		catch (DateTimeParseException ex) {
			// not an instant or a date-time with an offset
		}
		try {
			return Optional.of(LocalDateTime.parse(text).atZone(zone).toInstant());
		}
		catch (DateTimeParseException ex) {
			// no time
		}
		try {
			LocalDate date = LocalDate.parse(text);
			return Optional.of((end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant());
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The regular expression a search for the text as a part of a value uses: the text
	 * literally, case-insensitive when it holds a letter that has a case. A text without
	 * one (Chinese, digits) is matched case-sensitively, which finds the same values and
	 * spares the store folding the case of every character it tests.
	 * @param text the text; white space around it is ignored
	 */
	public static Pattern containing(String text) {
		String stripped = text.strip();
		boolean cased = !stripped.toLowerCase(Locale.ROOT).equals(stripped.toUpperCase(Locale.ROOT));
		return Pattern.compile(Pattern.quote(stripped), cased ? Pattern.CASE_INSENSITIVE : 0);
	}

}
