package com.licencereminder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.licencereminder.licence.importing.LicenceListGenerator;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.h2.mvstore.MVStore;
import org.slf4j.LoggerFactory;

/**
 * Measures a district on the embedded H2 file store as a new user meets it, and prints a
 * table on stdout. Not a test: run it with
 * {@code ./mvnw -Pbenchmark verify -Dbenchmark.main=com.licencereminder.DistrictBenchmark}
 * (see {@code docs/benchmarks.md}, "District on the file store").
 * <p>
 * The service runs as a process of its own ({@link LicenceReminderApplication}, the test
 * class path, {@code -Xmx<benchmark.service-heap>} with the image's other memory settings
 * (the serial collector, {@code MALLOC_ARENA_MAX=2}; {@code benchmark.gc} names another
 * collector's option for trials), a fresh store file, demo data off, everything else at
 * its defaults, the dispatcher and its simulator included). The benchmark uploads a
 * generated list of {@code benchmark.rows} licences ({@link LicenceListGenerator}, seed
 * 1, dated around today) to {@code /api/imports}, waits for the job to complete and for
 * planning to finish ({@code reminder_planning_queued} 0), copies the stored licences,
 * tasks and plans out as BSON, times the console pages and API lists as the administrator
 * (the pages in a session, logged in through the console's form with the cookie kept as a
 * browser does; the API lists with HTTP basic, as its clients call it, which checks the
 * password's BCrypt hash on every request), stops the service with SIGTERM and times a
 * restart on the same file until readiness is UP (skipped with
 * {@code benchmark.restart=false}). The service runs with
 * {@code -XX:+ExitOnOutOfMemoryError}, as in the container image: running out of heap
 * ends it, and the table says so in place of the figures it could not measure. A sampler
 * reads the store file's size and the service's RSS every second. Last, the raw
 * baselines: the same documents inserted with {@code insertMany}, 1000 a call, into a
 * fresh H2 file store of the same settings with the same indexes ({@code StoreServer}, a
 * process of the same heap); then, on that store, the sends of the list's lifetime
 * ({@link LifetimeSends}: {@code benchmark.sends} tasks in the order they fall due,
 * default 200,000, about a year of them; {@code all}, or 0 to skip), reporting the file's
 * size as they go. {@code benchmark.store-settings} (comma-separated {@code name=value},
 * names after {@code licence-reminder.embedded-mongo.}) changes the embedded store's
 * settings in the service and in the raw store alike; {@code benchmark.service-settings}
 * (the same form, names after {@code licence-reminder.}) the service's other settings,
 * for trials such as {@code dispatch.enabled=false}.
 */
final class DistrictBenchmark {

	private static final String USER = "admin";

	private static final String PASSWORD = "district-benchmark";

	private static final int BATCH = 1000;

	private static final List<String> PAGES = List.of("/", "/licences", "/licences?q=%s", "/deliveries", "/follow-ups",
			"/imports", "/api/licences", "/api/deliveries", "/api/follow-ups");

	private static final Pattern STORE_PORT = Pattern.compile("listening on \\S*:(\\d+)");

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern STORE_DIR = Pattern.compile("Store at (\\S+) listening");

	/**
	 * The collector options of the service and of the raw store process: the image's
	 * unless {@code benchmark.gc} gives others (space-separated, e.g.
	 * {@code -XX:+UseParallelGC}).
	 */
	private static final List<String> GC = List
		.of(System.getProperty("benchmark.gc", "-XX:+UseSerialGC").strip().split("\\s+"));

	/** Settings of the embedded store, full names, for the service and the raw store. */
	private static final List<String> STORE_SETTINGS = Stream
		.of(System.getProperty("benchmark.store-settings", "").split(","))
		.map(String::strip)
		.filter(setting -> !setting.isEmpty())
		.map(setting -> setting("licence-reminder.embedded-mongo.", setting))
		.toList();

	/** Other settings of the service, full names. */
	private static final List<String> SERVICE_SETTINGS = Stream
		.of(System.getProperty("benchmark.service-settings", "").split(","))
		.map(String::strip)
		.filter(setting -> !setting.isEmpty())
		.map(setting -> setting("licence-reminder.", setting))
		.toList();

	/**
	 * How many tasks {@link LifetimeSends} sends: by default 200,000, about a year of a
	 * district's reminders; {@code all} for every task.
	 */
	private static final long SENDS = "all".equals(System.getProperty("benchmark.sends")) ? Long.MAX_VALUE
			: Long.getLong("benchmark.sends", 200_000);

	private final int rows;

	private final String heap;

	private final Path dir;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** Keeps the session cookie of {@link #login()}, as a browser does. */
	private final HttpClient browser = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.cookieHandler(new CookieManager())
		.build();

	private final String auth = "Basic "
			+ Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

	private final Map<String, String> figures = new LinkedHashMap<>();

	private final AtomicLong peakFile = new AtomicLong();

	private final AtomicLong peakRss = new AtomicLong();

	private volatile Process service;

	private int port;

	private long importNanos;

	private long planningNanos;

	private long rawLicencesNanos;

	private long rawTasksNanos;

	private DistrictBenchmark(int rows, String heap, Path dir) {
		this.rows = rows;
		this.heap = heap;
		this.dir = dir;
		this.log = dir.resolve("service.log");
	}

	public static void main(String[] args) throws Exception {
		((Logger) LoggerFactory.getLogger("org.mongodb.driver")).setLevel(Level.WARN);
		int rows = Integer.getInteger("benchmark.rows", 100_000);
		String heap = System.getProperty("benchmark.service-heap", "768m");
		Path dir = Files.createTempDirectory("licence-district-benchmark-");
		DistrictBenchmark benchmark = new DistrictBenchmark(rows, heap, dir);
		System.out.println("Service log: " + benchmark.log);
		try {
			benchmark.run(Boolean.parseBoolean(System.getProperty("benchmark.restart", "true")));
		}
		finally {
			benchmark.print();
			if (benchmark.service != null) {
				benchmark.service.destroyForcibly().waitFor();
			}
			try (Stream<Path> paths = Files.walk(dir)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					if (!path.equals(benchmark.log) && !path.equals(dir)) {
						Files.deleteIfExists(path);
					}
				}
			}
		}
		System.exit(0);
	}

	private void run(boolean restart) throws Exception {
		Path csv = dir.resolve("district.csv");
		new LicenceListGenerator(1, LocalDate.now(ZoneId.of("Asia/Shanghai"))).writeCsv(csv, rows,
				StandardCharsets.UTF_8);
		Path store = dir.resolve("store.mv");
		Thread sampler = new Thread(() -> sample(store), "district-sampler");
		sampler.setDaemon(true);
		sampler.start();

		figure("first start until ready", seconds(start(store)));
		String storeUri = storeUri();
		long started = System.nanoTime();
		long cpu = cpuTicks();
		String job = upload(csv);
		await(Duration.ofHours(2), () -> jobStatus(job).matches("COMPLETED|FAILED"));
		long imported = System.nanoTime();
		long importCpu = cpuTicks();
		if (!"COMPLETED".equals(jobStatus(job))) {
			throw new IllegalStateException("Import failed: " + get("/api/imports/" + job));
		}
		await(Duration.ofHours(2), () -> metric("reminder_planning_queued") == 0);
		long planned = System.nanoTime();
		long plannedCpu = cpuTicks();
		importNanos = imported - started;
		planningNanos = planned - imported;
		figure("import: upload until COMPLETED", seconds(importNanos) + ticks(importCpu - cpu));
		figure("planning after the import", seconds(planningNanos) + ticks(plannedCpu - importCpu));
		figure("import + planning", seconds(planned - started) + ticks(plannedCpu - cpu));
		figure("peak store file during import + planning", megabytes(peakFile.get()));
		figure("peak RSS during import + planning", megabytes(peakRss.get()));

		long[] counts = null;
		try (MongoClient client = MongoClients.create(storeUri)) {
			MongoDatabase db = client.getDatabase("licence-reminder");
			counts = new long[] { dump(db, "licences"), dump(db, "reminder_tasks"), dump(db, "reminder_plans") };
			writeIndexes(db, "delivery_attempts");
			figure("stored", String.format("%,d licences, %,d tasks, %,d plans", counts[0], counts[1], counts[2]));
		}
		catch (RuntimeException ex) {
			figure("copying the stored documents", "failed: " + ex);
		}
		String holder = URLEncoder.encode(holder(csv), StandardCharsets.UTF_8);
		if (service.isAlive()) {
			try {
				login();
			}
			catch (Exception ex) {
				figure("console login", "failed: " + ex.getMessage());
			}
		}
		for (String page : PAGES) {
			String label = "GET " + page.formatted("<holder>");
			if (!service.isAlive()) {
				figure(label, "not measured: the service had exited");
				continue;
			}
			try {
				time(page.formatted(holder), label, page.startsWith("/api/") ? this::request : this::browse);
			}
			catch (Exception ex) {
				figure(label, "failed: " + ex);
			}
		}
		if (service.isAlive()) {
			figure("RSS after pages", megabytes(rss(service.pid())));
			long stopping = System.nanoTime();
			stop();
			figure("stop (SIGTERM) until exit", seconds(System.nanoTime() - stopping));
		}
		else {
			exited();
		}
		figure("store file at rest", megabytes(Files.size(store)));
		figure("live data in it", liveData(store));
		if (restart) {
			try {
				figure("restart until ready", seconds(start(store)));
				figure("RSS after restart", megabytes(rss(service.pid())));
				figure("store file after restart", megabytes(Files.size(store)));
				stop();
			}
			catch (RuntimeException ex) {
				figure("restart", "failed: " + ex.getMessage());
				if (!service.isAlive()) {
					exited();
				}
				else {
					stop();
				}
			}
		}
		figure("peak RSS overall", megabytes(peakRss.get()));
		if (counts != null) {
			rawInserts(counts);
		}
	}

	/** Records how the service ended, and whether it ran out of heap. */
	private void exited() throws IOException {
		boolean outOfMemory = Files.readString(log).contains("OutOfMemoryError");
		figure("service exited", "with " + service.exitValue() + (outOfMemory ? ", OutOfMemoryError in the log" : ""));
		service = null;
	}

	/**
	 * Starts the service on the store file; returns the nanoseconds until readiness UP.
	 */
	private long start(Path store) throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		long started = System.nanoTime();
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap));
		command.addAll(GC);
		command.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
				LicenceReminderApplication.class.getName(), "--server.port=" + port,
				"--licence-reminder.embedded-mongo.path=" + store, "--licence-reminder.demo-data=false",
				"--licence-reminder.imports.work-dir=" + dir.resolve("uploads"),
				"--licence-reminder.security.admin.password=" + PASSWORD));
		STORE_SETTINGS.forEach(setting -> command.add("--" + setting));
		SERVICE_SETTINGS.forEach(setting -> command.add("--" + setting));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("MALLOC_ARENA_MAX", "2");
		service = builder.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		await(Duration.ofMinutes(5), () -> {
			if (!service.isAlive()) {
				throw new IllegalStateException("The service exited with " + service.exitValue() + ": see " + log);
			}
			return status("/actuator/health/readiness") == 200;
		});
		return System.nanoTime() - started;
	}

	/**
	 * The live data in the store file as H2 counts it: the blocks in use (file fill rate)
	 * times the live share of the chunks in them (chunks fill rate).
	 */
	private static String liveData(Path store) {
		MVStore view = new MVStore.Builder().fileName(store.toString()).readOnly().open();
		try {
			int fileFill = view.getFileStore().getFillRate();
			int chunksFill = view.getFileStore().getChunksFillRate();
			long live = view.getFileStore().size() * fileFill / 100 * chunksFill / 100;
			return String.format("%s (blocks in use %d %%, live in their chunks %d %%)", megabytes(live), fileFill,
					chunksFill);
		}
		finally {
			view.close();
		}
	}

	/** SIGTERM; after two minutes without exit, SIGKILL (recorded). */
	private void stop() throws InterruptedException {
		service.destroy();
		if (!service.waitFor(2, TimeUnit.MINUTES)) {
			figure("SIGTERM", "no exit after 2 minutes: killed");
			service.destroyForcibly().waitFor();
		}
		service = null;
	}

	/** The embedded store's address, from the line the service logged. */
	private String storeUri() throws IOException {
		Matcher port = STORE_PORT.matcher(Files.readString(log));
		if (!port.find()) {
			throw new IllegalStateException("No store address in " + log);
		}
		return "mongodb://localhost:" + port.group(1);
	}

	/** Every second: the store file's size and the service's RSS, keeping the peaks. */
	private void sample(Path store) {
		while (true) {
			try {
				if (Files.exists(store)) {
					peakFile.accumulateAndGet(Files.size(store), Math::max);
				}
				Process current = service;
				if (current != null && current.isAlive()) {
					peakRss.accumulateAndGet(rss(current.pid()), Math::max);
				}
				Thread.sleep(1000);
			}
			catch (IOException ex) {
				// the process ended between the check and the read: the next second reads
				// again
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static long rss(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) << 10;
			}
		}
		throw new IOException("No VmRSS for " + pid);
	}

	/** User + system CPU time of the service, in clock ticks (1/100 s). */
	private long cpuTicks() throws IOException {
		return cpuTicks(service.pid());
	}

	private static long cpuTicks(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private String upload(Path csv) throws Exception {
		String boundary = "district" + System.nanoTime();
		byte[] head = ("--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"district.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		HttpRequest request = builder("/api/imports")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
					HttpRequest.BodyPublishers.ofFile(csv), HttpRequest.BodyPublishers.ofByteArray(tail)))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 202) {
			throw new IllegalStateException("Upload answered " + response.statusCode() + ": " + response.body());
		}
		return field(response.body(), "id");
	}

	private String jobStatus(String job) {
		return field(get("/api/imports/" + job), "status");
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		if (!matcher.find()) {
			throw new IllegalStateException("No " + name + " in " + json);
		}
		return matcher.group(1);
	}

	/** A gauge's value from {@code /actuator/prometheus}. */
	private double metric(String name) {
		for (String line : get("/actuator/prometheus").split("\n")) {
			if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
				return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		throw new IllegalStateException("No metric " + name);
	}

	/** The enterprise name of the list's first data row (after the title and header). */
	private static String holder(Path csv) throws IOException {
		try (BufferedReader reader = Files.newBufferedReader(csv)) {
			reader.readLine();
			reader.readLine();
			return reader.readLine().split(",", 2)[0].replace("\"", "");
		}
	}

	/**
	 * Two warm-up requests, then five timed; records the median and the maximum under the
	 * label.
	 */
	private void time(String path, String label, Get get) throws Exception {
		for (int i = 0; i < 2; i++) {
			get.body(path);
		}
		long[] millis = new long[5];
		for (int i = 0; i < millis.length; i++) {
			long started = System.nanoTime();
			get.body(path);
			millis[i] = (System.nanoTime() - started) / 1_000_000;
		}
		Arrays.sort(millis);
		figure(label, String.format("median %d ms, max %d ms", millis[2], millis[4]));
	}

	private String get(String path) {
		try {
			return request(path);
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("GET " + path, ex);
		}
	}

	/** A GET that answers the body of a 200. */
	private interface Get {

		String body(String path) throws IOException, InterruptedException;

	}

	/**
	 * Logs in through the console's form: the token of its CSRF field, then the form,
	 * which answers a redirect to the overview (to the form again when refused).
	 */
	private void login() throws IOException, InterruptedException {
		String form = browse("/login");
		Matcher token = CSRF_FIELD.matcher(form);
		if (!token.find()) {
			throw new IllegalStateException("No CSRF field on /login");
		}
		String fields = "username=" + USER + "&password=" + PASSWORD + "&_csrf="
				+ URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
		HttpResponse<Void> response = browser
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(fields))
				.build(), HttpResponse.BodyHandlers.discarding());
		String location = response.headers().firstValue("Location").orElse("");
		if (response.statusCode() != 302 || location.contains("/login")) {
			throw new IllegalStateException("Login answered " + response.statusCode() + " " + location);
		}
	}

	/** A GET in the session of {@link #login()}. */
	private String browse(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = browser
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.timeout(Duration.ofMinutes(2))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
		}
		return response.body();
	}

	private String request(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(builder(path).GET().build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
		}
		return response.body();
	}

	private int status(String path) {
		try {
			return http.send(builder(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private HttpRequest.Builder builder(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofMinutes(2))
			.header("Authorization", auth);
	}

	/** Polls every 200 ms until the condition holds. */
	private static void await(Duration limit, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Not done after " + limit);
			}
			Thread.sleep(200);
		}
	}

	/** Copies a collection and its index definitions to files, untimed. */
	private long dump(MongoDatabase db, String collection) throws IOException {
		long count = 0;
		try (DataOutputStream out = new DataOutputStream(
				new BufferedOutputStream(Files.newOutputStream(dir.resolve(collection + ".bson")), 1 << 16))) {
			for (RawBsonDocument document : db.getCollection(collection, RawBsonDocument.class)
				.find()
				.batchSize(BATCH)) {
				ByteBuffer bytes = document.getByteBuffer().asNIO();
				byte[] copy = new byte[bytes.remaining()];
				bytes.get(copy);
				out.write(copy);
				count++;
			}
		}
		writeIndexes(db, collection);
		return count;
	}

	/** Writes the collection's index definitions, one JSON document a line. */
	private void writeIndexes(MongoDatabase db, String collection) throws IOException {
		List<String> indexes = new ArrayList<>();
		for (Document index : db.getCollection(collection).listIndexes()) {
			indexes.add(index.toJson());
		}
		Files.write(dir.resolve(collection + ".indexes"), indexes);
	}

	/**
	 * The raw baselines in a fresh store process: the licences, then the tasks and plans,
	 * each into collections with the service's indexes.
	 */
	private void rawInserts(long[] counts) throws Exception {
		int storePort;
		try (ServerSocket socket = new ServerSocket(0)) {
			storePort = socket.getLocalPort();
		}
		Path out = dir.resolve("store-server.log");
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap));
		command.addAll(GC);
		command.add("-Dbenchmark.store-port=" + storePort);
		STORE_SETTINGS.forEach(setting -> command.add("-D" + setting));
		command.addAll(
				List.of("-cp", System.getProperty("java.class.path"), "com.licencereminder.shared.store.StoreServer"));
		Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
		try {
			await(Duration.ofMinutes(2), () -> storeDir(out) != null);
			Path storeDir = storeDir(out);
			try (MongoClient client = MongoClients.create("mongodb://localhost:" + storePort)) {
				MongoDatabase db = client.getDatabase("licence-reminder");
				long cpu = cpuTicks(server.pid());
				rawLicencesNanos = insertAll(db, "licences", counts[0]);
				figure("raw insertMany: licences", seconds(rawLicencesNanos) + ticks(cpuTicks(server.pid()) - cpu));
				cpu = cpuTicks(server.pid());
				rawTasksNanos = insertAll(db, "reminder_tasks", counts[1]) + insertAll(db, "reminder_plans", counts[2]);
				figure("raw insertMany: tasks + plans", seconds(rawTasksNanos) + ticks(cpuTicks(server.pid()) - cpu));
				figure("RSS of the raw store process", megabytes(rss(server.pid())));
				if (SENDS > 0) {
					Path file = storeDir.resolve("store.mv");
					indexed(db, "delivery_attempts");
					long sendsCpu = cpuTicks(server.pid());
					long started = System.nanoTime();
					try {
						new LifetimeSends(db, file, this::figure).run(SENDS);
						figure("lifetime sends",
								seconds(System.nanoTime() - started) + ticks(cpuTicks(server.pid()) - sendsCpu));
						server.destroyForcibly().waitFor();
						figure("lifetime sends: live data in the file", liveData(file));
					}
					catch (RuntimeException ex) {
						figure("lifetime sends", "failed: " + ex);
					}
				}
			}
		}
		finally {
			server.destroyForcibly().waitFor();
			Path storeDir = storeDir(out);
			if (storeDir != null) {
				try (Stream<Path> paths = Files.walk(storeDir)) {
					for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
						Files.deleteIfExists(path);
					}
				}
			}
		}
	}

	/**
	 * The full {@code name=value} of a {@code benchmark.store-settings} or
	 * {@code benchmark.service-settings} entry.
	 */
	private static String setting(String prefix, String setting) {
		if (setting.indexOf('=') < 1) {
			throw new IllegalArgumentException(
					"benchmark settings take name=value entries, comma-separated, was: " + setting);
		}
		return prefix + setting;
	}

	/** The folder the raw store process logged it stores its file in; null before. */
	private static Path storeDir(Path out) {
		try {
			Matcher where = STORE_DIR.matcher(Files.readString(out));
			return where.find() ? Path.of(where.group(1)) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** A collection with the indexes of the dumped one of the same name. */
	private MongoCollection<RawBsonDocument> indexed(MongoDatabase db, String name) throws IOException {
		MongoCollection<RawBsonDocument> collection = db.getCollection(name, RawBsonDocument.class);
		for (String json : Files.readAllLines(dir.resolve(name + ".indexes"))) {
			Document index = Document.parse(json);
			if (!"_id_".equals(index.getString("name"))) {
				collection.createIndex(index.get("key", Document.class),
						new IndexOptions().name(index.getString("name")).unique(index.getBoolean("unique", false)));
			}
		}
		return collection;
	}

	/**
	 * Inserts a dumped collection, {@value #BATCH} a call; returns the nanoseconds spent.
	 */
	private long insertAll(MongoDatabase db, String name, long expected) throws IOException {
		MongoCollection<RawBsonDocument> collection = indexed(db, name);
		long spent = 0;
		List<RawBsonDocument> batch = new ArrayList<>(BATCH);
		try (DataInputStream in = new DataInputStream(
				new BufferedInputStream(Files.newInputStream(dir.resolve(name + ".bson")), 1 << 16))) {
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
					spent += insertMany(collection, batch);
				}
			}
		}
		if (!batch.isEmpty()) {
			spent += insertMany(collection, batch);
		}
		if (collection.countDocuments() != expected) {
			throw new IllegalStateException(
					"Raw insert stored " + collection.countDocuments() + " " + name + ", expected " + expected);
		}
		return spent;
	}

	private static long insertMany(MongoCollection<RawBsonDocument> collection, List<RawBsonDocument> batch) {
		long started = System.nanoTime();
		collection.insertMany(batch, new InsertManyOptions().ordered(false));
		batch.clear();
		return System.nanoTime() - started;
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String seconds(long nanos) {
		return String.format("%.1f s", nanos / 1e9);
	}

	private static String ticks(long ticks) {
		return String.format(" (%.1f CPU s)", ticks / 100.0);
	}

	private static String megabytes(long bytes) {
		return String.format("%,.0f MB", bytes / 1e6);
	}

	/**
	 * Keeps a figure for the table and prints it at once, so a stopped run still reports.
	 */
	private void figure(String name, String value) {
		figures.put(name, value);
		System.out.printf("%s: %s%n", name, value);
	}

	private void print() {
		System.out.println();
		System.out.printf("District benchmark: %,d rows, service -Xmx%s, H2 file store, %d CPUs, Java %s%n", rows, heap,
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
		figures.forEach((name, value) -> System.out.printf("| %s | %s |%n", name, value));
		if (rawTasksNanos > 0) {
			System.out.printf("| import / raw licences | %.2f (goal <= 1.5) |%n",
					(double) importNanos / rawLicencesNanos);
			System.out.printf("| planning after the import / raw tasks + plans | %.2f (goal <= 1.5) |%n",
					(double) planningNanos / rawTasksNanos);
			System.out.printf("| import + planning / raw licences, tasks and plans | %.2f |%n",
					(double) (importNanos + planningNanos) / (rawLicencesNanos + rawTasksNanos));
		}
	}

}
