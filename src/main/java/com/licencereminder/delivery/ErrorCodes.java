package com.licencereminder.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Error codes in the reader's words, for the console: the code's own message
 * {@code delivery.code.<code>} when the bundles have one, else the words of its
 * {@link FailureClass} ({@code delivery.failure.<CLASS>}), else nothing (the code speaks
 * for itself).
 */
@Component
class ErrorCodes {

	private final MessageSource messages;

	ErrorCodes(MessageSource messages) {
		this.messages = messages;
	}

	/** The words of each code that has some. */
	Map<String, String> words(Collection<String> codes, Locale locale) {
		Map<String, String> words = new HashMap<>();
		for (String code : codes) {
			String said = words(code, locale);
			if (said != null) {
				words.put(code, said);
			}
		}
		return words;
	}

	/** The code in words, or null. */
	String words(String code, Locale locale) {
		if (code == null || code.isBlank()) {
			return null;
		}
		String own = messages.getMessage("delivery.code." + code, null, null, locale);
		if (own != null) {
			return own;
		}
		FailureClass failure = FailureClass.of(code);
		return failure == FailureClass.UNKNOWN ? null
				: messages.getMessage("delivery.failure." + failure.name(), null, null, locale);
	}

}
