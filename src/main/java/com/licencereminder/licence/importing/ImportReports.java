package com.licencereminder.licence.importing;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import com.licencereminder.licence.importing.ImportIssue.Severity;
import com.licencereminder.shared.CsvExport;
import com.licencereminder.shared.Downloads;
import com.licencereminder.shared.KeysetReads;
import com.licencereminder.shared.SpreadsheetSafe;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What the import API and the import pages show of a job: the job in the reader's
 * language, its reported rows, and the CSV reports ({@code row,column,value,message};
 * every cell neutralised against formula injection by {@link SpreadsheetSafe}).
 */
@Component
class ImportReports {

	private final MongoTemplate mongo;

	private final MessageSource messages;

	private final KeysetReads<ImportIssue> byRow;

	ImportReports(MongoTemplate mongo, MessageSource messages) {
		this.mongo = mongo;
		this.messages = messages;
		this.byRow = new KeysetReads<>(mongo, ImportIssue.class, "row", Direction.ASC, Integer.MIN_VALUE,
				ImportIssue::row, ImportIssue::id, 500);
	}

	/** The job with its notes and failure rendered in the given language. */
	ImportJobView view(ImportJob job, Locale locale) {
		return new ImportJobView(job.id(), job.status(), job.fileName(), job.sizeBytes(), job.format(),
				job.licenceType(), job.headerRow(), job.rowsTotal(), job.rowsProcessed(), job.rowsAccepted(),
				job.rowsRejected(), job.duplicates(), job.created(), job.updated(), job.unchanged(), job.renewed(),
				job.warnings(),
				job.messages() == null ? List.of() : job.messages().stream().map(m -> render(m, locale)).toList(),
				render(job.failure(), locale), job.submittedBy(), job.submittedAt(), job.startedAt(), job.finishedAt());
	}

	/** A message in the given language; null for null. */
	String render(Message message, Locale locale) {
		return message == null ? null : messages.getMessage(message.code(), message.args().toArray(),
				message.code() + " " + message.args(), locale);
	}

	/** The first {@code limit} reported rows of a severity, by row number. */
	List<IssueView> issues(String jobId, Severity severity, int limit, Locale locale) {
		return mongo.find(issueQuery(jobId, severity).limit(limit), ImportIssue.class)
			.stream()
			.map(issue -> new IssueView(issue.row(), issue.column(), issue.value(),
					render(new Message(issue.code(), issue.args()), locale)))
			.toList();
	}

	/**
	 * How many rows of a severity were reported (a rejected row may have several errors).
	 */
	long countIssues(String jobId, Severity severity) {
		return mongo.count(Query.query(Criteria.where("importId").is(jobId).and("severity").is(severity)),
				ImportIssue.class);
	}

	/**
	 * Streams the reported rows of a severity as a CSV attachment, read by row 500 at a
	 * time ({@link KeysetReads}); a failure part-way aborts it ({@link Downloads}).
	 * @param kind names the file ({@code errors}, {@code warnings})
	 * @param bom whether to start with a UTF-8 byte order mark (for Excel)
	 */
	void writeCsv(ImportJob job, Severity severity, String kind, boolean bom, Locale locale,
			HttpServletResponse response) throws IOException {
		Downloads.send(response, "text/csv;charset=UTF-8",
				"attachment; filename=\"import-" + job.id() + "-" + kind + ".csv\"",
				out -> CsvExport.write(byRow.stream(issueQuery(job.id(), severity)),
						new OutputStreamWriter(out, StandardCharsets.UTF_8), bom,
						List.of("row", "column", "value", "message"),
						(csv, issue) -> csv.printRecord(issue.row(), SpreadsheetSafe.cell(issue.column()),
								SpreadsheetSafe.cell(issue.value()),
								SpreadsheetSafe.cell(render(new Message(issue.code(), issue.args()), locale)))));
	}

	private static Query issueQuery(String jobId, Severity severity) {
		return Query.query(Criteria.where("importId").is(jobId).and("severity").is(severity))
			.with(Sort.by("row", "_id"));
	}

	/**
	 * A reported row as the import page lists it; {@code message} in the reader's
	 * language.
	 */
	record IssueView(int row, String column, String value, String message) {
	}

}
