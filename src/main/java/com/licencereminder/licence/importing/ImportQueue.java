package com.licencereminder.licence.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.licencereminder.licence.ImportSubmitted;
import com.licencereminder.shared.EmbeddedStore;
import com.licencereminder.shared.StoreSpace;
import jakarta.annotation.PreDestroy;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Accepts uploads and runs them, one at a time, on the import worker. An upload is stored
 * in the work folder and a QUEUED job returned at once. Interrupted jobs are run again
 * from their stored file (writes are idempotent, so a rerun converges on the same
 * licences, and it announces again the licences whose planning the interruption lost):
 * <ul>
 * <li>QUEUED jobs, at start: running one claims it (QUEUED to RUNNING), so a job queued
 * on two instances still runs once.</li>
 * <li>RUNNING jobs whose runner is gone: at start on the embedded store (only this
 * process can open it, so nobody else runs them), and on a shared MongoDB once their
 * heartbeat (written at least every {@link ImportRunner#HEARTBEAT}) is older than
 * {@link #STALE}, checked at start and every 30 seconds; the takeover is a conditional
 * update on the heartbeat seen, so one instance wins.</li>
 * </ul>
 * Jobs whose file is gone and that made no progress for a long time are failed with a
 * message to upload again. The worker is a single thread, so an instance runs imports one
 * after another; on shutdown the running import gets up to 30 seconds to finish.
 */
@Service
class ImportQueue {

	private static final Logger log = LoggerFactory.getLogger(ImportQueue.class);

	private static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

	/** A RUNNING job whose heartbeat is older than this has lost its runner. */
	static final Duration STALE = Duration.ofSeconds(60);

	private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "import-watchdog");
		thread.setDaemon(true);
		return thread;
	});

	private final boolean soleInstance;

	private final AtomicBoolean watching = new AtomicBoolean();

	private final ImportJobRepository jobs;

	private final ImportRunner importer;

	private final ThreadPoolTaskExecutor worker = new ThreadPoolTaskExecutor();

	private final ImportProperties properties;

	private final MongoTemplate mongo;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final StoreSpace space;

	ImportQueue(ImportJobRepository jobs, ImportRunner importer, ImportProperties properties, MongoTemplate mongo,
			ApplicationEventPublisher events, Clock clock, Optional<EmbeddedStore> embedded, StoreSpace space) {
		this.soleInstance = embedded.isPresent();
		this.space = space;
		this.jobs = jobs;
		this.importer = importer;
		worker.setCorePoolSize(1);
		worker.setMaxPoolSize(1);
		worker.setThreadNamePrefix("import-");
		worker.setWaitForTasksToCompleteOnShutdown(true);
		worker.setAwaitTerminationSeconds(30);
		worker.initialize();
		this.properties = properties;
		this.mongo = mongo;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Stores the upload and queues its import; publishes {@link ImportSubmitted}.
	 * @param fileName the name the uploader gave the file (for display only)
	 * @param content the file's bytes
	 * @param licenceType the licence type of every row, for lists without a type column;
	 * may be null
	 * @param submittedBy who uploads
	 * @throws DiskSpaceLow before anything is stored, while the store's disk is short of
	 * its minimum free space
	 */
	ImportJob submit(String fileName, InputStream content, String licenceType, String submittedBy) {
		StoreSpace.Reading disk = space.read();
		if (disk.low()) {
			throw new DiskSpaceLow(disk);
		}
		String id = new ObjectId().toHexString();
		Path stored = properties.workDir().resolve(id + ".upload").toAbsolutePath();
		long size;
		try {
			Files.createDirectories(stored.getParent());
			size = Files.copy(content, stored, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not store the upload", ex);
		}
		ImportJob job = jobs.insert(ImportJob.queued(id, safeName(fileName), size, blankToNull(licenceType),
				submittedBy, stored.toString(), clock.instant()));
		events.publishEvent(new ImportSubmitted(id, job.fileName(), job.licenceType(), submittedBy));
		worker.execute(() -> importer.run(id));
		return job;
	}

	Optional<ImportJob> find(String id) {
		return jobs.findById(id);
	}

	/**
	 * Runs before {@link DemoData} so that a freshly queued demo import is not taken for
	 * an interrupted one.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Order(0)
	void resumeInterrupted() {
		for (ImportJob job : jobs.findByStatusIn(List.of(ImportStatus.QUEUED, ImportStatus.RUNNING))) {
			if (job.status() == ImportStatus.QUEUED) {
				if (fileExists(job)) {
					log.info("Resuming import {} ({}), queued before a restart", job.id(), job.fileName());
					worker.execute(() -> importer.run(job.id()));
				}
				else {
					failIfAbandoned(job);
				}
			}
			else if (soleInstance) {
				takeOver(job);
			}
		}
		takeOverStale();
		if (watching.compareAndSet(false, true)) {
			watchdog.scheduleWithFixedDelay(this::takeOverStale, 30, 30, TimeUnit.SECONDS);
		}
	}

	/** Takes over RUNNING jobs whose heartbeat is older than {@link #STALE}. */
	void takeOverStale() {
		try {
			Instant stale = clock.instant().minus(STALE);
			for (ImportJob job : jobs.findByStatusIn(List.of(ImportStatus.RUNNING))) {
				if (job.heartbeatAt() == null || job.heartbeatAt().isBefore(stale)) {
					takeOver(job);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not look for interrupted imports; trying again in 30 seconds", ex);
		}
	}

	/**
	 * Runs the RUNNING job again here, if its heartbeat is still the one read (no runner
	 * moved it on meanwhile); fails it when its file is gone and it has been quiet for
	 * long.
	 */
	private void takeOver(ImportJob job) {
		if (!fileExists(job)) {
			failIfAbandoned(job);
			return;
		}
		Query unchanged = Query.query(Criteria.where("_id")
			.is(job.id())
			.and("status")
			.is(ImportStatus.RUNNING)
			.and("heartbeatAt")
			.is(job.heartbeatAt()));
		if (mongo.updateFirst(unchanged, new Update().set("status", ImportStatus.QUEUED), ImportJob.class)
			.getModifiedCount() > 0) {
			log.info("Resuming import {} ({}), interrupted (last heartbeat {})", job.id(), job.fileName(),
					job.heartbeatAt());
			worker.execute(() -> importer.run(job.id()));
		}
	}

	/**
	 * Fails a job whose file is gone once it has been quiet for {@link #ABANDONED_AFTER}.
	 */
	private void failIfAbandoned(ImportJob job) {
		if (job.heartbeatAt() == null || job.heartbeatAt().isBefore(clock.instant().minus(ABANDONED_AFTER))) {
			mongo.updateFirst(Query.query(Criteria.where("_id").is(job.id()).and("status").is(job.status())),
					new Update().set("status", ImportStatus.FAILED)
						.set("failure", Message.of("import.failure.interrupted"))
						.set("finishedAt", clock.instant()),
					ImportJob.class);
		}
	}

	private static boolean fileExists(ImportJob job) {
		return job.storedFile() != null && Files.exists(Path.of(job.storedFile()));
	}

	@PreDestroy
	void stop() {
		watchdog.shutdownNow();
		worker.shutdown();
	}

	private static String safeName(String fileName) {
		if (fileName == null || fileName.isBlank()) {
			return "upload";
		}
		String name = fileName.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "");
		return name.length() > 200 ? name.substring(0, 200) : name;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
