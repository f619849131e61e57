package com.licencereminder.licence.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.importing.ImportIssue.Severity;
import com.licencereminder.licence.importing.RowNormaliser.Outcome;
import com.licencereminder.shared.EmbeddedStore;
import com.licencereminder.shared.StoreSpace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Runs one import job in two passes over the stored file.
 * <ol>
 * <li><b>Scan</b> ({@link ImportScan}): finds the header and checks every row without
 * writing anything; a malformed file fails here, so it changes nothing.</li>
 * <li><b>Write</b>: reads the file again and writes accepted rows in batches
 * ({@link LicenceWriter}); rejected rows and warnings go to the job's issues; a row
 * superseded by a later row with the same key is skipped with a warning naming both rows.
 * Each batch is written on a write-ahead thread while the next one is read and normalised
 * (at most one in flight).</li>
 * </ol>
 * Memory is flat in the file size except for the key map of the scan (one entry per
 * distinct licence).
 * <p>
 * Metrics: counter {@code imports.rows} tagged {@code outcome} ({@code accepted},
 * {@code rejected}, {@code duplicate}), counted as the write pass goes; timer
 * {@code imports.duration} tagged {@code status} ({@code COMPLETED}, {@code FAILED}) for
 * each job run.
 */
@Component
class ImportRunner {

	private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

	private static final int PROGRESS_EVERY_SCANNED_ROWS = 50_000;

	/** Failure code of a list beyond what the embedded store is for. */
	static final String BEYOND_EMBEDDED_STORE = "import.failure.beyond-embedded-store";

	/** Failure code of an import stopped because the store's disk ran low. */
	static final String DISK_LOW = "import.failure.disk-space";

	/**
	 * A running job's heartbeat is written at least this often (progress updates write it
	 * too).
	 */
	static final Duration HEARTBEAT = Duration.ofSeconds(10);

	private final MongoTemplate mongo;

	private final LicenceWriter writer;

	private final ImportProperties properties;

	private final Clock clock;

	private final ExecutorService writeAhead = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "import-write");
		thread.setDaemon(true);
		return thread;
	});

	private final MeterRegistry meters;

	private final Optional<EmbeddedStore> embedded;

	private final StoreSpace space;

	private final Counter rowsAccepted;

	private final Counter rowsRejected;

	private final Counter rowsDuplicate;

	ImportRunner(MongoTemplate mongo, LicenceWriter writer, ImportProperties properties, Clock clock,
			MeterRegistry meters, Optional<EmbeddedStore> embedded, StoreSpace space) {
		this.embedded = embedded;
		this.space = space;
		this.mongo = mongo;
		this.writer = writer;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		this.rowsAccepted = rows(meters, "accepted");
		this.rowsRejected = rows(meters, "rejected");
		this.rowsDuplicate = rows(meters, "duplicate");
	}

	private static Counter rows(MeterRegistry meters, String outcome) {
		return Counter.builder("imports.rows")
			.description("Imported data rows by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	/**
	 * Runs the job to COMPLETED or FAILED; never throws. The job is claimed first (QUEUED
	 * to RUNNING in one conditional update), so a job queued twice still runs once.
	 */
	void run(String jobId) {
		ImportJob job = mongo.findAndModify(
				Query.query(Criteria.where("_id").is(jobId).and("status").is(ImportStatus.QUEUED)),
				new Update().set("status", ImportStatus.RUNNING).set("startedAt", clock.instant()), ImportJob.class);
		if (job == null) {
			return;
		}
		Path file = Path.of(job.storedFile());
		Timer.Sample sample = Timer.start(meters);
		ImportStatus status = ImportStatus.FAILED;
		try {
			mongo.remove(Query.query(Criteria.where("importId").is(jobId)), ImportIssue.class);
			update(jobId,
					new Update().set("rowsTotal", 0)
						.set("rowsProcessed", 0)
						.set("rowsAccepted", 0)
						.set("rowsRejected", 0)
						.set("duplicates", 0)
						.set("created", 0)
						.set("updated", 0)
						.set("unchanged", 0)
						.set("renewed", 0)
						.set("warnings", 0)
						.set("messages", List.of())
						.unset("failure"));
			TableReader reader = SourceFiles.open(file);
			Instant[] beatAt = { clock.instant() };
			ImportScan scan = ImportScan.of(reader, job.licenceType(), rows -> {
				if (rows % PROGRESS_EVERY_SCANNED_ROWS == 0
						|| Duration.between(beatAt[0], clock.instant()).compareTo(HEARTBEAT) >= 0) {
					update(jobId, new Update().set("rowsTotal", rows));
					beatAt[0] = clock.instant();
				}
			});
			List<Message> messages = new ArrayList<>();
			messages.add(Message.of("import.message.format", reader.description()));
			messages.add(Message.of("import.message.header", scan.header().row()));
			if (!scan.header().ignored().isEmpty()) {
				messages.add(Message.of("import.message.ignored-columns", String.join(", ", scan.header().ignored())));
			}
			if (scan.rows() == 0) {
				messages.add(Message.of("import.message.no-data-rows"));
			}
			embedded.ifPresent(store -> fitsTheStore(scan, store.maxLicences()));
			int fileWarnings = messages.size() - 2;
			update(jobId,
					new Update().set("format", reader.description())
						.set("headerRow", scan.header().row())
						.set("rowsTotal", scan.rows())
						.set("messages", messages)
						.set("warnings", fileWarnings));
			Counters counters = write(jobId, reader, scan, job.licenceType());
			counters.warnings += fileWarnings;
			update(jobId, counters.toUpdate().set("status", ImportStatus.COMPLETED).set("finishedAt", clock.instant()));
			status = ImportStatus.COMPLETED;
			log.info("Import {} completed: {} rows, {} accepted ({} created, {} updated, {} unchanged), {} rejected",
					jobId, scan.rows(), counters.accepted, counters.created, counters.updated, counters.unchanged,
					counters.rejected);
		}
		catch (ImportFailure failure) {
			log.info("Import {} failed: {} {}", jobId, failure.code(), failure.args());
			fail(jobId, new Message(failure.code(), failure.args()));
		}
		catch (RuntimeException | IOException ex) {
			log.error("Import {} failed unexpectedly", jobId, ex);
			fail(jobId, Message.of("import.failure.internal", ex.getClass().getSimpleName() + ": " + ex.getMessage()));
		}
		finally {
			sample.stop(Timer.builder("imports.duration")
				.description("Import job run time")
				.tag("status", status.name())
				.register(meters));
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				log.warn("Could not delete the processed upload {}", file, ex);
			}
		}
	}

	/**
	 * Refuses, before anything is written, a list that would bring the embedded store
	 * past the licences it is for: those stored plus those of the list not stored yet
	 * (looked up only when the plain sum is over).
	 * @throws ImportFailure {@value #BEYOND_EMBEDDED_STORE} with the list's licences, the
	 * total it would make and the most
	 */
	private void fitsTheStore(ImportScan scan, long max) {
		Set<UUID> inList = scan.licences();
		long stored = mongo.estimatedCount(Licence.class);
		if (stored + inList.size() <= max) {
			return;
		}
		long added = inList.size() <= max ? inList.size() - writer.countStored(inList) : inList.size();
		if (stored + added > max) {
			throw new ImportFailure(BEYOND_EMBEDDED_STORE, String.valueOf(inList.size()),
					String.valueOf(stored + added), String.valueOf(max));
		}
	}

	private void fail(String jobId, Message failure) {
		update(jobId,
				new Update().set("status", ImportStatus.FAILED)
					.set("failure", failure)
					.set("finishedAt", clock.instant()));
	}

	private void update(String jobId, Update update) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(jobId)), update.set("heartbeatAt", clock.instant()),
				ImportJob.class);
	}

	/** Counts of the write pass. */
	private static final class Counters {

		private long processed;

		private long accepted;

		private long rejected;

		private long duplicates;

		private long created;

		private long updated;

		private long unchanged;

		private long renewed;

		private long warnings;

		private Update toUpdate() {
			return new Update().set("rowsProcessed", processed)
				.set("rowsAccepted", accepted)
				.set("rowsRejected", rejected)
				.set("duplicates", duplicates)
				.set("created", created)
				.set("updated", updated)
				.set("unchanged", unchanged)
				.set("renewed", renewed)
				.set("warnings", warnings);
		}

	}

	private Counters write(String jobId, TableReader reader, ImportScan scan, String suppliedType) throws IOException {
		Counters counters = new Counters();
		WriteAhead pending = new WriteAhead();
		RowNormaliser normaliser = new RowNormaliser(scan.header(), suppliedType);
		List<LicenceRow> batch = new ArrayList<>(properties.batchSize());
		List<ImportIssue> issues = new ArrayList<>();
		int headerRow = scan.header().row();
		try {
			readAndFlush(jobId, reader, scan, normaliser, batch, issues, counters, pending, headerRow);
		}
		catch (RuntimeException | IOException ex) {
			pending.awaitQuietly();
			throw ex;
		}
		flush(jobId, batch, issues, counters, pending);
		pending.await(counters);
		update(jobId, counters.toUpdate());
		return counters;
	}

	private void readAndFlush(String jobId, TableReader reader, ImportScan scan, RowNormaliser normaliser,
			List<LicenceRow> batch, List<ImportIssue> issues, Counters counters, WriteAhead pending, int headerRow)
			throws IOException {
		reader.read((row, cells) -> {
			if (row <= headerRow) {
				return true;
			}
			Outcome outcome = normaliser.normalise(row, cells);
			if (outcome instanceof Outcome.Blank) {
				return true;
			}
			counters.processed++;
			if (outcome instanceof Outcome.Rejected rejected) {
				counters.rejected++;
				rowsRejected.increment();
				rejected.errors().forEach(error -> issues.add(ImportIssue.of(jobId, Severity.ERROR, error)));
			}
			else if (outcome instanceof Outcome.Accepted accepted) {
				Integer winner = scan.lastRowOf(UUID.fromString(accepted.licence().id()));
				if (winner != null && winner != row) {
					counters.duplicates++;
					rowsDuplicate.increment();
					counters.warnings++;
					issues.add(ImportIssue.of(jobId, Severity.WARNING,
							new RowIssue(row, scan.header().name(Column.NUMBER), accepted.licence().licenceNumber(),
									"import.row.duplicate", String.valueOf(row), String.valueOf(winner))));
				}
				else {
					counters.accepted++;
					rowsAccepted.increment();
					counters.warnings += accepted.warnings().size();
					accepted.warnings()
						.forEach(warning -> issues.add(ImportIssue.of(jobId, Severity.WARNING, warning)));
					batch.add(accepted.licence());
				}
			}
			if (batch.size() >= properties.batchSize() || issues.size() >= properties.batchSize()) {
				flush(jobId, batch, issues, counters, pending);
			}
			return true;
		});
	}

	/**
	 * Hands a batch to the write-ahead thread, after the previous batch is written: the
	 * next batch is read and normalised while this one is written, and at most one batch
	 * is in flight.
	 */
	private void flush(String jobId, List<LicenceRow> batch, List<ImportIssue> issues, Counters counters,
			WriteAhead pending) {
		pending.await(counters);
		update(jobId, counters.toUpdate());
		if (space.low()) {
			StoreSpace.Reading disk = space.read();
			throw new ImportFailure(DISK_LOW, String.valueOf(counters.processed - batch.size()),
					DiskSpaceLow.readable(disk.freeBytes()), DiskSpaceLow.readable(disk.minFreeBytes()));
		}
		List<LicenceRow> rows = List.copyOf(batch);
		List<ImportIssue> reported = List.copyOf(issues);
		batch.clear();
		issues.clear();
		pending.future = writeAhead.submit(() -> {
			if (!reported.isEmpty()) {
				mongo.insert(reported, ImportIssue.class);
			}
			return writer.write(jobId, rows);
		});
	}

	/** The batch being written, if any. */
	private static final class WriteAhead {

		private Future<LicenceWriter.Result> future;

		/**
		 * Waits for the batch in flight, ignoring its outcome (the job is failing
		 * anyway).
		 */
		void awaitQuietly() {
			try {
				await(new Counters());
			}
			catch (RuntimeException ex) {
				// the original failure is what the job reports
			}
		}

		/**
		 * Waits for the batch in flight and adds its outcome to the counters; rethrows
		 * its failure.
		 */
		void await(Counters counters) {
			if (future == null) {
				return;
			}
			LicenceWriter.Result result;
			try {
				result = future.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while writing a batch", ex);
			}
			catch (ExecutionException ex) {
				throw ex.getCause() instanceof RuntimeException runtime ? runtime
						: new IllegalStateException(ex.getCause());
			}
			finally {
				future = null;
			}
			counters.created += result.created();
			counters.updated += result.updated();
			counters.unchanged += result.unchanged();
			counters.renewed += result.renewed();
		}

	}

	@PreDestroy
	void stop() {
		writeAhead.shutdown();
	}

}
