package com.licencereminder.delivery;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What a text message sent back to us asks for. The body is read after NFKC normalisation
 * (full-width {@code １} and {@code ＴＤ} count), without surrounding white space and
 * closing punctuation, case-insensitively: {@code 1}, {@code 确认}, {@code 收到} acknowledge;
 * {@code TD}, {@code T}, {@code R}, {@code 退订}, {@code STOP} opt out; anything else is
 * not acted on.
 */
public enum Reply {

	ACKNOWLEDGE, OPT_OUT, OTHER;

	/** What the body asks for. */
	public static Reply of(String body) {
		if (body == null) {
			return OTHER;
		}
		String word = Normalizer.normalize(body, Normalizer.Form.NFKC)
			.strip()
			.replaceAll("[\\p{Punct}\\p{IsPunctuation}\\s]+$", "")
			.toUpperCase(Locale.ROOT);
		return switch (word) {
			case "1", "确认", "收到" -> ACKNOWLEDGE;
			case "TD", "T", "R", "退订", "STOP" -> OPT_OUT;
			default -> OTHER;
		};
	}

}
