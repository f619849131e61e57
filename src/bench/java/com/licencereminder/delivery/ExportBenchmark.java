package com.licencereminder.delivery;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.licencereminder.LicenceReminderApplication;
import com.licencereminder.delivery.DeliveryAttempt.StatusChange;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Measures the delivery log's exports over a generated log: the CSV export
 * ({@link DeliveryLogQuery#writeCsv}) and the XLSX one ({@link DeliveryWorkbook}), each
 * read page by page from the store as the service sends it, written to a counting sink;
 * prints rows, bytes, seconds and the peak heap of each export on stdout. Not a test: run
 * it with
 * {@code ./mvnw -Pbenchmark verify -Dbenchmark.main=com.licencereminder.delivery.ExportBenchmark -Dbenchmark.rows=1000000 -Dbenchmark.backend=h2 -Dbenchmark.heap=768m}
 * (see {@code docs/benchmarks.md}).
 * <p>
 * System properties: {@code benchmark.rows} (attempts, default 100000, about 880 bytes
 * each as BSON), {@code benchmark.backend} ({@code memory} or {@code h2}, a fresh H2 file
 * in a temporary folder), {@code benchmark.xlsx} ({@code false} skips the workbook),
 * {@code benchmark.store-uri} (a store in another process, e.g. the embedded store
 * started alone by {@code StoreServer}: the heap measured is then the service's alone, as
 * on MongoDB; the backend is not used).
 */
final class ExportBenchmark {

	private static final int BATCH = 1000;

	private static final String TEXT = "【市场监管】尊敬的经营者：您的食品经营许可证（编号JY1234567890123）将于2027年03月01日到期，"
			+ "请在到期前办理延续手续。办理地点：区政务服务中心二楼市场监管窗口，或登录政务服务网在线办理。咨询电话见通知。回复TD退订。" + "已办理请忽略。";

	private ExportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rows = Integer.getInteger("benchmark.rows", 100_000);
		String backend = System.getProperty("benchmark.backend", "h2").toLowerCase(Locale.ROOT);
		boolean xlsx = Boolean.parseBoolean(System.getProperty("benchmark.xlsx", "true"));
		Path dir = Files.createTempDirectory("licence-export-benchmark-");
		String uri = System.getProperty("benchmark.store-uri", "");
		try (ConfigurableApplicationContext context = start(backend, dir, uri)) {
			MongoTemplate mongo = context.getBean(MongoTemplate.class);
			long started = System.nanoTime();
			generate(mongo, rows);
			System.out.printf("Generated %,d attempts (%s) in %.1f s; heap max %,d MB%n", rows,
					uri.isEmpty() ? backend : uri, seconds(System.nanoTime() - started),
					Runtime.getRuntime().maxMemory() >> 20);
			DeliveryLogQuery log = context.getBean(DeliveryLogQuery.class);
			Query all = log.query(new DeliveryLogQuery.Filter(null, null, null, null, null, null, null));
			measure("CSV", rows, out -> log.writeCsv(all, new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
			if (xlsx) {
				measure("XLSX", rows, out -> {
					try (Stream<DeliveryAttempt> attempts = log.stream(all)) {
						DeliveryWorkbook.write(attempts, out, "-", Instant.now(), Clock.systemDefaultZone().getZone(),
								context.getBean(MessageSource.class), Locale.CHINA);
					}
				});
			}
		}
		finally {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
		System.exit(0);
	}

	private static ConfigurableApplicationContext start(String backend, Path dir, String uri) {
		String store = backend.equals("memory") ? "memory" : dir.resolve("store.mv").toString();
		return new SpringApplicationBuilder(LicenceReminderApplication.class).web(WebApplicationType.NONE)
			.run("--licence-reminder.demo-data=false", "--licence-reminder.dispatch.enabled=false",
					"--licence-reminder.embedded-mongo.path=" + store, "--spring.mongodb.uri=" + uri,
					"--licence-reminder.imports.work-dir=" + dir.resolve("uploads"),
					"--licence-reminder.security.admin.password=benchmark", "--spring.main.banner-mode=off",
					"--logging.level.root=warn", "--logging.level.de.bwaldvogel=error");
	}

	/** Attempts a second apart, newest last, in batches. */
	private static void generate(MongoTemplate mongo, int rows) {
		Instant first = Instant.parse("2026-01-01T00:00:00Z");
		List<DeliveryAttempt> batch = new ArrayList<>(BATCH);
		for (int n = 0; n < rows; n++) {
			Instant at = first.plusSeconds(n);
			batch.add(new DeliveryAttempt("attempt-%08d".formatted(n), "task-%08d".formatted(n), Channel.SMS, "aliyun",
					"+86138%08d".formatted(n), "某某餐饮管理有限公司第" + n + "分店", List.of("licence-%08d".formatted(n)), 30, TEXT,
					Map.of("licenceNumber", "JY1234567890123", "validUntil", "2027-03-01"), AttemptStatus.DELIVERED,
					DeliveryResult.Outcome.SENT, "provider-%08d".formatted(n), null, null, false, null,
					List.of(new StatusChange("SENT", at, null), new StatusChange("DELIVERED", at, null)), at, at));
			if (batch.size() == BATCH) {
				mongo.insertAll(batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			mongo.insertAll(batch);
		}
	}

	private static void measure(String name, int rows, Body body) throws IOException {
		Heap heap = new Heap();
		CountingSink sink = new CountingSink();
		long started = System.nanoTime();
		try (OutputStream out = new BufferedOutputStream(sink, 64 * 1024)) {
			body.writeTo(out);
		}
		long elapsed = System.nanoTime() - started;
		heap.stop();
		System.out.printf(
				"%s export: %,d rows expected, %,d lines, %,d bytes in %.1f s (%,.0f rows/s); heap before %,d MB, "
						+ "peak in use %,d MB, peak after GC %,d MB%n",
				name, rows, sink.lines, sink.bytes, seconds(elapsed), rows / seconds(elapsed), heap.before >> 20,
				heap.peak.get() >> 20, heap.live.get() >> 20);
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private interface Body {

		void writeTo(OutputStream out) throws IOException;

	}

	/** Counts bytes and line ends, keeps nothing. */
	private static final class CountingSink extends OutputStream {

		long bytes;

		long lines;

		@Override
		public void write(int b) {
			bytes++;
			if (b == '\n') {
				lines++;
			}
		}

		@Override
		public void write(byte[] data, int offset, int length) {
			bytes += length;
			for (int i = offset; i < offset + length; i++) {
				if (data[i] == '\n') {
					lines++;
				}
			}
		}

	}

	/**
	 * The heap while an export runs, sampled every 10 ms after a full GC: the peak in use
	 * (garbage included, so it grows with the heap allowed) and the peak left after a
	 * collection (the heap pools' usage after their last GC, summed), which is what the
	 * export holds.
	 */
	private static final class Heap {

		private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

		private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
			.toList();

		private final AtomicLong peak = new AtomicLong();

		private final AtomicLong live = new AtomicLong();

		private final long before;

		private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "heap-sampler");
			thread.setDaemon(true);
			return thread;
		});

		Heap() {
			System.gc();
			before = memory.getHeapMemoryUsage().getUsed();
			peak.set(before);
			live.set(afterCollection());
			sampler.scheduleAtFixedRate(() -> {
				peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				live.accumulateAndGet(afterCollection(), Math::max);
			}, 0, 10, TimeUnit.MILLISECONDS);
		}

		private long afterCollection() {
			return pools.stream().mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
		}

		void stop() {
			sampler.shutdownNow();
		}

	}

}
