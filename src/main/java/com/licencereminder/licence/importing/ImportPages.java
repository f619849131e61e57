package com.licencereminder.licence.importing;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Clock;
import java.util.Locale;

import com.licencereminder.console.ConsolePage;
import com.licencereminder.licence.importing.ImportIssue.Severity;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The import pages: upload a list and see the history of imports ({@code /imports}),
 * follow one job ({@code /imports/{id}}, polled through {@code /imports/{id}/progress}),
 * and download its rejected rows and warnings as CSV. Uploads go through
 * {@link ImportQueue} exactly as the API's do. A file that its first bytes show cannot be
 * imported (empty, an old .xls workbook, binary) is refused on the upload page; a file
 * over the upload limit is answered with 413 and the upload page saying so
 * ({@link OversizeUploads}).
 */
@Controller
@ConsolePage
class ImportPages {

	static final int PAGE_SIZE = 20;

	/** How many rejected rows the job page lists; the CSV has them all. */
	static final int ERRORS_SHOWN = 200;

	private final ImportQueue imports;

	private final ImportJobRepository jobs;

	private final ImportReports reports;

	private final ImportProperties properties;

	private final Clock clock;

	ImportPages(ImportQueue imports, ImportJobRepository jobs, ImportReports reports, ImportProperties properties,
			Clock clock) {
		this.imports = imports;
		this.jobs = jobs;
		this.reports = reports;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The upload form and the history; with status 413 and the reason after an upload
	 * over the limit ({@link OversizeUploads}).
	 */
	@GetMapping("/imports")
	String imports(@RequestParam(defaultValue = "0") int page,
			@RequestAttribute(name = OversizeUploads.TOO_LARGE, required = false) Boolean tooLarge, Locale locale,
			Model model, HttpServletResponse response) {
		Page<ImportJob> found = jobs.findAllByOrderBySubmittedAtDesc(PageRequest.of(Math.max(page, 0), PAGE_SIZE));
		model.addAttribute("jobs", found.map(job -> reports.view(job, locale)));
		model.addAttribute("maxFileSize", readable(properties.maxFileSize()));
		model.addAttribute("maxFileBytes", properties.maxFileSize().toBytes());
		model.addAttribute("zone", clock.getZone());
		if (Boolean.TRUE.equals(tooLarge)) {
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			model.addAttribute("error", reports.render(Message.of("upload.too-large"), locale));
		}
		return "licence/imports";
	}

	@PostMapping("/imports")
	String upload(@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) String licenceType, Principal user, Locale locale,
			RedirectAttributes redirect) throws IOException {
		if (file == null || file.isEmpty()) {
			return refused(new ImportFailure("import.failure.empty"), locale, redirect);
		}
		try (InputStream head = file.getInputStream()) {
			SourceFiles.checkHead(head.readNBytes(SourceFiles.SNIFF_BYTES));
		}
		catch (ImportFailure failure) {
			return refused(failure, locale, redirect);
		}
		ImportJob job;
		try (InputStream content = file.getInputStream()) {
			job = imports.submit(file.getOriginalFilename(), content, licenceType, user.getName());
		}
		catch (DiskSpaceLow low) {
			return refused(new ImportFailure(DiskSpaceLow.CODE, low.args(), low), locale, redirect);
		}
		return "redirect:/imports/" + job.id();
	}

	@GetMapping("/imports/{id}")
	String job(@PathVariable String id, Locale locale, Model model) {
		ImportJobView job = reports.view(find(id), locale);
		model.addAttribute("job", job);
		model.addAttribute("progress", progress(job, locale));
		model.addAttribute("errors", reports.issues(id, Severity.ERROR, ERRORS_SHOWN, locale));
		model.addAttribute("errorCount", reports.countIssues(id, Severity.ERROR));
		model.addAttribute("zone", clock.getZone());
		return "licence/import";
	}

	/** The job's status and row counts, for the progress bar. */
	@GetMapping(value = "/imports/{id}/progress", produces = "application/json")
	@ResponseBody
	Progress progress(@PathVariable String id, Locale locale) {
		return progress(reports.view(find(id), locale), locale);
	}

	private Progress progress(ImportJobView job, Locale locale) {
		boolean scanned = job.format() != null;
		String phase = switch (job.status()) {
			case QUEUED -> "queued";
			case RUNNING -> scanned ? "writing" : "scanning";
			case COMPLETED -> "completed";
			case FAILED -> "failed";
		};
		Long total = scanned ? job.rowsTotal() : null;
		int percent = job.done() ? 100
				: total == null || total == 0 ? 0 : (int) Math.min(99, job.rowsProcessed() * 100 / total);
		return new Progress(job.status(), reports.render(Message.of("licence.import.status." + job.status()), locale),
				phase,
				reports.render(Message.of("licence.import.phase." + phase, job.rowsTotal(), job.rowsProcessed(),
						total == null ? "?" : total), locale),
				job.rowsTotal(), job.rowsProcessed(), total, percent, job.done());
	}

	/**
	 * The rejected rows as CSV, with a byte order mark unless {@code bom=false} (Excel
	 * needs it for Chinese).
	 */
	@GetMapping("/imports/{id}/errors")
	void errors(@PathVariable String id, @RequestParam(defaultValue = "true") boolean bom, Locale locale,
			HttpServletResponse response) throws IOException {
		reports.writeCsv(find(id), Severity.ERROR, "errors", bom, locale, response);
	}

	/** The warnings as CSV, with a byte order mark unless {@code bom=false}. */
	@GetMapping("/imports/{id}/warnings")
	void warnings(@PathVariable String id, @RequestParam(defaultValue = "true") boolean bom, Locale locale,
			HttpServletResponse response) throws IOException {
		reports.writeCsv(find(id), Severity.WARNING, "warnings", bom, locale, response);
	}

	private String refused(ImportFailure failure, Locale locale, RedirectAttributes redirect) {
		redirect.addFlashAttribute("error", reports.render(new Message(failure.code(), failure.args()), locale));
		return "redirect:/imports";
	}

	private ImportJob find(String id) {
		return jobs.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** {@code 100 MB}, {@code 512 KB}: the limit as people read it. */
	static String readable(DataSize size) {
		if (size.toMegabytes() >= 1) {
			return size.toMegabytes() + " MB";
		}
		return Math.max(size.toKilobytes(), 1) + " KB";
	}

	/**
	 * Where a job is, for the progress bar. While the file is scanned the total is not
	 * known yet: {@code rowsScanned} grows (the importer reports it every 50,000 rows)
	 * and {@code rowsTotal} is null; once the scan ends the rows are written batch by
	 * batch and {@code rowsWritten} counts them up to {@code rowsTotal}.
	 *
	 * @param status QUEUED, RUNNING, COMPLETED or FAILED
	 * @param statusLabel the status in the reader's language
	 * @param phase {@code queued}, {@code scanning}, {@code writing}, {@code completed}
	 * or {@code failed}
	 * @param label where the job is, with its row counts, in the reader's language
	 * @param rowsScanned data rows checked by the scan so far
	 * @param rowsWritten data rows handled by the write pass so far
	 * @param rowsTotal data rows in the file, once known
	 * @param percent 0 to 100 (100 once the job has ended, failed or not)
	 * @param done whether the job has ended
	 */
	record Progress(ImportStatus status, String statusLabel, String phase, String label, long rowsScanned,
			long rowsWritten, Long rowsTotal, int percent, boolean done) {
	}

}
