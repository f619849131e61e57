package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a district-sized import on the H2 file store: a node JVM
 * ({@link ImportNode}) imports {@value #DEFAULT_LICENCES} licences (or {@code -Dcrash-test.licences})
 * and is killed once half the rows are processed; a new JVM on the same file resumes the import.
 * Asserted: the import ends COMPLETED with every row accepted or reported, every licence that
 * expires has its current plan ACTIVE (none left without a plan, none awaiting planning), each
 * licence has exactly one plan (nothing owed twice), and the restarted node settles within a minute
 * of being ready. The figures are printed. Only with {@code ./mvnw -Pcrash-test verify}.
 */
@EnabledIfSystemProperty(named = "crash-test", matches = "true", disabledReason = "minutes: ./mvnw -Pcrash-test verify")
class ImportCrashTests {

	static final int DEFAULT_LICENCES = 100_000;

	static final int LICENCES = Integer.getInteger("crash-test.licences", DEFAULT_LICENCES);

	@TempDir
	Path dir;

	@Test
	void aKilledImportIsResumedAndEveryLicenceIsPlannedWithinAMinuteOfTheRestart() throws Exception {
		Path list = dir.resolve("district.csv");
		new LicenceListGenerator(20261127L).writeCsv(list, LICENCES, StandardCharsets.UTF_8);
		Path store = dir.resolve("store.mv");

		Process first = node(store, list, dir.resolve("first.log"));
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
		while (progress(dir.resolve("first.log")) < LICENCES / 2) {
			assertThat(first.isAlive()).as("first node alive; its log: %s", tail(dir.resolve("first.log"))).isTrue();
			assertThat(System.nanoTime()).as("half the rows within 15 minutes").isLessThan(deadline);
			Thread.sleep(100);
		}
		first.destroyForcibly();
		assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
		Map<String, Object> atKill = snapshot(store);

		Process second = node(store, null, dir.resolve("second.log"));
		assertThat(second.waitFor(20, TimeUnit.MINUTES)).as("the restarted node settled within 20 minutes").isTrue();
		assertThat(second.exitValue()).as("second node; its log: %s", tail(dir.resolve("second.log"))).isZero();
		long settledMillis = settled(dir.resolve("second.log"));
		Map<String, Object> end = snapshot(store);

		System.out.printf("%nImport crash test: %,d licences, killed at %,d rows processed%n", LICENCES,
				progress(dir.resolve("first.log")));
		System.out.printf("  store after the kill: %s%n", atKill);
		System.out.printf("  end: %s; restarted node settled %.1f s after it was ready%n", end, settledMillis / 1000.0);

		assertThat(end.get("job")).as("the import resumed and completed").isEqualTo("COMPLETED");
		assertThat((long) end.get("accepted") + (long) end.get("rejected") + (long) end.get("duplicates"))
			.as("every row accepted or reported").isEqualTo((long) end.get("rows"));
		assertThat(end.get("awaitingPlanning")).as("no licence awaits planning").isEqualTo(0L);
		assertThat(end.get("withoutPlan")).as("every live licence has its plan").isEqualTo(0L);
		assertThat(end.get("plans")).as("one plan per licence: nothing owed twice").isEqualTo(end.get("licences"));
		assertThat(settledMillis).as("settled within a minute of the restart").isLessThanOrEqualTo(60_000);
	}

	private Process node(Path store, Path list, Path log) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx1g", "-Dnode.exit-when-settled=" + (list == null), "-cp", System.getProperty("java.class.path"),
				ImportNode.class.getName()));
		if (list != null) {
			command.add(2, "-Dnode.import=" + list);
		}
		command.addAll(List.of("--licence-reminder.embedded-mongo.path=" + store, "--licence-reminder.demo-data=false",
				"--licence-reminder.imports.work-dir=" + dir.resolve("imports"),
				"--licence-reminder.security.admin.password=crash-test",
				"--licence-reminder.reminders.sweep-cron=0 0 2 1 1 ? 2099", "--spring.quartz.auto-startup=false",
				"--spring.main.banner-mode=off", "--logging.level.root=warn"));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	/** The highest {@code NODE progress} the node printed. */
	private static long progress(Path log) throws IOException {
		try (var lines = Files.lines(log)) {
			return lines.filter(line -> line.startsWith("NODE progress ")).mapToLong(line -> Long.parseLong(line.substring(14)))
				.max().orElse(0);
		}
	}

	private static long settled(Path log) throws IOException {
		try (var lines = Files.lines(log)) {
			return lines.filter(line -> line.startsWith("NODE settled ")).mapToLong(line -> Long.parseLong(line.substring(13)))
				.findFirst().orElseThrow();
		}
	}

	/** Counts from the store file, read while no node has it open. */
	private static Map<String, Object> snapshot(Path store) {
		MongoServer server = new MongoServer(new H2Backend(store.toString()));
		server.bind("localhost", 0);
		try (MongoClient client = MongoClients.create("mongodb://localhost:" + server.getLocalAddress().getPort())) {
			MongoDatabase db = client.getDatabase("licence-reminder");
			Map<String, Object> counts = new TreeMap<>();
			Document job = db.getCollection("import_jobs").find().first();
			counts.put("job", job == null ? null : job.getString("status"));
			counts.put("rows", job == null ? 0L : ((Number) job.get("rowsTotal")).longValue());
			counts.put("accepted", job == null ? 0L : ((Number) job.get("rowsAccepted")).longValue());
			counts.put("rejected", job == null ? 0L : ((Number) job.get("rowsRejected")).longValue());
			counts.put("duplicates", job == null ? 0L : ((Number) job.getOrDefault("duplicates", 0)).longValue());
			long licences = db.getCollection("licences").countDocuments(new Document("validUntil", new Document("$ne", null))
				.append("status", new Document("$nin", List.of("CANCELLED", "REVOKED", "WITHDRAWN"))));
			counts.put("licences", licences);
			counts.put("awaitingPlanning", db.getCollection("licences").countDocuments(new Document("planPending",
					new Document("$exists", true))));
			Map<String, Long> plans = db.getCollection("reminder_plans").find().into(new ArrayList<>()).stream()
				.collect(Collectors.groupingBy(plan -> plan.getString("state"), TreeMap::new, Collectors.counting()));
			counts.put("planStates", plans);
			counts.put("plans", plans.getOrDefault("ACTIVE", 0L));
			counts.put("withoutPlan", licences - plans.getOrDefault("ACTIVE", 0L));
			counts.put("tasks", db.getCollection("reminder_tasks").countDocuments());
			return counts;
		}
		finally {
			server.shutdown();
		}
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

}
