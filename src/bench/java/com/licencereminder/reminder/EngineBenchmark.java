package com.licencereminder.reminder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.licencereminder.LicenceReminderApplication;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceStatus;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Measures the reminder engine on the embedded store and prints a table on stdout. Not a
 * test: run it with
 * {@code ./mvnw -Pbenchmark verify -Dbenchmark.main=com.licencereminder.reminder.EngineBenchmark}
 * (see {@code docs/benchmarks.md}, "Engine").
 * <p>
 * System properties: {@code benchmark.licences} (default 100000),
 * {@code benchmark.backend} ({@code memory}, or {@code h2}: a fresh H2 file in a
 * temporary folder), {@code benchmark.claims} (due tasks per claim run, default 20000),
 * {@code benchmark.batch-sizes} (claim batch sizes, default {@code 200,1000}),
 * {@code benchmark.claim-seconds} (time limit of a claim run, default 60),
 * {@code benchmark.lateness-tasks} (default 10000).
 * <p>
 * Phases, each checked by counts so that a broken run fails instead of reporting:
 * <ol>
 * <li><b>Planning</b>: N licences (validUntil spread over the next two years, every one
 * with a mobile, every second with a mini-program openid) inserted directly, then
 * {@link Planner#plan} in batches of 1000, as {@link Sweep} does; only the {@code plan}
 * calls are timed. Expect 9 tasks and 1 plan per licence with the default policy.</li>
 * <li><b>Claims among the planned tasks</b>: K due tasks added to the planned store and
 * {@link Claims#claim} called until nothing is due or the time limit is reached; claims/s
 * = tasks claimed / elapsed. Claims include digest siblings due later today, so a run can
 * claim more than was due.</li>
 * <li><b>Raw insert</b>: the task and plan documents planning stored (copied to a file as
 * BSON, then the collections emptied) inserted with the driver's unordered
 * {@code insertMany}, 1000 documents a call, into fresh collections with the same
 * indexes; only the {@code insertMany} calls are timed.</li>
 * <li><b>Claims alone</b>: K due tasks in an otherwise empty task collection, claimed
 * until exhausted.</li>
 * <li><b>Lateness</b>: a second application context with the Quartz dispatcher on, send
 * windows off and delivery's rate limits out of the way; M tasks of distinct holders (no
 * digests) all due at one instant shortly after seeding, sent through the simulator;
 * lateness is each task's {@code finishedAt - dueAt}, cross-checked with the
 * {@code reminder.lateness} timer.</li>
 * </ol>
 */
final class EngineBenchmark {

	private static final int BATCH = 1000;

	private static final String TASKS = "reminder_tasks";

	private static final String PLANS = "reminder_plans";

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private final int licences;

	private final String backend;

	private final Path dir;

	private final List<Result> results = new ArrayList<>();

	private int seeded;

	private EngineBenchmark(int licences, String backend, Path dir) {
		this.licences = licences;
		this.backend = backend;
		this.dir = dir;
	}

	public static void main(String[] args) throws Exception {
		int licences = Integer.getInteger("benchmark.licences", 100_000);
		String backend = System.getProperty("benchmark.backend", "memory").toLowerCase(Locale.ROOT);
		if (!backend.equals("memory") && !backend.equals("h2")) {
			throw new IllegalArgumentException("benchmark.backend must be memory or h2, was " + backend);
		}
		Path dir = Files.createTempDirectory("licence-engine-benchmark-");
		try {
			new EngineBenchmark(licences, backend, dir).run();
		}
		finally {
			try (Stream<Path> paths = Files.walk(dir)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
		}
		System.exit(0);
	}

	private void run() throws Exception {
		int claims = Integer.getInteger("benchmark.claims", 20_000);
		Duration claimLimit = Duration.ofSeconds(Integer.getInteger("benchmark.claim-seconds", 60));
		List<Integer> batchSizes = Stream.of(System.getProperty("benchmark.batch-sizes", "200,1000").split(","))
			.map(size -> Integer.parseInt(size.trim()))
			.toList();
		try (ConfigurableApplicationContext context = start("store.mv", false)) {
			MongoTemplate mongo = context.getBean(MongoTemplate.class);
			Planner planner = context.getBean(Planner.class);

			plan(mongo, planner, licences(Math.min(licences, 10_000), 1_000_000), null);
			emptyAll(mongo);

			plan(mongo, planner, licences(licences, 0), "Planning");
			Path tasksFile = dir.resolve("tasks.bson");
			Path plansFile = dir.resolve("plans.bson");
			long tasks = dump(mongo, TASKS, tasksFile);
			long plans = dump(mongo, PLANS, plansFile);
			for (int batchSize : batchSizes) {
				claims(context, batchSize, claims, claimLimit, "Claims among planned, batch " + batchSize);
			}
			emptyAll(mongo);
			rawInsert(mongo, tasksFile, tasks, plansFile, plans);
			for (int batchSize : batchSizes) {
				emptyAll(mongo);
				claims(context, batchSize, claims, claimLimit, "Claims alone, batch " + batchSize);
			}
		}
		try (ConfigurableApplicationContext context = start("lateness.mv", true)) {
			lateness(context, Integer.getInteger("benchmark.lateness-tasks", 10_000));
		}
		print();
	}

	private ConfigurableApplicationContext start(String file, boolean dispatch) {
		String store = backend.equals("memory") ? "memory" : dir.resolve(file).toString();
		return new SpringApplicationBuilder(LicenceReminderApplication.class).web(WebApplicationType.NONE)
			.run("--licence-reminder.demo-data=false", "--licence-reminder.embedded-mongo.path=" + store,
					"--licence-reminder.imports.work-dir=" + dir.resolve("uploads"),
					"--licence-reminder.security.admin.password=benchmark", "--spring.main.banner-mode=off",
					"--licence-reminder.dispatch.enabled=" + dispatch,
					"--licence-reminder.send-windows.enabled=" + !dispatch,
					"--licence-reminder.delivery.resilience.sms-per-second=100000",
					"--licence-reminder.delivery.resilience.mini-program-per-second=100000",
					"--licence-reminder.delivery.resilience.voice-per-second=100000", "--logging.level.root=warn",
					"--logging.level.de.bwaldvogel=error");
	}

	/**
	 * N licences of one type, expiring from tomorrow to two years ahead, each with a
	 * distinct mobile, every second with a mini-program openid, every third with a
	 * landline.
	 */
	private static List<Licence> licences(int count, int first) {
		LocalDate today = LocalDate.now(ZONE);
		Instant now = Instant.now();
		List<Licence> list = new ArrayList<>(count);
		for (int i = first; i < first + count; i++) {
			String number = "JY" + i;
			String id = Licence.idFor("食品经营许可证", number);
			list.add(new Licence(id, "食品经营许可证", number, "店" + i, null, "食品经营许可证", number, null, null,
					today.plusDays(1 + (long) (i - first) * 730 / count), LicenceStatus.VALID, "联系人" + i,
					List.of("+86139" + String.format("%08d", i)),
					i % 3 == 0 ? List.of("+86374" + String.format("%07d", i)) : List.of(),
					i % 2 == 0 ? "openid-" + i : null, null, 1, "f" + i, new Licence.Source("benchmark", i + 2), now,
					now));
		}
		return list;
	}

	/**
	 * Inserts the licences, then plans them in batches; records the timing when
	 * {@code phase} is given.
	 */
	private void plan(MongoTemplate mongo, Planner planner, List<Licence> list, String phase) {
		for (int from = 0; from < list.size(); from += BATCH) {
			mongo.bulkOps(BulkMode.UNORDERED, Licence.class)
				.insert(list.subList(from, Math.min(from + BATCH, list.size())))
				.execute();
		}
		Phase timed = Phase.begin();
		long created = 0;
		for (int from = 0; from < list.size(); from += BATCH) {
			created += planner.plan(list.subList(from, Math.min(from + BATCH, list.size())));
		}
		timed.end();
		long tasks = count(mongo, TASKS);
		long plans = count(mongo, PLANS);
		if (created != 9L * list.size() || tasks != created || plans != list.size()) {
			throw new IllegalStateException(
					"Planning " + list.size() + " licences created " + created + " tasks, stored " + tasks
							+ " tasks and " + plans + " plans; expected " + 9L * list.size() + " and " + list.size());
		}
		if (phase != null) {
			long pending = mongo.count(Query.query(Criteria.where("status").is(TaskStatus.PENDING)),
					ReminderTask.class);
			record(timed.result(phase, tasks + plans, String
				.format("%,d tasks (%,d pending) + %,d plans for %,d licences", tasks, pending, plans, list.size())));
		}
	}

	/**
	 * Copies a collection to a file as BSON, untimed; returns the number of documents.
	 */
	private static long dump(MongoTemplate mongo, String collection, Path file) throws IOException {
		long count = 0;
		try (DataOutputStream out = new DataOutputStream(
				new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
			for (RawBsonDocument document : mongo.getDb()
				.getCollection(collection, RawBsonDocument.class)
				.find()
				.batchSize(BATCH)) {
				ByteBuffer bytes = document.getByteBuffer().asNIO();
				byte[] copy = new byte[bytes.remaining()];
				bytes.get(copy);
				out.write(copy);
				count++;
			}
		}
		return count;
	}

	/**
	 * Inserts the dumped tasks and plans into fresh collections with the indexes of the
	 * originals, {@value #BATCH} documents per {@code insertMany}; only those calls are
	 * timed.
	 */
	private void rawInsert(MongoTemplate mongo, Path tasksFile, long tasks, Path plansFile, long plans)
			throws IOException {
		MongoCollection<RawBsonDocument> rawTasks = fresh(mongo, TASKS);
		MongoCollection<RawBsonDocument> rawPlans = fresh(mongo, PLANS);
		System.gc();
		long[] spent = { 0, 0 };
		double load = OS.getSystemLoadAverage();
		insertAll(rawTasks, tasksFile, spent);
		insertAll(rawPlans, plansFile, spent);
		if (rawTasks.countDocuments() != tasks || rawPlans.countDocuments() != plans) {
			throw new IllegalStateException("Raw insert stored " + rawTasks.countDocuments() + " tasks and "
					+ rawPlans.countDocuments() + " plans, expected " + tasks + " and " + plans);
		}
		record(new Result("Raw insertMany", tasks + plans, spent[0], spent[1], load, OS.getSystemLoadAverage(),
				String.format("the same %,d tasks + %,d plans, fresh collections", tasks, plans)));
		mongo.dropCollection(rawTasks.getNamespace().getCollectionName());
		mongo.dropCollection(rawPlans.getNamespace().getCollectionName());
	}

	private static MongoCollection<RawBsonDocument> fresh(MongoTemplate mongo, String original) {
		String name = original + "_raw_benchmark";
		if (mongo.collectionExists(name)) {
			mongo.dropCollection(name);
		}
		MongoCollection<RawBsonDocument> raw = mongo.getDb().getCollection(name, RawBsonDocument.class);
		for (Document index : mongo.getCollection(original).listIndexes()) {
			if (!"_id_".equals(index.getString("name"))) {
				raw.createIndex(index.get("key", Document.class),
						new IndexOptions().name(index.getString("name")).unique(index.getBoolean("unique", false)));
			}
		}
		return raw;
	}

	private static void insertAll(MongoCollection<RawBsonDocument> collection, Path file, long[] spent)
			throws IOException {
		List<RawBsonDocument> batch = new ArrayList<>(BATCH);
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
			while (true) {
				byte[] length = new byte[4];
				try {
					in.readFully(length);
				}
				catch (EOFException end) {
					break;
				}
				byte[] bytes = new byte[ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt()];
				System.arraycopy(length, 0, bytes, 0, 4);
				in.readFully(bytes, 4, bytes.length - 4);
				batch.add(new RawBsonDocument(bytes));
				if (batch.size() == BATCH) {
					insertMany(collection, batch, spent);
				}
			}
		}
		if (!batch.isEmpty()) {
			insertMany(collection, batch, spent);
		}
	}

	private static void insertMany(MongoCollection<RawBsonDocument> collection, List<RawBsonDocument> batch,
			long[] spent) {
		long cpu = OS.getProcessCpuTime();
		long started = System.nanoTime();
		collection.insertMany(batch, new InsertManyOptions().ordered(false));
		spent[0] += System.nanoTime() - started;
		spent[1] += OS.getProcessCpuTime() - cpu;
		batch.clear();
	}

	/**
	 * Adds {@code count} due tasks and claims with a dispatcher of the given batch size
	 * until nothing is due or the time limit is reached. Checks that every task was
	 * claimed once and is held by that dispatcher.
	 */
	private void claims(ConfigurableApplicationContext context, int batchSize, int count, Duration limit,
			String phase) {
		MongoTemplate mongo = context.getBean(MongoTemplate.class);
		Instant now = Instant.now();
		seedDueTasks(mongo, count, now.minusSeconds(60), false);
		long due = mongo.count(Query.query(Criteria.where("status").is(TaskStatus.PENDING).and("dueAt").lte(now)),
				ReminderTask.class);
		long inStore = count(mongo, TASKS);
		DispatchProperties base = context.getBean(DispatchProperties.class);
		Claims dispatcher = new Claims(mongo, new DispatchProperties(false, base.pollInterval(), batchSize,
				base.lease(), base.concurrency(), base.deferFor(), base.undecidedRetry()),
				context.getBean(Clock.class));
		Set<String> claimed = new HashSet<>();
		int calls = 0;
		boolean exhausted = false;
		System.gc();
		Phase timed = Phase.begin();
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			List<ReminderTask> got = dispatcher.claim(now);
			calls++;
			if (got.isEmpty()) {
				exhausted = true;
				break;
			}
			for (ReminderTask task : got) {
				if (!claimed.add(task.id())) {
					throw new IllegalStateException("Task claimed twice: " + task.id());
				}
			}
		}
		timed.end();
		long held = mongo.count(
				Query.query(Criteria.where("status").is(TaskStatus.CLAIMED).and("leaseOwner").is(dispatcher.owner())),
				ReminderTask.class);
		long left = mongo.count(Query.query(Criteria.where("status").is(TaskStatus.PENDING).and("dueAt").lte(now)),
				ReminderTask.class);
		if (held != claimed.size() || (exhausted && (claimed.size() < due || left != 0)) || claimed.isEmpty()) {
			throw new IllegalStateException(phase + ": claimed " + claimed.size() + ", held " + held + ", due " + due
					+ ", still due " + left + (exhausted ? ", exhausted" : ", stopped at the time limit"));
		}
		record(timed.result(phase, claimed.size(),
				String.format("%s: %,d of %,d due claimed in %d calls, %,d tasks in store",
						exhausted ? "exhausted" : "time limit", claimed.size(), due, calls, inStore)));
	}

	/**
	 * One licence, one active plan and one pending SMS task per index, each of a distinct
	 * holder (no digests), due at {@code dueAt}.
	 */
	private void seedDueTasks(MongoTemplate mongo, int count, Instant dueAt, boolean withLicences) {
		LocalDate until = LocalDate.now(ZONE).plusDays(30);
		Instant now = Instant.now();
		List<Licence> batchLicences = new ArrayList<>();
		List<ReminderPlan> plans = new ArrayList<>();
		List<ReminderTask> tasks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int n = 2_000_000 + seeded++;
			String number = "SEED" + n;
			String id = Licence.idFor("食品经营许可证", number);
			String mobile = "+86138" + String.format("%08d", n);
			ReminderTask task = ReminderTask.pending(id, 1, 30, ReminderChannel.SMS, dueAt, dueAt, mobile + ":SMS",
					now);
			tasks.add(task);
			if (withLicences) {
				batchLicences.add(new Licence(id, "食品经营许可证", number, "店" + n, null, "食品经营许可证", number, null, null,
						until, LicenceStatus.VALID, null, List.of(mobile), List.of(), null, null, 1, "f" + n,
						new Licence.Source("seed", i + 2), now, now));
				plans.add(new ReminderPlan(ReminderPlan.idOf(id, 1), id, 1, until, ReminderPlan.State.ACTIVE,
						List.of(task.id()), null, null, null, now));
			}
			if (tasks.size() == BATCH || i == count - 1) {
				if (withLicences) {
					mongo.bulkOps(BulkMode.UNORDERED, Licence.class).insert(batchLicences).execute();
					mongo.bulkOps(BulkMode.UNORDERED, ReminderPlan.class).insert(plans).execute();
				}
				mongo.bulkOps(BulkMode.UNORDERED, ReminderTask.class).insert(tasks).execute();
				batchLicences.clear();
				plans.clear();
				tasks.clear();
			}
		}
	}

	/**
	 * Seeds the tasks due at one instant after seeding, waits until the Quartz dispatcher
	 * has sent them all through the simulator, and records the lateness percentiles.
	 */
	private void lateness(ConfigurableApplicationContext context, int count) throws InterruptedException {
		MongoTemplate mongo = context.getBean(MongoTemplate.class);
		DispatchProperties properties = context.getBean(DispatchProperties.class);
		Instant dueAt = Instant.now().plusSeconds(Integer.getInteger("benchmark.lateness-lead", 20));
		seedDueTasks(mongo, count, dueAt, true);
		if (!Instant.now().isBefore(dueAt)) {
			throw new IllegalStateException("Seeding took longer than the lead: raise benchmark.lateness-lead");
		}
		Thread.sleep(Duration.between(Instant.now(), dueAt).toMillis());
		Counter commits = context.getBean(MeterRegistry.class).find("store.flush.commits").counter();
		double commitsBefore = commits == null ? 0 : commits.count();
		Phase timed = Phase.begin();
		long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
		Query sent = Query.query(Criteria.where("status").is(TaskStatus.SENT));
		while (mongo.count(sent, ReminderTask.class) < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Not all tasks sent after 15 minutes: " + mongo.count(sent, ReminderTask.class));
			}
			Thread.sleep(500);
		}
		timed.end();
		List<ReminderTask> tasks = mongo.find(sent, ReminderTask.class);
		long[] millis = tasks.stream()
			.mapToLong(task -> Duration.between(task.dueAt(), task.finishedAt()).toMillis())
			.sorted()
			.toArray();
		long attempts = mongo.getCollection("delivery_attempts").countDocuments();
		Timer timer = context.getBean(MeterRegistry.class).get("reminder.lateness").timer();
		if (tasks.size() != count || count(mongo, TASKS) != count || attempts != count || timer.count() != count) {
			throw new IllegalStateException("Lateness run: " + tasks.size() + " sent of " + count(mongo, TASKS) + ", "
					+ attempts + " delivery attempts, timer count " + timer.count() + ", expected " + count);
		}
		Instant last = tasks.stream().map(ReminderTask::finishedAt).max(Comparator.naturalOrder()).orElseThrow();
		record(timed.result("Lateness, Quartz + simulator", count, String.format(
				"min %.1f s, p50 %.1f s, p95 %.1f s, p99 %.1f s, max %.1f s (timer max %.1f s); last sent %.1f s after due; poll %s, batch %d, concurrency %d; %s",
				millis[0] / 1e3, percentile(millis, 50) / 1e3, percentile(millis, 95) / 1e3,
				percentile(millis, 99) / 1e3, millis[millis.length - 1] / 1e3, timer.max(TimeUnit.SECONDS),
				Duration.between(dueAt, last).toMillis() / 1e3, properties.pollInterval(), properties.batchSize(),
				properties.concurrency(), commits == null ? "no store commits (memory)"
						: String.format("%,.0f store commits", commits.count() - commitsBefore))));
	}

	private static long percentile(long[] sorted, int p) {
		return sorted[(int) Math.ceil(p / 100.0 * sorted.length) - 1];
	}

	private static long count(MongoTemplate mongo, String collection) {
		return mongo.getCollection(collection).countDocuments();
	}

	private static void emptyAll(MongoTemplate mongo) {
		for (String collection : List.of(TASKS, PLANS, "licences", "follow_ups")) {
			mongo.getCollection(collection).deleteMany(new Document());
		}
	}

	/** Wall clock, process CPU time and load average over a phase. */
	private static final class Phase {

		private final long started = System.nanoTime();

		private final long cpu = OS.getProcessCpuTime();

		private final double load = OS.getSystemLoadAverage();

		private long nanos;

		private long cpuNanos;

		static Phase begin() {
			return new Phase();
		}

		void end() {
			nanos = System.nanoTime() - started;
			cpuNanos = OS.getProcessCpuTime() - cpu;
		}

		Result result(String phase, long items, String note) {
			return new Result(phase, items, nanos, cpuNanos, load, OS.getSystemLoadAverage(), note);
		}

	}

	/** One line of the table. */
	private record Result(String phase, long items, long nanos, long cpuNanos, double loadBefore, double loadAfter,
			String note) {
	}

	/**
	 * Keeps the result for the table and prints it at once, so a run stopped early still
	 * reports.
	 */
	private void record(Result result) {
		results.add(result);
		System.out.printf("%s: %,d in %.2f s, %.1f CPU s, load %.1f→%.1f; %s%n", result.phase, result.items,
				result.nanos / 1e9, result.cpuNanos / 1e9, result.loadBefore, result.loadAfter, result.note);
	}

	private void print() {
		Runtime runtime = Runtime.getRuntime();
		System.out.println();
		System.out.printf("Engine benchmark: %,d licences, backend %s, %d CPUs, max heap %d MB, Java %s%n", licences,
				backend, runtime.availableProcessors(), runtime.maxMemory() >> 20, System.getProperty("java.version"));
		System.out.printf("%-34s %10s %8s %10s %7s %9s  %s%n", "phase", "documents", "seconds", "per s", "CPU s",
				"load", "notes");
		for (Result result : results) {
			System.out.printf("%-34s %,10d %8.2f %,10.0f %7.1f %4.1f→%-4.1f  %s%n", result.phase, result.items,
					result.nanos / 1e9, result.items / (result.nanos / 1e9), result.cpuNanos / 1e9, result.loadBefore,
					result.loadAfter, result.note);
		}
		Result planning = results.get(0);
		Result raw = results.stream().filter(result -> result.phase.startsWith("Raw")).findFirst().orElseThrow();
		System.out.println();
		System.out.printf("planning / raw insert  %5.2f  (goal <= 1.5; CPU seconds %.2f)%n",
				(double) planning.nanos / raw.nanos, (double) planning.cpuNanos / raw.cpuNanos);
	}

}
