package com.licencereminder.delivery;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.licencereminder.delivery.DeliveryAttempt.StatusChange;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static com.licencereminder.shared.ExportFiles.csvRows;
import static com.licencereminder.shared.ExportFiles.downloadAsAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.reset;

/**
 * The delivery log's CSV export through a real server: a log larger than one reply of the
 * store holds is read and exported whole, page by page; a bad filter is a problem, not a
 * file; and a store failure after the first bytes were sent aborts the transfer, so the
 * client gets an error instead of a complete-looking truncated file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DeliveryExportTests {

	@LocalServerPort
	int port;

	@MockitoSpyBean
	MongoTemplate mongo;

	@BeforeEach
	void cleanStore() {
		reset(mongo);
		mongo.remove(new Query(), DeliveryAttempt.class);
	}

	@Test
	void aLogLargerThanOneReplyIsStreamedAndExportedWhole() throws Exception {
		String text = "提醒".repeat(90_000);
		IntStream.range(0, 100).forEach(n -> mongo.insert(attempt(n, text)));

		long streamed;
		try (Stream<DeliveryAttempt> attempts = mongo.stream(new Query(), DeliveryAttempt.class)) {
			streamed = attempts.count();
		}
		HttpResponse<String> export = downloadAsAdmin(port, "/api/deliveries/export");

		assertThat(streamed).isEqualTo(100);
		assertThat(export.statusCode()).isEqualTo(200);
		List<CSVRecord> rows = csvRows(export.body());
		assertThat(rows).hasSize(100).allSatisfy(row -> assertThat(row.get("text")).hasSize(text.length()));
		assertThat(rows.get(0).get("attemptId")).isEqualTo("attempt-0099");
	}

	@Test
	void aLogOfSeveralPagesIsExportedNewestFirstWithEveryRowOnce() throws Exception {
		insert(DeliveryLogQuery.EXPORT_PAGE * 2 + 7);

		HttpResponse<String> export = downloadAsAdmin(port, "/api/deliveries/export");

		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(csvRows(export.body())).extracting(row -> row.get("attemptId"))
			.containsExactlyElementsOf(IntStream.range(0, DeliveryLogQuery.EXPORT_PAGE * 2 + 7)
				.mapToObj(n -> "attempt-%04d".formatted(DeliveryLogQuery.EXPORT_PAGE * 2 + 6 - n))
				.toList());
	}

	@Test
	void attemptsWithoutACreationTimeAreExportedAfterTheOthersNotDropped() throws Exception {
		insert(DeliveryLogQuery.EXPORT_PAGE + 1);
		IntStream.range(0, DeliveryLogQuery.EXPORT_PAGE + 2).forEach(n -> mongo.insert(undated(n)));

		HttpResponse<String> export = downloadAsAdmin(port, "/api/deliveries/export");

		assertThat(export.statusCode()).isEqualTo(200);
		List<String> ids = csvRows(export.body()).stream().map(row -> row.get("attemptId")).toList();
		assertThat(ids).hasSize(DeliveryLogQuery.EXPORT_PAGE * 2 + 3).doesNotHaveDuplicates();
		assertThat(ids.subList(0, DeliveryLogQuery.EXPORT_PAGE + 1))
			.allSatisfy(id -> assertThat(id).startsWith("attempt-"));
		assertThat(ids.subList(DeliveryLogQuery.EXPORT_PAGE + 1, ids.size()))
			.containsExactlyElementsOf(IntStream.range(0, DeliveryLogQuery.EXPORT_PAGE + 2)
				.mapToObj(n -> "undated-%04d".formatted(DeliveryLogQuery.EXPORT_PAGE + 1 - n))
				.toList());
	}

	@Test
	void aFailureAfterTheFirstBytesAbortsTheTransfer() {
		insert(DeliveryLogQuery.EXPORT_PAGE * 4);
		failOnPage(3);

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> downloadAsAdmin(port, "/api/deliveries/export"));
	}

	@Test
	void aFailureBeforeTheFirstBytesIsAnErrorAnswerNotAFile() throws Exception {
		insert(10);
		failOnPage(1);

		HttpResponse<String> export = downloadAsAdmin(port, "/api/deliveries/export");

		assertThat(export.statusCode()).isEqualTo(500);
		assertThat(export.headers().firstValue("Content-Disposition")).isEmpty();
	}

	@Test
	void aBadFilterIsAProblemNotAFile() throws Exception {
		HttpResponse<String> export = downloadAsAdmin(port, "/api/deliveries/export?status=LOST");

		assertThat(export.statusCode()).isEqualTo(400);
		assertThat(export.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(export.body()).contains("status");
	}

	/** The store fails from the n-th page of attempts an export reads. */
	private void failOnPage(int n) {
		AtomicInteger pages = new AtomicInteger();
		doAnswer(call -> {
			if (pages.incrementAndGet() >= n) {
				throw new DataAccessResourceFailureException("store went away");
			}
			return call.callRealMethod();
		}).when(mongo).find(any(Query.class), eq(DeliveryAttempt.class));
	}

	private void insert(int count) {
		mongo.insertAll(IntStream.range(0, count).mapToObj(n -> attempt(n, "text of " + n)).toList());
	}

	private static DeliveryAttempt attempt(int n, String text) {
		Instant created = Instant.parse("2026-03-01T00:00:00Z").plusSeconds(n / 3);
		return new DeliveryAttempt("attempt-%04d".formatted(n), "task-" + n, Channel.SMS, "simulator", "+8613812345678",
				"甲店", List.of("licence-" + n), 7, text, Map.of(), AttemptStatus.SENT, DeliveryResult.Outcome.SENT, null,
				null, null, false, null, List.of(new StatusChange("SENT", created, null)), created, created);
	}

	/** An attempt {@code undated-n} whose creation time was never recorded. */
	private static DeliveryAttempt undated(int n) {
		DeliveryAttempt a = attempt(n, "undated " + n);
		return new DeliveryAttempt("undated-%04d".formatted(n), a.reference(), a.channel(), a.provider(), a.recipient(),
				a.holderName(), a.licenceIds(), a.stageOffsetDays(), a.text(), a.fields(), a.status(), a.outcome(),
				a.providerId(), a.errorCode(), a.errorMessage(), a.possibleDuplicate(), a.ambiguity(), a.timeline(),
				null, a.updatedAt());
	}

}
