package com.licencereminder.console;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links to the other pages of the list a console page shows: the page's own URL, its
 * filters included, with {@code page} replaced. Used by the layout's {@code pager}
 * fragment.
 *
 * @param current the URL of the request being answered
 */
public record PageLinks(String current) {

	/** The URL of page {@code page} (0-based) of the same list. */
	public String to(int page) {
		return UriComponentsBuilder.fromUriString(current).replaceQueryParam("page", page).build().toUriString();
	}

}
