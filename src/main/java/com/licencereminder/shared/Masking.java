package com.licencereminder.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Masks personal identifiers for logs, screens and exports.
 * <ul>
 * <li>{@link #phone(String)}: the number as dialled within its country (for Chinese
 * landlines with the leading 0 of the area code) keeps its first 3 and last 4 digits, and
 * the middle becomes {@code ****}: {@code +8613812345678} and {@code 13812345678} become
 * {@code 138****5678}, {@code +863741234567} and {@code 0374-1234567} become
 * {@code 037****4567}. A number of 7 or fewer digits becomes {@code ****} followed by its
 * last 2 digits. Input may be in E.164 or national form, with or without separators; an
 * extension is dropped.</li>
 * <li>{@link #openId(String)}: an id longer than 10 characters keeps its first 4 and last
 * 4 characters around {@code ****}; a shorter one becomes {@code ****}.</li>
 * <li>{@link #text(String)}: free text such as a provider's error message, with every
 * Chinese mobile or area-coded landline number in it masked as above, and the value of
 * every {@code access_token=}, {@code token=} or {@code secret=} parameter replaced by
 * {@code ****}.</li>
 * </ul>
 * All return {@code null} for {@code null}.
 */
public final class Masking {

	private static final String STARS = "****";

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	/**
	 * A Chinese mobile (optionally +86/86/0086) or a landline with its area code, not
	 * inside a longer digit run.
	 */
	private static final Pattern PHONE_IN_TEXT = Pattern
		.compile("(?<![\\d+])(?:(?:\\+|00)?86[ -]?)?(?:1[3-9]\\d(?:[ -]?\\d{4}){2}|0\\d{2,3}-?\\d{7,8})(?!\\d)");

	private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)\\b((?:access_)?token|secret)=[^&\\s\"']+");

	private Masking() {
	}

	/**
	 * Masks a phone number as described in the {@link Masking class documentation}.
	 * @param number the number in any form, may be {@code null}
	 * @return the masked number, or {@code null} for {@code null}
	 */
	public static String phone(String number) {
		if (number == null) {
			return null;
		}
		String digits = nationalDigits(number);
		if (digits.length() <= 7) {
			return STARS + digits.substring(Math.max(0, digits.length() - 2));
		}
		return digits.substring(0, 3) + STARS + digits.substring(digits.length() - 4);
	}

	/**
	 * Masks a WeChat openid as described in the {@link Masking class documentation}.
	 * @param openId the openid, may be {@code null}
	 * @return the masked openid, or {@code null} for {@code null}
	 */
	public static String openId(String openId) {
		if (openId == null) {
			return null;
		}
		if (openId.length() <= 10) {
			return STARS;
		}
		return openId.substring(0, 4) + STARS + openId.substring(openId.length() - 4);
	}

	/**
	 * Masks phone numbers and secret parameters in free text as described in the
	 * {@link Masking class documentation}, for log lines that carry text from elsewhere.
	 * @param text the text, may be {@code null}
	 * @return the masked text, or {@code null} for {@code null}
	 */
	public static String text(String text) {
		if (text == null) {
			return null;
		}
		Matcher phones = PHONE_IN_TEXT.matcher(text);
		String masked = phones.replaceAll(match -> Matcher.quoteReplacement(phone(match.group())));
		return SECRET_PARAMETER.matcher(masked).replaceAll("$1=" + STARS);
	}

	/** The digits of the number as dialled within its country, China by default. */
	private static String nationalDigits(String number) {
		try {
			PhoneNumber parsed = UTIL.parse(number, "CN");
			parsed.clearExtension();
			return digits(UTIL.format(parsed, PhoneNumberFormat.NATIONAL));
		}
		catch (NumberParseException ex) {
			return digits(number);
		}
	}

	private static String digits(String text) {
		StringBuilder digits = new StringBuilder(text.length());
		text.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> digits.append((char) c));
		return digits.toString();
	}

}
