package com.licencereminder.reminder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.licencereminder.delivery.twilio.TwilioStandIn;
import com.licencereminder.licence.Licence;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.licencereminder.shared.store.TestStores;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher crash test (docs/benchmarks.md): a separate JVM ({@link DispatchNode})
 * on an H2 file store dispatches {@value #TASKS} due SMS reminders to WireMock standing
 * in for Twilio (50 ms per request); when about half have reached WireMock it is killed
 * with SIGKILL ({@code kill -9}); a new JVM on the same file finishes the work.
 * WireMock's request journal, counted per {@code To} (every task has its own number), is
 * the truth about what was sent. The store is read only while no node runs: right after
 * the kill (what survived) and at the end.
 * <p>
 * Asserted: every task ends SENT and every recipient got a text (nothing lost); nothing
 * the store had forgotten at the kill was sent (delivery makes its claim durable before
 * calling the provider, {@code StoreDurability}); only sends in flight at the kill repeat
 * (tasks SENDING whose delivery reference has no recorded send: at most the concurrency;
 * the dispatcher marks a batch's sent tasks SENT when the batch ends, and a takeover of
 * one whose send is recorded sends nothing), so there are no more duplicates than sends
 * in flight; those sends, and no others, are flagged as possible duplicates on the task,
 * and every repeat is flagged in the delivery log and by a takeover line in the restarted
 * node's log. The counts are printed. Runs for a few minutes, so only with
 * {@code ./mvnw -Pcrash-test verify} (see docs/benchmarks.md, "Delivery").
 */
@EnabledIfSystemProperty(named = "crash-test", matches = "true",
		disabledReason = "about four minutes: ./mvnw -Pcrash-test verify")
class DispatcherCrashTests {

	static final int TASKS = Integer.getInteger("crash-test.tasks", 10_000);

	static final int CONCURRENCY = 16;

	static final String TAKEOVER_LOG_LINE = "flagged as a possible duplicate";

	@TempDir
	Path dir;

	WireMockServer twilio;

	@BeforeEach
	void startTwilio() {
		twilio = new WireMockServer(options().dynamicPort().bindAddress("localhost").containerThreads(4 * CONCURRENCY));
		twilio.start();
		twilio.stubFor(post(urlPathEqualTo(TwilioStandIn.MESSAGES)).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"sid\":\"SM0\",\"account_sid\":\"" + TwilioStandIn.SID + "\",\"status\":\"queued\"}")
			.withFixedDelay(50)));
	}

	@AfterEach
	void stopTwilio() {
		twilio.stop();
	}

	@Test
	void aKilledDispatcherLosesNoReminderAndRepeatsOnlySendsInFlightFlagged() throws Exception {
		Path store = dir.resolve("store.mv");
		long started = System.nanoTime();
		Process first = node(store, TASKS, false, dir.resolve("first.log"));
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(10))
			.failFast(() -> assertThat(first.isAlive())
				.as("first node alive; its log: %s", tail(dir.resolve("first.log")))
				.isTrue())
			.until(() -> received() >= TASKS / 2);
		first.destroyForcibly();
		assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
		Thread.sleep(200);
		long receivedAtKill = received();
		Map<String, Integer> requestsAtKill = requestsPerRecipient();
		Snapshot atKill = snapshot(store);

		long restarted = System.nanoTime();
		Process second = node(store, 0, true, dir.resolve("second.log"));
		assertThat(second.waitFor(10, TimeUnit.MINUTES)).as("the restarted node finished").isTrue();
		assertThat(second.exitValue()).as("second node; its log: %s", tail(dir.resolve("second.log"))).isZero();
		Duration total = Duration.ofNanos(System.nanoTime() - started);
		Snapshot end = snapshot(store);
		Map<String, Integer> requests = requestsPerRecipient();

		Set<String> duplicates = requests.entrySet()
			.stream()
			.filter(e -> e.getValue() > 1)
			.map(Map.Entry::getKey)
			.collect(Collectors.toCollection(TreeSet::new));
		Set<String> inFlight = atKill.inFlight();
		Set<String> awaitingRecord = atKill.recipientsIn(TaskStatus.SENDING);
		awaitingRecord.removeAll(inFlight);
		Set<String> forgotten = requestsAtKill.keySet()
			.stream()
			.filter(recipient -> atKill.taskOf(recipient).getString("status").equals(TaskStatus.CLAIMED.name())
					|| atKill.taskOf(recipient).getString("status").equals(TaskStatus.PENDING.name()))
			.collect(Collectors.toCollection(TreeSet::new));
		System.out.printf("%nCrash test: %,d SMS reminders, WireMock Twilio 50 ms, dispatch concurrency %d%n", TASKS,
				CONCURRENCY);
		System.out.printf("  killed after %.1f s with %,d requests received; store after the kill: %s%n",
				seconds(restarted - started), receivedAtKill, atKill.statuses());
		System.out
			.printf("  in flight at the kill (SENDING, no send recorded for the reference): %d; SENDING with the send"
					+ " recorded (awaiting the batch's record): %d, of them on the attempt only: %d; sent but the store's"
					+ " last commit has them CLAIMED or PENDING: %d%n", inFlight.size(), awaitingRecord.size(),
					atKill.sentOnTheAttemptOnly(), forgotten.size());
		System.out.printf(
				"  end: %s; %,d requests for %,d recipients; duplicates %d, of them in flight %d, forgotten by the store %d;"
						+ " tasks flagged %d, attempts flagged %d, takeover log lines %d; total %.1f s, restart to done %.1f s%n",
				end.statuses(), requests.values().stream().mapToInt(Integer::intValue).sum(), requests.size(),
				duplicates.size(), duplicates.stream().filter(inFlight::contains).count(),
				duplicates.stream().filter(forgotten::contains).count(), end.flaggedTasks().size(),
				end.flaggedAttempts().size(), linesWith(dir.resolve("second.log"), TAKEOVER_LOG_LINE).size(),
				total.toMillis() / 1000.0, seconds(System.nanoTime() - restarted));

		assertThat(end.statuses()).as("every reminder sent").isEqualTo(Map.of(TaskStatus.SENT.name(), (long) TASKS));
		assertThat(requests).as("every recipient got a request").hasSize(TASKS);
		assertThat(requests.values()).as("no recipient got more than two").allMatch(count -> count <= 2);
		assertThat(inFlight.size()).as("in flight at most the concurrency").isLessThanOrEqualTo(CONCURRENCY);
		assertThat(forgotten).as("nothing sent that the store had forgotten at the kill").isEmpty();
		assertThat(inFlight).as("only sends in flight repeat").containsAll(duplicates);
		for (String recipient : inFlight) {
			assertThat(end.taskOf(recipient).getBoolean("possibleDuplicate", false)).as("task of %s flagged", recipient)
				.isTrue();
		}
		assertThat(end.flaggedTasks()).as("only tasks in flight at the kill flagged").hasSize(inFlight.size());
		List<String> takeovers = linesWith(dir.resolve("second.log"), TAKEOVER_LOG_LINE);
		for (String recipient : duplicates) {
			assertThat(end.attemptsOf(recipient)).as("resend to %s flagged in the delivery log", recipient)
				.anyMatch(attempt -> attempt.getBoolean("possibleDuplicate", false));
			String reference = Snapshot.TASK_OF_RECIPIENT.get(recipient);
			assertThat(takeovers).as("takeover of %s logged", reference).anyMatch(line -> line.contains(reference));
		}
	}

	private Process node(Path store, int seed, boolean exitWhenDone, Path log) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
						"-Dnode.seed=" + seed, "-Dnode.exit-when-done=" + exitWhenDone, "-cp",
						System.getProperty("java.class.path"), DispatchNode.class.getName()));
		command.addAll(List.of("--licence-reminder.embedded-mongo.path=" + store, "--licence-reminder.demo-data=false",
				"--licence-reminder.imports.work-dir=" + dir.resolve("imports"),
				"--licence-reminder.security.admin.password=crash-test",
				"--licence-reminder.send-windows.enabled=false",
				"--licence-reminder.twilio.account-sid=" + TwilioStandIn.SID,
				"--licence-reminder.twilio.auth-token=" + TwilioStandIn.TOKEN,
				"--licence-reminder.twilio.from-number=" + TwilioStandIn.FROM,
				"--licence-reminder.twilio.api-base-url=http://localhost:" + twilio.port(),
				"--licence-reminder.public-base-url=" + TwilioStandIn.PUBLIC_BASE_URL,
				"--licence-reminder.dispatch.poll-interval=1s", "--licence-reminder.dispatch.lease=20s",
				"--licence-reminder.dispatch.batch-size=200", "--licence-reminder.dispatch.concurrency=" + CONCURRENCY,
				"--licence-reminder.delivery.in-flight-timeout=5s",
				"--licence-reminder.delivery.resilience.sms-per-second=100000",
				"--licence-reminder.reminders.retry.initial-backoff=1s",
				"--licence-reminder.reminders.sweep-cron=0 0 2 1 1 ? 2099", "--spring.quartz.auto-startup=false",
				"--spring.main.banner-mode=off", "--logging.level.root=warn"));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private long received() {
		return twilio.countRequestsMatching(RequestPattern.everything()).getCount();
	}

	/** Requests WireMock received, per {@code To}. */
	private Map<String, Integer> requestsPerRecipient() {
		Map<String, Integer> counts = new HashMap<>();
		twilio.getAllServeEvents()
			.forEach(event -> counts.merge(formParameter(event.getRequest().getBodyAsString(), "To"), 1, Integer::sum));
		return counts;
	}

	private static String formParameter(String body, String name) {
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
				return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		throw new IllegalStateException("No " + name + " in " + body);
	}

	/** The tasks and attempts in the store file, read while no node has it open. */
	private static Snapshot snapshot(Path store) {
		MongoServer server = TestStores.serveCopyOf(store);
		try (MongoClient client = MongoClients.create("mongodb://localhost:" + server.getLocalAddress().getPort())) {
			MongoDatabase db = client.getDatabase("licence-reminder");
			Map<String, Document> tasks = new HashMap<>();
			db.getCollection("reminder_tasks").find().forEach(task -> tasks.put(task.getString("_id"), task));
			Map<String, Document> references = new HashMap<>();
			db.getCollection("delivery_references")
				.find()
				.forEach(reference -> references.put(reference.getString("_id"), reference));
			return new Snapshot(tasks, db.getCollection("delivery_attempts").find().into(new ArrayList<>()),
					references);
		}
		finally {
			server.shutdown();
		}
	}

	/**
	 * The store's tasks by id, its attempts and its delivery references by id; recipients
	 * are the seeded numbers ({@link DueSmsTasks#mobile}).
	 */
	private record Snapshot(Map<String, Document> tasks, List<Document> attempts, Map<String, Document> references) {

		static final Map<String, String> TASK_OF_RECIPIENT = taskIds();

		private static Map<String, String> taskIds() {
			Map<String, String> ids = new HashMap<>();
			for (int i = 0; i < TASKS; i++) {
				ids.put(DueSmsTasks.mobile(i),
						ReminderTask.idOf(Licence.idFor("食品经营许可证", "JY" + i), 1, 30, ReminderChannel.SMS));
			}
			return ids;
		}

		Map<String, Long> statuses() {
			return new TreeMap<>(tasks.values()
				.stream()
				.collect(Collectors.groupingBy(task -> task.getString("status"), Collectors.counting())));
		}

		Document taskOf(String recipient) {
			return tasks.get(TASK_OF_RECIPIENT.get(recipient));
		}

		List<Document> attemptsOf(String recipient) {
			return attempts.stream().filter(attempt -> recipient.equals(attempt.getString("recipient"))).toList();
		}

		Set<String> recipientsIn(TaskStatus status) {
			Map<String, String> recipients = TASK_OF_RECIPIENT.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
			return tasks.values()
				.stream()
				.filter(task -> task.getString("status").equals(status.name()))
				.map(task -> recipients.get(task.getString("_id")))
				.collect(Collectors.toCollection(TreeSet::new));
		}

		/**
		 * Recipients whose send may have reached the provider without its result being
		 * recorded: tasks SENDING whose delivery reference has no recorded send, and
		 * whose attempt in flight is not recorded as sent either. A SENDING task whose
		 * send is recorded is waiting for the end of its batch to be marked SENT; a
		 * takeover gets the recorded result (from the reference, or from the attempt when
		 * the kill fell between the two writes) and sends nothing.
		 */
		Set<String> inFlight() {
			Set<String> sending = recipientsIn(TaskStatus.SENDING);
			sending.removeIf(recipient -> {
				Document reference = references.get(TASK_OF_RECIPIENT.get(recipient));
				return reference != null && (reference.get("sent") != null || sentOnTheAttemptOnly(reference));
			});
			return sending;
		}

		/**
		 * Whether the reference's attempt in flight is recorded as sent although the
		 * reference does not show it (the kill fell between the two writes).
		 */
		boolean sentOnTheAttemptOnly(Document reference) {
			String pending = reference.getString("pendingAttemptId");
			return reference.get("sent") == null && pending != null
					&& attempts.stream()
						.anyMatch(attempt -> pending.equals(attempt.getString("_id"))
								&& "SENT".equals(attempt.getString("outcome")));
		}

		long sentOnTheAttemptOnly() {
			return references.values().stream().filter(this::sentOnTheAttemptOnly).count();
		}

		List<Document> flaggedTasks() {
			return tasks.values().stream().filter(task -> task.getBoolean("possibleDuplicate", false)).toList();
		}

		List<Document> flaggedAttempts() {
			return attempts.stream().filter(attempt -> attempt.getBoolean("possibleDuplicate", false)).toList();
		}

	}

	private static List<String> linesWith(Path log, String text) throws IOException {
		try (var lines = Files.lines(log)) {
			return lines.filter(line -> line.contains(text)).toList();
		}
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

}
