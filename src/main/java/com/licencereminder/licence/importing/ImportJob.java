package com.licencereminder.licence.importing;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One upload of a licence list and its progress. Counters are per data row (title, header
 * and blank rows are not counted):
 * {@code rowsTotal = rowsAccepted + rowsRejected + duplicates} once completed, and
 * {@code rowsAccepted = created + updated + unchanged}.
 *
 * @param id the job id
 * @param status where the job is
 * @param fileName the uploaded file's name
 * @param sizeBytes the uploaded file's size
 * @param format what was detected (format, encoding, delimiter), once scanned
 * @param licenceType the licence type the uploader supplied for files without a type
 * column, or null
 * @param submittedBy who uploaded it
 * @param storedFile where the upload waits to be processed (deleted when the job ends)
 * @param headerRow the header's row number, once found
 * @param rowsTotal data rows in the file, known after the scan
 * @param rowsProcessed data rows handled so far
 * @param rowsAccepted rows that make a licence
 * @param rowsRejected rows reported as errors
 * @param duplicates rows superseded by a later row with the same licence type and number
 * @param created licences created
 * @param updated licences changed
 * @param unchanged licences already exactly as in the row
 * @param renewed licences whose valid-until moved later (a subset of updated)
 * @param warnings row and file warnings
 * @param messages file-level notes (header found, columns ignored, ...)
 * @param failure why the job failed, when it did
 * @param submittedAt when it was uploaded
 * @param startedAt when processing started
 * @param finishedAt when it completed or failed
 * @param heartbeatAt the last progress update
 */
@Document("import_jobs")
record ImportJob(@Id String id, ImportStatus status, String fileName, long sizeBytes, String format, String licenceType,
		String submittedBy, String storedFile, Integer headerRow, long rowsTotal, long rowsProcessed, long rowsAccepted,
		long rowsRejected, long duplicates, long created, long updated, long unchanged, long renewed, long warnings,
		List<Message> messages, Message failure, Instant submittedAt, Instant startedAt, Instant finishedAt,
		Instant heartbeatAt) {

	static ImportJob queued(String id, String fileName, long sizeBytes, String licenceType, String submittedBy,
			String storedFile, Instant now) {
		return new ImportJob(id, ImportStatus.QUEUED, fileName, sizeBytes, null, licenceType, submittedBy, storedFile,
				null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), null, now, null, null, now);
	}

}
