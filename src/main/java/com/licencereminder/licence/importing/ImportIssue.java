package com.licencereminder.licence.importing;

import java.util.List;

import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A reported row: an error (the row was rejected) or a warning (accepted, but look at
 * it).
 *
 * @param id generated; ascending in insertion order
 * @param importId the import job
 * @param severity error or warning
 * @param row the row number as a spreadsheet program shows it
 * @param column the column header as written in the file
 * @param value the cell content (shortened when long)
 * @param code the message code
 * @param args the message arguments
 */
@Document("import_issues")
record ImportIssue(@Id ObjectId id, String importId, Severity severity, int row, String column, String value,
		String code, List<String> args) {

	static ImportIssue of(String importId, Severity severity, RowIssue issue) {
		return new ImportIssue(null, importId, severity, issue.row(), issue.column(), issue.value(), issue.code(),
				issue.args());
	}

	/** How serious an issue is. */
	enum Severity {

		/** The row was rejected. */
		ERROR,

		/** The row was accepted; something in it needs a look. */
		WARNING

	}

}
