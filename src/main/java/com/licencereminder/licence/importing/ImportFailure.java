package com.licencereminder.licence.importing;

import java.util.List;

/**
 * The file cannot be imported at all; the job ends FAILED and nothing is changed. The
 * message is a message-bundle code ({@code import.failure.*}) with arguments: it says
 * what is wrong and what to do, in the reader's language.
 */
class ImportFailure extends RuntimeException {

	private final String code;

	private final List<String> args;

	ImportFailure(String code, List<String> args, Throwable cause) {
		super(code + " " + args, cause);
		this.code = code;
		this.args = List.copyOf(args);
	}

	ImportFailure(String code, String... args) {
		this(code, List.of(args), null);
	}

	String code() {
		return code;
	}

	List<String> args() {
		return args;
	}

}
