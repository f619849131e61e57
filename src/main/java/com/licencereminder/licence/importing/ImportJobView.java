package com.licencereminder.licence.importing;

import java.time.Instant;
import java.util.List;

/**
 * An import job as the API and the import pages show it.
 *
 * @param warnings the number of warnings; the rows are in {@code /warnings}
 * @param messages file-level notes in the reader's language
 * @param failure why the job failed, in the reader's language, or null
 */
record ImportJobView(String id, ImportStatus status, String fileName, long sizeBytes, String format, String licenceType,
		Integer headerRow, long rowsTotal, long rowsProcessed, long rowsAccepted, long rowsRejected, long duplicates,
		long created, long updated, long unchanged, long renewed, long warnings, List<String> messages, String failure,
		String submittedBy, Instant submittedAt, Instant startedAt, Instant finishedAt) {

	/** Whether the job has ended (COMPLETED or FAILED). */
	public boolean done() {
		return status == ImportStatus.COMPLETED || status == ImportStatus.FAILED;
	}

}
