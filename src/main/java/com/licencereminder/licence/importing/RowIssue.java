package com.licencereminder.licence.importing;

import java.util.List;

/**
 * Something wrong with one cell (or row) of the file. The message is a message-bundle
 * code with arguments, rendered in the reader's language when reported.
 *
 * @param row the row number as a spreadsheet program shows it
 * @param column the column's header as written in the file, or empty for the whole row
 * @param value the cell's content (shortened when very long)
 * @param code the message code ({@code import.row.*} in {@code messages.properties})
 * @param args the message arguments
 */
record RowIssue(int row, String column, String value, String code, List<String> args) {

	static final int MAX_VALUE_LENGTH = 200;

	RowIssue {
		if (value != null && value.length() > MAX_VALUE_LENGTH) {
			value = value.substring(0, MAX_VALUE_LENGTH) + "…(" + value.length() + ")";
		}
		column = column == null ? "" : column;
		args = List.copyOf(args);
	}

	RowIssue(int row, String column, String value, String code, String... args) {
		this(row, column, value, code, List.of(args));
	}

}
