package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a district-sized import on the H2 file store: a node
 * JVM ({@link ImportNode}) imports {@value #DEFAULT_LICENCES} licences (or
 * {@code -Dcrash-test.licences}) and is killed once half the rows are processed; a new
 * JVM on the same file resumes the import. Asserted: the import ends COMPLETED with every
 * row accepted or reported, every licence that expires has its current plan ACTIVE (none
 * left without a plan, none awaiting planning), each licence has exactly one plan
 * (nothing owed twice), and every licence the killed node had left awaiting planning is
 * planned while the resumed import still runs, not after the rest of the list (the repair
 * at start and the resumed import's second announcement of marked licences both see to
 * it). The node runs with {@code -Xmx3g} ({@code -Dcrash-test.heap}). The figures, times
 * included, are printed, not asserted. Only with {@code ./mvnw -Pcrash-test verify}.
 */
@EnabledIfSystemProperty(named = "crash-test", matches = "true", disabledReason = "minutes: ./mvnw -Pcrash-test verify")
class ImportCrashTests {

	static final int DEFAULT_LICENCES = 100_000;

	static final int LICENCES = Integer.getInteger("crash-test.licences", DEFAULT_LICENCES);

	@TempDir
	Path dir;

	@Test
	void aKilledImportIsResumedAndWhatItLeftUnplannedIsPlannedWhileTheImportGoesOn() throws Exception {
		Path list = dir.resolve("district.csv");
		new LicenceListGenerator(20261127L).writeCsv(list, LICENCES, StandardCharsets.UTF_8);
		Path store = dir.resolve("store.mv");

		Process first = node(store, list, dir.resolve("first.log"));
		await().atMost(Duration.ofMinutes(15))
			.pollInterval(Duration.ofMillis(100))
			.failFast(() -> assertThat(first.isAlive())
				.as("first node alive; its log: %s", tail(dir.resolve("first.log")))
				.isTrue())
			.until(() -> progress(dir.resolve("first.log")) >= LICENCES / 2);
		first.destroyForcibly();
		assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

		Process second = node(store, null, dir.resolve("second.log"));
		assertThat(second.waitFor(20, TimeUnit.MINUTES)).as("the restarted node settled").isTrue();
		assertThat(second.exitValue()).as("second node; its log: %s", tail(dir.resolve("second.log"))).isZero();
		long settledMillis = milestone(dir.resolve("second.log"), "NODE settled ");
		long repairedMillis = milestone(dir.resolve("second.log"), "NODE repaired ");
		Document atRestart = counts(dir.resolve("second.log"), "NODE ready ");
		Document end = counts(dir.resolve("second.log"), "NODE counts ");
		Document plans = end.get("plans", Document.class);

		System.out.printf("%nImport crash test: %,d licences, killed at %,d rows processed%n", LICENCES,
				progress(dir.resolve("first.log")));
		System.out.printf("  store at the restart: %s%n", atRestart.toJson());
		System.out.printf(
				"  end: %s%n  restarted node: every licence of the kill planned %.1f s after it was ready,"
						+ " the import completed and everything planned after %.1f s%n",
				end.toJson(), repairedMillis / 1000.0, settledMillis / 1000.0);

		assertThat(end.getString("status")).as("the import resumed and completed").isEqualTo("COMPLETED");
		assertThat(number(end, "rowsAccepted") + number(end, "rowsRejected") + number(end, "duplicates"))
			.as("every row accepted or reported")
			.isEqualTo(number(end, "rowsTotal"))
			.isEqualTo(LICENCES);
		assertThat(number(end, "awaitingPlanning")).as("no licence awaits planning").isZero();
		assertThat(plans.keySet()).as("every plan complete").containsExactly("ACTIVE");
		assertThat(number(plans, "ACTIVE")).as("one plan per live licence: none missing, none owed twice")
			.isEqualTo(number(end, "licences"));
		assertThat(linesAfter(dir.resolve("second.log"), "NODE repaired "))
			.as("every licence awaiting planning at the restart" + " planned while the resumed import still ran")
			.anyMatch(line -> line.startsWith("NODE progress "));
	}

	private Process node(Path store, Path list, Path log) throws IOException {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + System.getProperty("crash-test.heap", "3g"), "-Dnode.exit-when-settled=" + (list == null),
				"-cp", System.getProperty("java.class.path"), ImportNode.class.getName()));
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
			return lines.filter(line -> line.startsWith("NODE progress "))
				.mapToLong(line -> Long.parseLong(line.substring(14)))
				.max()
				.orElse(0);
		}
	}

	/** The milliseconds after ready that the node printed with {@code prefix}. */
	private static long milestone(Path log, String prefix) throws IOException {
		try (var lines = Files.lines(log)) {
			return lines.filter(line -> line.startsWith(prefix))
				.mapToLong(line -> Long.parseLong(line.substring(prefix.length())))
				.findFirst()
				.orElseThrow();
		}
	}

	/** The counts the node printed after {@code prefix}. */
	private static Document counts(Path log, String prefix) throws IOException {
		try (var lines = Files.lines(log)) {
			return Document.parse(
					lines.filter(line -> line.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length()));
		}
	}

	/** The lines the node printed after the first one starting with {@code prefix}. */
	private static List<String> linesAfter(Path log, String prefix) throws IOException {
		List<String> lines = Files.readAllLines(log);
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith(prefix)) {
				return lines.subList(i + 1, lines.size());
			}
		}
		throw new AssertionError("No line starting with " + prefix + " in " + log);
	}

	private static long number(Document document, String field) {
		return ((Number) document.get(field)).longValue();
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

}
