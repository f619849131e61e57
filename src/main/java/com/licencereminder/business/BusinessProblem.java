package com.licencereminder.business;

import org.springframework.http.HttpStatus;

/**
 * A refusal of the mini-program API: answered as a problem detail with {@code code}, and
 * title and detail from the messages {@code business.problem.<code>.title} and
 * {@code business.problem.<code>} in the caller's language.
 */
class BusinessProblem extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	BusinessProblem(HttpStatus status, String code) {
		super(code);
		this.status = status;
		this.code = code;
	}

	HttpStatus status() {
		return status;
	}

	String code() {
		return code;
	}

	static BusinessProblem notFound() {
		return new BusinessProblem(HttpStatus.NOT_FOUND, "not-found");
	}

}
