package com.licencereminder.delivery;

import java.util.Map;

/**
 * A message ready for a channel.
 *
 * @param text the full text (SMS body, the words a call speaks, a preview of a
 * mini-program message)
 * @param fields the template fields of structured channels (WeChat {@code thing1},
 * {@code time2}, ...)
 */
public record RenderedMessage(String text, Map<String, String> fields) {

	public RenderedMessage {
		fields = fields == null ? Map.of() : Map.copyOf(fields);
	}

}
