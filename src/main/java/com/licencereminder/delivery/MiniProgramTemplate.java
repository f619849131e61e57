package com.licencereminder.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which reminder value fills which field of the approved WeChat subscribe-message
 * template ({@code licence-reminder.wechat.fields}): template key to source, e.g.
 * {@code thing1: licenceType}. Sources: {@code licenceType}, {@code licenceNumber},
 * {@code validUntil}, {@code hint}, {@code holderName}, {@code daysLeft}, {@code issuer}.
 * Each value is shaped for the key's WeChat type, named by its prefix: {@code thing} at
 * most 20 characters, {@code phrase} 5, {@code name} 10, {@code character_string} 32
 * letters, digits and symbols, {@code time} a date. An unknown source stops start-up with
 * a message naming the key.
 *
 * @param fields template key to source; defaults to thing1 licenceType, thing2
 * licenceNumber, time3 validUntil, thing4 hint
 */
@ConfigurationProperties("licence-reminder.wechat")
record MiniProgramTemplate(Map<String, String> fields) {

	static final Set<String> SOURCES = Set.of("licenceType", "licenceNumber", "validUntil", "hint", "holderName",
			"daysLeft", "issuer");

	MiniProgramTemplate {
		if (fields == null || fields.isEmpty()) {
			fields = new LinkedHashMap<>();
			fields.put("thing1", "licenceType");
			fields.put("thing2", "licenceNumber");
			fields.put("time3", "validUntil");
			fields.put("thing4", "hint");
		}
		fields.forEach((key, source) -> {
			if (!SOURCES.contains(source)) {
				throw new IllegalArgumentException("licence-reminder.wechat.fields." + key + ": unknown source '"
						+ source + "'; use one of " + SOURCES);
			}
		});
		fields = Map.copyOf(fields);
	}

	/** The value shaped for the WeChat type its key names. */
	static String shape(String key, String value) {
		if (value == null) {
			return "";
		}
		if (key.startsWith("thing")) {
			return cut(value, 20);
		}
		if (key.startsWith("phrase")) {
			return cut(value, 5);
		}
		if (key.startsWith("name")) {
			return cut(value, 10);
		}
		if (key.startsWith("character_string")) {
			return cut(value.replaceAll("[^\\x21-\\x7E]", ""), 32);
		}
		return value;
	}

	private static String cut(String text, int max) {
		return text.codePointCount(0, text.length()) <= max ? text
				: text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
	}

}
