package com.licencereminder.licence.importing;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Locale;

import com.licencereminder.licence.importing.ImportIssue.Severity;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
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
 * The import API: upload a list, follow its job, download its rejected rows and warnings
 * as CSV ({@code row,column,value,message}; cells neutralised against formula injection;
 * messages in the language of {@code Accept-Language}, Chinese by default;
 * {@code ?bom=true} prefixes a UTF-8 byte order mark so that Excel shows Chinese
 * correctly).
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

	private final ImportQueue imports;

	private final ImportJobRepository jobs;

	private final ImportReports reports;

	ImportController(ImportQueue imports, ImportJobRepository jobs, ImportReports reports) {
		this.imports = imports;
		this.jobs = jobs;
		this.reports = reports;
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
		return ResponseEntity.accepted().location(location).body(reports.view(job, locale));
	}

	@GetMapping
	List<ImportJobView> recent(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			Locale locale) {
		Page<ImportJob> found = jobs
			.findAllByOrderBySubmittedAtDesc(PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200)));
		return found.map(job -> reports.view(job, locale)).getContent();
	}

	@GetMapping("/{id}")
	ImportJobView status(@PathVariable String id, Locale locale) {
		return reports.view(job(id), locale);
	}

	@GetMapping(value = "/{id}/errors", produces = "text/csv")
	void errors(@PathVariable String id, @RequestParam(defaultValue = "false") boolean bom, Locale locale,
			HttpServletResponse response) throws IOException {
		reports.writeCsv(job(id), Severity.ERROR, "errors", bom, locale, response);
	}

	@GetMapping(value = "/{id}/warnings", produces = "text/csv")
	void warnings(@PathVariable String id, @RequestParam(defaultValue = "false") boolean bom, Locale locale,
			HttpServletResponse response) throws IOException {
		reports.writeCsv(job(id), Severity.WARNING, "warnings", bom, locale, response);
	}

	private ImportJob job(String id) {
		return jobs.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No import with id " + id));
	}

}
