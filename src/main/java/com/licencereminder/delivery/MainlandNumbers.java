package com.licencereminder.delivery;

import java.util.regex.Pattern;

/**
 * Mainland China numbers in E.164, as the domestic providers take them: a mobile is
 * {@code +86 1} and ten more digits, a landline {@code +86} and an area code without its
 * leading 0. Hong Kong ({@code +852}), Macao ({@code +853}) and Taiwan ({@code +886}) are
 * not mainland numbers.
 */
public final class MainlandNumbers {

	private static final Pattern MOBILE = Pattern.compile("\\+861[3-9]\\d{9}");

	private static final Pattern LANDLINE = Pattern.compile("\\+86[2-9]\\d{8,10}");

	private MainlandNumbers() {
	}

	/** Whether the number is a mainland mobile. */
	public static boolean isMobile(String e164) {
		return e164 != null && MOBILE.matcher(e164).matches();
	}

	/** Whether the number is a mainland mobile or landline. */
	public static boolean isMainland(String e164) {
		return isMobile(e164) || (e164 != null && LANDLINE.matcher(e164).matches());
	}

	/**
	 * A mainland number as the domestic providers write it (a mobile's eleven digits, a
	 * landline with its leading 0, either perhaps with 86 in front, separators ignored)
	 * in E.164: the inverse of {@link #national}.
	 * @return null for a missing number, one written with another country code
	 * ({@code +852...}) or one that is not {@link #isMainland}
	 */
	public static String fromNational(String written) {
		if (written == null || (written.strip().startsWith("+") && !written.strip().startsWith("+86"))) {
			return null;
		}
		String digits = written.replaceAll("\\D", "");
		if (digits.startsWith("86") && digits.length() > 11) {
			digits = digits.substring(2);
		}
		String e164 = "+86" + (digits.startsWith("0") ? digits.substring(1) : digits);
		return isMainland(e164) ? e164 : null;
	}

	/**
	 * The number as dialled inside the mainland: a mobile's eleven digits, a landline
	 * with its leading 0.
	 * @throws IllegalArgumentException for a number that is not {@link #isMainland}
	 */
	public static String national(String e164) {
		if (isMobile(e164)) {
			return e164.substring(3);
		}
		if (isMainland(e164)) {
			return "0" + e164.substring(3);
		}
		throw new IllegalArgumentException("not a mainland number");
	}

}
