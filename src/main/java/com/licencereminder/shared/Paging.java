package com.licencereminder.shared;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The paging every list of the API accepts: pages from 0, at most {@value #MAX_PAGE_SIZE}
 * items a page.
 */
public final class Paging {

	/** The largest page the API serves. */
	public static final int MAX_PAGE_SIZE = 500;

	private Paging() {
	}

	/**
	 * Checks a requested page.
	 * @throws ResponseStatusException 400 for a negative page or a size outside 1 to
	 * {@value #MAX_PAGE_SIZE}
	 */
	public static void check(int page, int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
		}
	}

}
