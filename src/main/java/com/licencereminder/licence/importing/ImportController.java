package com.licencereminder.licence.importing;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.licencereminder.licence.importing.ImportIssue.Severity;
import com.licencereminder.shared.SpreadsheetSafe;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The import API: upload a list, follow its job, download its rejected rows and warnings as CSV
 * ({@code row,column,value,message}; cells neutralised against formula injection; messages in the
 * language of {@code Accept-Language}, Chinese by default; {@code ?bom=true} prefixes a UTF-8 byte
 * order mark so that Excel shows Chinese correctly).
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

	private final Imports imports;

	private final ImportJobs jobs;

	private final MongoTemplate mongo;

	private final MessageSource messages;

	ImportController(Imports imports, ImportJobs jobs, MongoTemplate mongo, MessageSource messages) {
		this.imports = imports;
		this.jobs = jobs;
		this.mongo = mongo;
		this.messages = messages;
	}

	@PostMapping(consumes = "multipart/form-data")
	ResponseEntity<ImportJobView> upload(@RequestParam("file") MultipartFile file,
			@RequestParam(name = "licenceType", required = false) String licenceType, Principal user, Locale locale)
			throws IOException {
		ImportJob job;
		try (var content = file.getInputStream()) {
			job = imports.submit(file.getOriginalFilename(), content, licenceType, user.getName());
		}
		var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(job.id()).toUri();
		return ResponseEntity.accepted().location(location).body(view(job, locale));
	}

	@GetMapping
	List<ImportJobView> recent(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			Locale locale) {
		Page<ImportJob> found = jobs.findAllByOrderBySubmittedAtDesc(PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200)));
		return found.map(job -> view(job, locale)).getContent();
	}

	@GetMapping("/{id}")
	ImportJobView status(@PathVariable String id, Locale locale) {
		return view(job(id), locale);
	}

	@GetMapping(value = "/{id}/errors", produces = "text/csv")
	void errors(@PathVariable String id, @RequestParam(defaultValue = "false") boolean bom, Locale locale,
			HttpServletResponse response) throws IOException {
		issues(job(id), Severity.ERROR, "errors", bom, locale, response);
	}

	@GetMapping(value = "/{id}/warnings", produces = "text/csv")
	void warnings(@PathVariable String id, @RequestParam(defaultValue = "false") boolean bom, Locale locale,
			HttpServletResponse response) throws IOException {
		issues(job(id), Severity.WARNING, "warnings", bom, locale, response);
	}

	private ImportJob job(String id) {
		return jobs.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No import with id " + id));
	}

	private void issues(ImportJob job, Severity severity, String kind, boolean bom, Locale locale,
			HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"import-" + job.id() + "-" + kind + ".csv\"");
		Query query = Query.query(Criteria.where("importId").is(job.id()).and("severity").is(severity))
			.with(Sort.by("row", "_id"));
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		if (bom) {
			writer.write('\uFEFF');
		}
		try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader("row", "column", "value", "message").get());
				var stream = mongo.stream(query, ImportIssue.class)) {
			for (ImportIssue issue : (Iterable<ImportIssue>) stream::iterator) {
				csv.printRecord(issue.row(), SpreadsheetSafe.cell(issue.column()), SpreadsheetSafe.cell(issue.value()),
						SpreadsheetSafe.cell(render(new Message(issue.code(), issue.args()), locale)));
			}
		}
	}

	private String render(Message message, Locale locale) {
		return message == null ? null
				: messages.getMessage(message.code(), message.args().toArray(), message.code() + " " + message.args(), locale);
	}

	private ImportJobView view(ImportJob job, Locale locale) {
		return new ImportJobView(job.id(), job.status(), job.fileName(), job.sizeBytes(), job.format(), job.licenceType(),
				job.headerRow(), job.rowsTotal(), job.rowsProcessed(), job.rowsAccepted(), job.rowsRejected(), job.duplicates(),
				job.created(), job.updated(), job.unchanged(), job.renewed(), job.warnings(),
				job.messages() == null ? List.of() : job.messages().stream().map(m -> render(m, locale)).toList(),
				render(job.failure(), locale), job.submittedBy(), job.submittedAt(), job.startedAt(), job.finishedAt());
	}

	/**
	 * An import job as the API shows it.
	 *
	 * @param warnings the number of warnings; the rows are in {@code /warnings}
	 * @param messages file-level notes in the reader's language
	 * @param failure why the job failed, in the reader's language, or null
	 */
	record ImportJobView(String id, ImportStatus status, String fileName, long sizeBytes, String format,
			String licenceType, Integer headerRow, long rowsTotal, long rowsProcessed, long rowsAccepted,
			long rowsRejected, long duplicates, long created, long updated, long unchanged, long renewed, long warnings,
			List<String> messages, String failure, String submittedBy, Instant submittedAt, Instant startedAt,
			Instant finishedAt) {
	}

}
