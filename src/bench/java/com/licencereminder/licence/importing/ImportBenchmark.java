package com.licencereminder.licence.importing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.licencereminder.LicenceReminderApplication;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicencePlanning;
import com.licencereminder.licence.importing.RowNormaliser.Outcome;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.sun.management.OperatingSystemMXBean;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.codecs.configuration.CodecRegistry;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Measures the import pipeline against a raw driver bulk insert of the same documents
 * into the same embedded store, in one JVM run, and prints a table on stdout. Not a test:
 * run it with
 * {@code ./mvnw -Pbenchmark verify -Dbenchmark.rows=200000 -Dbenchmark.backend=memory}
 * (see {@code docs/benchmarks.md}).
 * <p>
 * System properties: {@code benchmark.rows} (data rows per file, default 100000),
 * {@code benchmark.backend} ({@code memory} or {@code h2}, a fresh H2 file in a temporary
 * folder), {@code benchmark.xlsx} ({@code false} skips the XLSX phase),
 * {@code benchmark.csv-only} ({@code true} runs only the first CSV import, for lists too
 * big for the other phases in the time at hand), {@code benchmark.warmup-rows} (default
 * {@code min(rows, 20000)}).
 * <p>
 * Phases, each after a full GC and with the heap peaks reset: a warm-up (an import and a
 * raw insert of a smaller list, then everything dropped), the first CSV import into an
 * empty store, the re-import of the same CSV, the raw bulk insert into an empty store,
 * and the XLSX import of the same rows into an empty store. An import is timed from
 * {@link ImportQueue#submit} to the job being COMPLETED; every phase checks its counts
 * and fails the run when they are wrong.
 */
final class ImportBenchmark {

	static final String RAW_COLLECTION = "licences_raw_benchmark";

	private static final int RAW_BATCH = 1000;

	private static final OperatingSystemMXBean CPU = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private final int rows;

	private final String backend;

	private final Path dir;

	private final HeapWatch heap = new HeapWatch();

	private final List<Result> results = new ArrayList<>();

	private ImportBenchmark(int rows, String backend, Path dir) {
		this.rows = rows;
		this.backend = backend;
		this.dir = dir;
	}

	public static void main(String[] args) throws Exception {
		int rows = Integer.getInteger("benchmark.rows", 100_000);
		String backend = System.getProperty("benchmark.backend", "memory").toLowerCase(Locale.ROOT);
		boolean csvOnly = Boolean.parseBoolean(System.getProperty("benchmark.csv-only", "false"));
		boolean xlsx = !csvOnly && Boolean.parseBoolean(System.getProperty("benchmark.xlsx", "true"));
		int warmupRows = Integer.getInteger("benchmark.warmup-rows", Math.min(rows, 20_000));
		if (!backend.equals("memory") && !backend.equals("h2")) {
			throw new IllegalArgumentException("benchmark.backend must be memory or h2, was " + backend);
		}
		Path dir = Files.createTempDirectory("licence-import-benchmark-");
		try {
			new ImportBenchmark(rows, backend, dir).run(csvOnly, xlsx, warmupRows);
		}
		finally {
			deleteRecursively(dir);
		}
		System.exit(0);
	}

	private void run(boolean csvOnly, boolean xlsx, int warmupRows) throws Exception {
		Path csv = dir.resolve("licences.csv");
		Path xlsxFile = dir.resolve("licences.xlsx");
		Path warmup = dir.resolve("warmup.csv");
		long started = System.nanoTime();
		LicenceListGenerator generator = new LicenceListGenerator(1);
		generator.writeCsv(csv, rows, StandardCharsets.UTF_8);
		if (xlsx) {
			generator.writeXlsx(xlsxFile, rows);
		}
		new LicenceListGenerator(2).writeCsv(warmup, warmupRows, StandardCharsets.UTF_8);
		System.out.printf("Generated %,d rows: CSV %,d bytes%s in %.1f s%n", rows, Files.size(csv),
				xlsx ? String.format(", XLSX %,d bytes", Files.size(xlsxFile)) : "",
				seconds(System.nanoTime() - started));

		try (ConfigurableApplicationContext context = start()) {
			MongoTemplate mongo = context.getBean(MongoTemplate.class);
			ImportQueue imports = context.getBean(ImportQueue.class);

			TimedJob job = importFile(imports, warmup);
			check(job, warmupRows, warmupRows, 0);
			rawInsert(mongo, warmup, warmupRows);
			dropAll(mongo);

			heap.reset();
			job = importFile(imports, csv);
			check(job, rows, rows, 0);
			record("CSV import, empty store", job);
			if (csvOnly) {
				heap.stop();
				print();
				return;
			}

			heap.reset();
			job = importFile(imports, csv);
			check(job, rows, 0, rows);
			record("CSV re-import, unchanged", job);

			compareWithImported(mongo, csv);
			dropAll(mongo);

			heap.reset();
			Raw raw = rawInsert(mongo, csv, rows);
			results.add(new Result("Raw insertMany, empty store", raw.insertNanos, raw.insertCpuNanos, heap.peakUsed(),
					heap.retained(), String.format("+%.1f s parse/normalise/map untimed", seconds(raw.prepareNanos))));
			dropAll(mongo);

			if (xlsx) {
				heap.reset();
				job = importFile(imports, xlsxFile);
				check(job, rows, rows, 0);
				record("XLSX import, empty store", job);
			}
			heap.stop();
		}
		print();
	}

	private ConfigurableApplicationContext start() {
		String store = backend.equals("memory") ? "memory" : dir.resolve("store.mv").toString();
		return new SpringApplicationBuilder(LicenceReminderApplication.class).web(WebApplicationType.NONE)
			.run("--licence-reminder.demo-data=false", "--licence-reminder.dispatch.enabled=false",
					"--licence-reminder.reminders.plan-after-import=false",
					"--licence-reminder.embedded-mongo.path=" + store,
					"--licence-reminder.imports.work-dir=" + dir.resolve("uploads"),
					"--licence-reminder.security.admin.password=benchmark", "--spring.main.banner-mode=off",
					"--logging.level.root=warn", "--logging.level.de.bwaldvogel=error");
	}

	/**
	 * Submits the file as an upload and waits for its job to end: the time includes
	 * storing the upload and is at most 20 ms late.
	 */
	private static TimedJob importFile(ImportQueue imports, Path file) throws Exception {
		long started = System.nanoTime();
		String id;
		try (InputStream content = Files.newInputStream(file)) {
			id = imports.submit(file.getFileName().toString(), content, null, "benchmark").id();
		}
		while (true) {
			Thread.sleep(20);
			ImportJob job = imports.find(id).orElseThrow();
			if (job.status() == ImportStatus.COMPLETED || job.status() == ImportStatus.FAILED) {
				return new TimedJob(job, System.nanoTime() - started);
			}
		}
	}

	/** A finished job and how long it took from upload to end. */
	private record TimedJob(ImportJob job, long nanos) {
	}

	private void record(String phase, TimedJob timed) {
		ImportJob job = timed.job();
		results.add(new Result(phase, timed.nanos(), heap.cpu(), heap.peakUsed(), heap.retained(), String
			.format("created %,d, unchanged %,d, warnings %,d", job.created(), job.unchanged(), job.warnings())));
	}

	private static void check(TimedJob timed, int rows, int created, int unchanged) {
		ImportJob job = timed.job();
		if (job.status() != ImportStatus.COMPLETED || job.rowsTotal() != rows || job.rowsAccepted() != rows
				|| job.created() != created || job.unchanged() != unchanged || job.updated() != 0) {
			throw new IllegalStateException("Unexpected import result for " + rows + " rows (expected " + created
					+ " created, " + unchanged + " unchanged): " + job);
		}
	}

	/** What the raw phase measured. */
	private record Raw(long insertNanos, long insertCpuNanos, long prepareNanos) {
	}

	/**
	 * Streams the file through the import's reader and normaliser, maps each row to the
	 * {@link Licence} document the import would create, and inserts them with the
	 * driver's unordered {@code insertMany} in batches of {@value #RAW_BATCH} into a
	 * fresh collection with the indexes of {@code licences}. Only the {@code insertMany}
	 * calls are timed (wall clock, and the process's CPU time during them).
	 */
	private static Raw rawInsert(MongoTemplate mongo, Path file, int expected) throws IOException {
		MongoCollection<Document> raw = freshRawCollection(mongo);
		long[] insert = { 0, 0 };
		long started = System.nanoTime();
		Instant now = Instant.now();
		List<Document> batch = new ArrayList<>(RAW_BATCH);
		forEachLicence(file, licence -> {
			batch.add(stored(mongo, licence, now));
			if (batch.size() == RAW_BATCH) {
				insertMany(raw, batch, insert);
			}
		}, now);
		if (!batch.isEmpty()) {
			insertMany(raw, batch, insert);
		}
		long total = System.nanoTime() - started;
		long count = raw.countDocuments();
		if (count != expected) {
			throw new IllegalStateException("Raw insert stored " + count + " documents, expected " + expected);
		}
		return new Raw(insert[0], insert[1], total - insert[0]);
	}

	/**
	 * Inserts and clears the batch, adding the wall and CPU nanoseconds it took to
	 * {@code spent}.
	 */
	private static void insertMany(MongoCollection<Document> collection, List<Document> batch, long[] spent) {
		long cpu = CPU.getProcessCpuTime();
		long started = System.nanoTime();
		collection.insertMany(batch, new InsertManyOptions().ordered(false));
		spent[0] += System.nanoTime() - started;
		spent[1] += CPU.getProcessCpuTime() - cpu;
		batch.clear();
	}

	private static MongoCollection<Document> freshRawCollection(MongoTemplate mongo) {
		dropRaw(mongo);
		MongoCollection<Document> raw = mongo.getCollection(RAW_COLLECTION);
		for (Document index : mongo.getCollection(mongo.getCollectionName(Licence.class)).listIndexes()) {
			if (!"_id_".equals(index.getString("name"))) {
				raw.createIndex(index.get("key", Document.class),
						new IndexOptions().name(index.getString("name")).unique(index.getBoolean("unique", false)));
			}
		}
		return raw;
	}

	/** The licences the import would create from the file, in file order. */
	private static void forEachLicence(Path file, Consumer<Licence> action, Instant now) throws IOException {
		TableReader reader = SourceFiles.open(file);
		RowNormaliser[] normaliser = new RowNormaliser[1];
		reader.read((row, cells) -> {
			if (normaliser[0] == null) {
				Header header = Header.of(row, cells);
				if (header.isUsable(false)) {
					normaliser[0] = new RowNormaliser(header, null);
				}
				return true;
			}
			if (normaliser[0].normalise(row, cells) instanceof Outcome.Accepted accepted) {
				LicenceRow r = accepted.licence();
				action.accept(new Licence(r.id(), r.typeKey(), r.numberKey(), r.holderName(), r.uscc(), r.licenceType(),
						r.licenceNumber(), r.issuer(), r.validFrom(), r.validUntil(), r.status(), r.contact(),
						r.mobiles(), r.landlines(), r.wechatOpenId(), r.region(), 1, r.fingerprint(),
						new Licence.Source("raw", r.row()), now, now));
			}
			return true;
		});
	}

	/**
	 * The document the import stores for a new licence: the licence, marked for planning
	 * at {@code now}.
	 */
	private static Document stored(MongoTemplate mongo, Licence licence, Instant now) {
		Document document = new Document();
		mongo.getConverter().write(licence, document);
		document.put(LicencePlanning.FIELD, Date.from(now));
		return document;
	}

	/**
	 * Checks that the raw phase inserts the documents the import stored: for the first
	 * {@value #RAW_BATCH} rows, the same fields with the same values, except the import
	 * id and the timestamps (created, updated, marked for planning).
	 */
	private static void compareWithImported(MongoTemplate mongo, Path file) throws IOException {
		Map<String, Document> expected = new HashMap<>();
		Instant now = Instant.now();
		try {
			forEachLicence(file, licence -> {
				if (expected.size() == RAW_BATCH) {
					throw new StopComparing();
				}
				expected.put(licence.id(), stored(mongo, licence, now));
			}, now);
		}
		catch (StopComparing stop) {
			// enough rows
		}
		Set<String> ignored = Set.of("source", "createdAt", "updatedAt", LicencePlanning.FIELD);
		CodecRegistry codecs = mongo.getDb().getCodecRegistry();
		int compared = 0;
		for (Document found : mongo.getCollection(mongo.getCollectionName(Licence.class))
			.find(Filters.in("_id", expected.keySet()))) {
			BsonDocument stored = found.toBsonDocument(Document.class, codecs);
			BsonDocument raw = expected.get(found.getString("_id")).toBsonDocument(Document.class, codecs);
			Set<String> keys = new HashSet<>(stored.keySet());
			keys.addAll(raw.keySet());
			for (String key : keys) {
				if (!ignored.contains(key) && !Objects.equals(stored.get(key), raw.get(key))) {
					throw new IllegalStateException("Raw document differs from the imported one in " + key + ": "
							+ raw.get(key) + " vs " + stored.get(key));
				}
			}
			if (!stored.keySet().equals(raw.keySet())) {
				throw new IllegalStateException(
						"Raw document fields " + raw.keySet() + " differ from " + stored.keySet());
			}
			compared++;
		}
		if (compared != expected.size()) {
			throw new IllegalStateException("Compared " + compared + " documents, expected " + expected.size());
		}
	}

	private static final class StopComparing extends RuntimeException {

		StopComparing() {
			super(null, null, false, false);
		}

	}

	private static void dropRaw(MongoTemplate mongo) {
		if (mongo.collectionExists(RAW_COLLECTION)) {
			mongo.dropCollection(RAW_COLLECTION);
		}
	}

	private static void dropAll(MongoTemplate mongo) {
		mongo.getCollection(mongo.getCollectionName(Licence.class)).deleteMany(new Document());
		mongo.getCollection(mongo.getCollectionName(ImportJob.class)).deleteMany(new Document());
		mongo.getCollection(mongo.getCollectionName(ImportIssue.class)).deleteMany(new Document());
		dropRaw(mongo);
	}

	/**
	 * One line of the table; {@code cpuNanos} is the process's CPU time over the phase.
	 */
	private record Result(String phase, long nanos, long cpuNanos, long peakUsed, long retained, String note) {
	}

	private void print() {
		Runtime runtime = Runtime.getRuntime();
		System.out.println();
		System.out.printf("Import benchmark: %,d rows, backend %s, %d CPUs, max heap %d MB, Java %s%n", rows, backend,
				runtime.availableProcessors(), runtime.maxMemory() >> 20, System.getProperty("java.version"));
		System.out.printf("%-28s %8s %9s %8s %8s %8s  %s%n", "phase", "seconds", "rows/s", "CPU s", "peak MB",
				"kept MB", "notes");
		for (Result result : results) {
			System.out.printf("%-28s %8.2f %,9.0f %8.1f %8d %8d  %s%n", result.phase, seconds(result.nanos),
					rows / seconds(result.nanos), seconds(result.cpuNanos), result.peakUsed >> 20,
					result.retained >> 20, result.note);
		}
		long csv = results.get(0).nanos;
		System.out.println();
		if (results.size() > 2) {
			System.out.printf("CSV import / raw insert     %5.2f  (goal <= 1.5; CPU seconds %.2f)%n",
					(double) csv / results.get(2).nanos, (double) results.get(0).cpuNanos / results.get(2).cpuNanos);
			System.out.printf("re-import / first import    %5.2f  (goal <= 0.5; CPU seconds %.2f)%n",
					(double) results.get(1).nanos / csv, (double) results.get(1).cpuNanos / results.get(0).cpuNanos);
		}
		if (results.size() > 3) {
			System.out.printf("XLSX import / CSV import    %5.2f  (goal <= 2.0; CPU seconds %.2f)%n",
					(double) results.get(3).nanos / csv, (double) results.get(3).cpuNanos / results.get(0).cpuNanos);
		}
		System.out.printf(
				"every phase ran within -Xmx %d MB: peak %d MB, most retained after a phase %d MB"
						+ " (goal: 1M CSV rows in 512 MB)%n",
				runtime.maxMemory() >> 20, results.stream().mapToLong(Result::peakUsed).max().orElse(0) >> 20,
				results.stream().mapToLong(Result::retained).max().orElse(0) >> 20);
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private static void deleteRecursively(Path dir) throws IOException {
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	/**
	 * Heap use and CPU time of one phase: the peak of the heap in use, sampled every 10
	 * ms (garbage not yet collected counts, so near the maximum heap it says little), the
	 * heap retained after a full collection at its end (what the store and the
	 * application keep), and the process's CPU time, all threads (the store's included).
	 */
	static final class HeapWatch {

		private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

		private final AtomicLong peak = new AtomicLong();

		private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "heap-sampler");
			thread.setDaemon(true);
			return thread;
		});

		private long cpuAtStart;

		HeapWatch() {
			sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
					0, 10, TimeUnit.MILLISECONDS);
		}

		/** Collects garbage, then forgets the peak seen so far. */
		void reset() {
			System.gc();
			peak.set(memory.getHeapMemoryUsage().getUsed());
			cpuAtStart = CPU.getProcessCpuTime();
		}

		long cpu() {
			return CPU.getProcessCpuTime() - cpuAtStart;
		}

		long peakUsed() {
			return peak.get();
		}

		/** Collects garbage and returns the heap still in use. */
		long retained() {
			System.gc();
			return memory.getHeapMemoryUsage().getUsed();
		}

		void stop() {
			sampler.shutdownNow();
		}

	}

}
