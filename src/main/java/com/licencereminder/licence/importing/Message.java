package com.licencereminder.licence.importing;

import java.util.Arrays;
import java.util.List;

/**
 * A message-bundle code with its arguments, stored as such and rendered in the reader's
 * language.
 *
 * @param code the code in {@code messages.properties}
 * @param args the arguments
 */
record Message(String code, List<String> args) {

	Message {
		args = args == null ? List.of() : List.copyOf(args);
	}

	static Message of(String code, Object... args) {
		return new Message(code, Arrays.stream(args).map(String::valueOf).toList());
	}

}
