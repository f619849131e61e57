package com.licencereminder.licence.importing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Reads the phone numbers in a contact cell, with China as the default region.
 */
final class PhoneNumbers {

	/** The kinds of phone number, by what the service can do with them. */
	enum Kind {

		/** Can receive SMS and calls. */
		MOBILE,

		/** Can receive calls only. */
		LANDLINE,

		/**
		 * Not to be used: premium-rate, pager, voicemail, personal and unknown numbers.
		 */
		UNUSABLE

	}

	private static final String DEFAULT_REGION = "CN";

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private static final Pattern LINE_BREAK = Pattern.compile("\\R");

	private static final Pattern SEPARATOR = Pattern.compile("[;,/|、]|或者|或|及");

	private static final Pattern ANNOTATION = Pattern.compile("[(\\[【][^0-9()\\[\\]【】]*[)\\]】]");

	private static final Pattern HAN_BOUNDARY = Pattern
		.compile("(?<=\\p{IsHan})(?=[^\\p{IsHan} ])|(?<=[^\\p{IsHan} ])(?=\\p{IsHan})");

	private static final Pattern DIGIT = Pattern.compile("\\d");

	private static final Pattern WORDED_EXTENSION = Pattern.compile("(.*\\d)[ -]*(?:转|分机)[ -]*\\d{1,6}");

	private static final Pattern DASHED_EXTENSION = Pattern.compile("(.*\\d)-\\d{2,5}");

	private PhoneNumbers() {
	}

	/**
	 * Finds the phone numbers in a contact cell.
	 * <p>
	 * The cell is {@link Text#clean(String) cleaned} and split at line breaks, {@code ;},
	 * {@code ,}, {@code /}, {@code |}, {@code 、} (and their full-width forms) and the
	 * words 或, 或者 and 及. A part that is one number as a whole, such as
	 * {@code 138 1234 5678}, {@code +86 138-1234-5678} or {@code (0374)1234567}, is taken
	 * as it is. Otherwise bracketed remarks without digits, such as {@code (张三)} or
	 * {@code 【法人】}, are dropped, the part is split into words at spaces and where Chinese
	 * characters meet other characters, and from left to right the longest run of words
	 * that forms a number is taken. An extension ({@code 转801}, {@code 分机801},
	 * {@code ext. 801}, {@code #801}, or {@code -801} after a complete landline number)
	 * is dropped.
	 * <p>
	 * {@link ContactNumbers#rejected()} receives each part without any valid number, as
	 * written, and from the other parts each unusable number and each run of words
	 * between numbers that contains a digit; words without digits next to numbers, such
	 * as names and labels, are not reported.
	 * <p>
	 * A number is classified with libphonenumber's type: mobile numbers are mobiles;
	 * fixed-line, toll-free, shared-cost, UAN and VoIP numbers are landlines; a number
	 * that may be either is a mobile when its national number has 11 digits and starts
	 * with 1 (the Chinese rule), a landline otherwise; other types are rejected.
	 * @param cell the cell text, may be {@code null}
	 * @return the numbers found, with three empty lists for a {@code null} or blank cell
	 */
	static ContactNumbers parse(String cell) {
		Set<String> mobiles = new LinkedHashSet<>();
		Set<String> landlines = new LinkedHashSet<>();
		Set<String> rejected = new LinkedHashSet<>();
		String text = (cell != null) ? Text.clean(LINE_BREAK.matcher(cell).replaceAll(";")) : null;
		if (text != null) {
			for (String part : SEPARATOR.split(text)) {
				if (!part.isBlank()) {
					parsePart(part.strip(), mobiles, landlines, rejected);
				}
			}
		}
		return new ContactNumbers(List.copyOf(mobiles), List.copyOf(landlines), List.copyOf(rejected));
	}

	/**
	 * Classifies a number type by what the service can do with it; a number that may be
	 * fixed line or mobile is a mobile when its national significant number has 11 digits
	 * and starts with 1.
	 * @param type the type libphonenumber reports
	 * @param nationalSignificantNumber the number without country code and national
	 * prefix
	 * @return the kind of number
	 */
	static Kind classify(PhoneNumberType type, String nationalSignificantNumber) {
		return switch (type) {
			case MOBILE -> Kind.MOBILE;
			case FIXED_LINE, TOLL_FREE, SHARED_COST, UAN, VOIP -> Kind.LANDLINE;
			case FIXED_LINE_OR_MOBILE ->
				(nationalSignificantNumber.length() == 11 && nationalSignificantNumber.charAt(0) == '1') ? Kind.MOBILE
						: Kind.LANDLINE;
			default -> Kind.UNUSABLE;
		};
	}

	private static Kind classify(PhoneNumber number) {
		return classify(UTIL.getNumberType(number), UTIL.getNationalSignificantNumber(number));
	}

	/**
	 * Takes, from left to right, the longest runs of words that form a valid number.
	 * Unusable numbers and the runs of other words that contain a digit are rejected
	 * (words without one are names and labels); a part without any number is rejected as
	 * a whole.
	 */
	private static void parsePart(String part, Set<String> mobiles, Set<String> landlines, Set<String> rejected) {
		String spaced = HAN_BOUNDARY.matcher(ANNOTATION.matcher(part).replaceAll(" ")).replaceAll(" ");
		List<String> words = List.of(spaced.strip().split(" +"));
		List<String> leftOver = new ArrayList<>();
		List<String> unused = new ArrayList<>();
		boolean found = false;
		int start = 0;
		while (start < words.size()) {
			int end = words.size();
			String candidate = String.join(" ", words.subList(start, end));
			PhoneNumber number = number(candidate);
			while (number == null && end > start + 1) {
				end--;
				candidate = String.join(" ", words.subList(start, end));
				number = number(candidate);
			}
			if (number == null) {
				unused.add(words.get(start));
				start++;
				continue;
			}
			found = true;
			endRun(unused, leftOver);
			switch (classify(number)) {
				case MOBILE -> mobiles.add(UTIL.format(number, PhoneNumberFormat.E164));
				case LANDLINE -> landlines.add(UTIL.format(number, PhoneNumberFormat.E164));
				case UNUSABLE -> leftOver.add(candidate);
			}
			start = end;
		}
		endRun(unused, leftOver);
		if (found) {
			leftOver.stream().filter((text) -> DIGIT.matcher(text).find()).forEach(rejected::add);
		}
		else {
			rejected.add(part);
		}
	}

	private static void endRun(List<String> unused, List<String> leftOver) {
		if (!unused.isEmpty()) {
			leftOver.add(String.join(" ", unused));
			unused.clear();
		}
	}

	/** Returns the valid number the text is, ignoring an extension, or {@code null}. */
	private static PhoneNumber number(String text) {
		PhoneNumber number = valid(text);
		if (number == null) {
			Matcher worded = WORDED_EXTENSION.matcher(text);
			Matcher dashed = DASHED_EXTENSION.matcher(text);
			if (worded.matches()) {
				number = valid(worded.group(1));
			}
			else if (dashed.matches()) {
				number = valid(dashed.group(1));
				number = (number != null && classify(number) == Kind.LANDLINE) ? number : null;
			}
		}
		return number;
	}

	private static PhoneNumber valid(String text) {
		try {
			PhoneNumber number = UTIL.parse(text, DEFAULT_REGION);
			return UTIL.isValidNumber(number) ? number : null;
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

}
