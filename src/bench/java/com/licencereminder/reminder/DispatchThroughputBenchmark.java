package com.licencereminder.reminder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.licencereminder.LicenceReminderApplication;
import com.licencereminder.delivery.aliyun.AliyunStandIn;
import com.licencereminder.delivery.twilio.TwilioStandIn;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.quartz.Scheduler;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Dispatch throughput against WireMock standing in for the SMS provider (Twilio, or
 * Aliyun through its SDK) with 100 ms per request, at several configured SMS rate limits;
 * prints a table on stdout. Not a test: run it with
 * {@code ./mvnw -Pthroughput-benchmark verify} (see docs/benchmarks.md, "Delivery").
 * <p>
 * Per limit: a fresh store, {@code limit × seconds} due SMS tasks ({@link DueSmsTasks}),
 * the real engine (Quartz dispatch job, claiming, delivery, rate limiter, the provider's
 * SDK) with {@code sms-per-second} = the limit, until WireMock has received every
 * message. The achieved rate is counted from WireMock's receive times over the steady
 * window: from 2 s after the first request to 1 s before the last.
 * <p>
 * System properties: {@code throughput.limits} (default {@code 10,50,200}),
 * {@code throughput.seconds} (the work per limit in seconds at the limit, default 25),
 * {@code throughput.backend} ({@code h2}: an H2 file in a temporary folder, the embedded
 * default; or {@code memory}), {@code throughput.concurrency} (default 48),
 * {@code throughput.batch-size} (default 400), {@code throughput.poll-interval} (default
 * {@code 1s}), {@code throughput.provider} ({@code twilio}, the default, or
 * {@code aliyun}: {@code SendSms} through Aliyun's SDK, routing {@code sms=aliyun}).
 */
final class DispatchThroughputBenchmark {

	private static final int LATENCY_MILLIS = 100;

	private DispatchThroughputBenchmark() {
	}

	public static void main(String[] args) {
		try {
			measure();
		}
		catch (Exception | Error ex) {
			ex.printStackTrace();
			System.exit(1);
		}
		System.exit(0);
	}

	private static void measure() throws Exception {
		int[] limits = Arrays.stream(System.getProperty("throughput.limits", "10,50,200").split(","))
			.mapToInt(limit -> Integer.parseInt(limit.strip()))
			.toArray();
		int seconds = Integer.getInteger("throughput.seconds", 25);
		String backend = System.getProperty("throughput.backend", "h2");
		int concurrency = Integer.getInteger("throughput.concurrency", 48);
		int batchSize = Integer.getInteger("throughput.batch-size", 400);
		String pollInterval = System.getProperty("throughput.poll-interval", "1s");
		String provider = System.getProperty("throughput.provider", "twilio");
		if (!provider.equals("twilio") && !provider.equals("aliyun")) {
			throw new IllegalArgumentException("throughput.provider is twilio or aliyun, not " + provider);
		}
		WireMockServer standIn = new WireMockServer(
				options().dynamicPort().bindAddress("localhost").containerThreads(4 * concurrency));
		standIn.start();
		List<String> lines = new ArrayList<>();
		Path dir = Files.createTempDirectory("licence-dispatch-benchmark-");
		try {
			for (int limit : limits) {
				standIn.resetAll();
				standIn.stubFor(post(urlPathEqualTo(TwilioStandIn.MESSAGES)).willReturn(aResponse().withStatus(201)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"sid\":\"SM0\",\"account_sid\":\"" + TwilioStandIn.SID + "\",\"status\":\"queued\"}")
					.withFixedDelay(LATENCY_MILLIS)));
				standIn.stubFor(AliyunStandIn.action("SendSms")
					.willReturn(AliyunStandIn
						.json(200,
								"{\"Code\":\"OK\",\"Message\":\"OK\",\"RequestId\":\"R1\","
										+ "\"BizId\":\"900619746936498440^0\"}")
						.withFixedDelay(LATENCY_MILLIS)));
				String store = backend.equals("memory") ? "memory" : dir.resolve("store-" + limit + ".mv").toString();
				lines.add(run(standIn, provider, limit, limit * seconds, store, concurrency, batchSize, pollInterval));
			}
		}
		finally {
			standIn.stop();
			deleteRecursively(dir);
		}
		System.out.printf(
				"%nDispatch throughput: WireMock %s %d ms, backend %s, concurrency %d, batch %d, poll %s,"
						+ " %d CPUs, Java %s%n",
				provider, LATENCY_MILLIS, backend, concurrency, batchSize, pollInterval,
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
		System.out.printf("%8s %8s %10s %10s %10s %8s %9s %9s  %s%n", "limit/s", "sent", "steady/s", "achieved",
				"overall/s", "wall s", "max gap", "deferred",
				"slowest and fastest whole second in the window | store flushes");
		lines.forEach(System.out::println);
	}

	private static String run(WireMockServer standIn, String provider, int limit, int tasks, String store,
			int concurrency, int batchSize, String pollInterval) throws Exception {
		List<String> settings = new ArrayList<>(List.of("--licence-reminder.routing.sms=" + provider,
				"--licence-reminder.aliyun.access-key-id=" + AliyunStandIn.KEY_ID,
				"--licence-reminder.aliyun.access-key-secret=benchmark-secret",
				"--licence-reminder.aliyun.sms-endpoint=localhost:" + standIn.port(),
				"--licence-reminder.aliyun.voice-endpoint=localhost:" + standIn.port(),
				"--licence-reminder.aliyun.protocol=http",
				"--licence-reminder.aliyun.sign-name=" + AliyunStandIn.SIGN_NAME,
				"--licence-reminder.aliyun.sms-template-code=" + AliyunStandIn.SMS_TEMPLATE,
				"--licence-reminder.aliyun.tts-code=" + AliyunStandIn.TTS_CODE,
				"--licence-reminder.webhooks.token=" + AliyunStandIn.WEBHOOK_TOKEN));
		settings.addAll(List.of("--licence-reminder.embedded-mongo.path=" + store, "--licence-reminder.demo-data=false",
				"--licence-reminder.security.admin.password=benchmark", "--licence-reminder.send-windows.enabled=false",
				"--licence-reminder.twilio.account-sid=" + TwilioStandIn.SID,
				"--licence-reminder.twilio.auth-token=" + TwilioStandIn.TOKEN,
				"--licence-reminder.twilio.from-number=" + TwilioStandIn.FROM,
				"--licence-reminder.twilio.api-base-url=http://localhost:" + standIn.port(),
				"--licence-reminder.public-base-url=" + TwilioStandIn.PUBLIC_BASE_URL,
				"--licence-reminder.dispatch.poll-interval=" + pollInterval,
				"--licence-reminder.dispatch.batch-size=" + batchSize,
				"--licence-reminder.dispatch.concurrency=" + concurrency,
				"--licence-reminder.delivery.resilience.sms-per-second=" + limit,
				"--licence-reminder.reminders.sweep-cron=0 0 2 1 1 ? 2099", "--spring.quartz.auto-startup=false",
				"--spring.main.banner-mode=off", "--logging.level.root=warn"));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LicenceReminderApplication.class)
			.web(WebApplicationType.NONE)
			.run(settings.toArray(String[]::new))) {
			DueSmsTasks.seed(context.getBean(MongoTemplate.class), tasks, context.getBean(Clock.class));
			long started = System.nanoTime();
			context.getBean(Scheduler.class).start();
			long deadline = started + (3L * tasks / limit + 60) * 1_000_000_000L;
			while (standIn.countRequestsMatching(RequestPattern.everything()).getCount() < tasks) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Limit " + limit + ": only "
							+ standIn.countRequestsMatching(RequestPattern.everything()).getCount() + " of " + tasks
							+ " sent in time");
				}
				Thread.sleep(100);
			}
			double wall = (System.nanoTime() - started) / 1e9;
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			double deferred = meters.counter("reminder.tasks.deferred").count();
			Timer flushes = meters.find("store.flush").timer();
			String durability = flushes == null ? "no flushes (memory)"
					: String.format("%d flushes, %.0f commits, mean %.2f ms, max %.1f ms, file %.1f MB",
							flushes.count(), meters.counter("store.flush.commits").count(),
							flushes.mean(TimeUnit.MILLISECONDS), flushes.max(TimeUnit.MILLISECONDS),
							Files.size(Path.of(store)) / 1e6);
			long[] received = standIn.getAllServeEvents()
				.stream()
				.mapToLong(event -> event.getRequest().getLoggedDate().getTime())
				.sorted()
				.toArray();
			return line(limit, received, wall, deferred) + "  | " + durability;
		}
	}

	private static String line(int limit, long[] received, double wall, double deferred) {
		long from = received[0] + 2000;
		long to = received[received.length - 1] - 1000;
		long inWindow = Arrays.stream(received).filter(at -> at >= from && at < to).count();
		double steady = inWindow * 1000.0 / (to - from);
		double overall = (received.length - 1) * 1000.0 / (received[received.length - 1] - received[0]);
		long maxGap = 0;
		for (int i = 1; i < received.length; i++) {
			maxGap = Math.max(maxGap, received[i] - received[i - 1]);
		}
		long slowest = Long.MAX_VALUE;
		long fastest = 0;
		for (long second = from; second + 1000 <= to; second += 1000) {
			long start = second;
			long count = Arrays.stream(received).filter(at -> at >= start && at < start + 1000).count();
			slowest = Math.min(slowest, count);
			fastest = Math.max(fastest, count);
		}
		return String.format("%8d %8d %10.1f %9.1f%% %10.1f %8.1f %6d ms %9.0f  %d / %d", limit, received.length,
				steady, 100 * steady / limit, overall, wall, maxGap, deferred, slowest, fastest);
	}

	private static void deleteRecursively(Path dir) throws IOException {
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
