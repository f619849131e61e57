package com.licencereminder.shared;

/**
 * Makes text safe to put in a CSV cell that a spreadsheet program will open: a cell
 * starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return
 * would be run as a formula (CSV injection), so it is prefixed with a single quote, which
 * spreadsheets show as text. Quoting of delimiters and line breaks is the CSV writer's
 * job, not this one's.
 */
public final class SpreadsheetSafe {

	private SpreadsheetSafe() {
	}

	/**
	 * The text, neutralised if a spreadsheet would read it as a formula; null stays null.
	 */
	public static String cell(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		char first = text.charAt(0);
		if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				|| first == '\uFF1D' || first == '\uFF0B' || first == '\uFF0D' || first == '\uFF20') {
			return "'" + text;
		}
		return text;
	}

}
