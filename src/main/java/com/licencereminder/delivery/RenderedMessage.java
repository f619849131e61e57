package com.licencereminder.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message ready for a channel.
 *
 * @param text the full text as the recipient gets it (SMS body with the provider's
 * signature, the words a call speaks, a preview of a mini-program message)
 * @param fields the template fields of structured channels (WeChat {@code thing1},
 * {@code time2}, ...; a provider template's parameters), in their order
 * @param template the provider's template code ({@code SMS_...}), or null for the
 * provider's default or a channel without provider templates
 */
public record RenderedMessage(String text, Map<String, String> fields, String template) {

	public RenderedMessage {
		fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	/** A message with the service's own text, without a provider template. */
	public RenderedMessage(String text, Map<String, String> fields) {
		this(text, fields, null);
	}

}
