package com.licencereminder.shared.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.exception.CursorNotFoundException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded store's cursors answer in MongoDB's batches: a first batch of 101
 * documents, the requested batch size or 16 MiB, whichever is least, and the rest by
 * {@code getMore}; so a result of any size reaches the driver, which refuses any reply
 * over 48 MB (with the library's one-reply answers, the large reads here failed with
 * {@code MongoInternalException: The reply message length ... is greater than the maximum
 * message length 48000000}).
 */
class CursorBatchesTests {

	/** About 60 MB of documents: more than one reply may carry. */
	private static final int LARGE = 120;

	private static final String TEXT = "x".repeat(500_000);

	private final StoreClients clients = new StoreClients();

	private final MongoCollection<Document> tasks = this.clients.tasks(IndexedH2Backend.inMemoryStore());

	@AfterEach
	void close() {
		this.clients.close();
	}

	@Test
	void aFindOfMoreThanAReplyHoldsReadsEveryDocumentInOrder() {
		insertLarge();

		List<Integer> read = new ArrayList<>();
		this.tasks.find().sort(Sorts.descending("n")).forEach(document -> read.add(document.getInteger("n")));

		assertThat(read).containsExactlyElementsOf(IntStream.range(0, LARGE).map(i -> LARGE - 1 - i).boxed().toList());
	}

	@Test
	void anAggregationOfMoreThanAReplyHoldsReadsEveryDocument() {
		insertLarge();

		List<Document> read = this.tasks.aggregate(List.of(Aggregates.match(Filters.gte("n", 0))))
			.into(new ArrayList<>());

		assertThat(read).hasSize(LARGE)
			.allSatisfy(document -> assertThat(document.getString("text")).hasSize(TEXT.length()));
	}

	@Test
	void aFirstBatchStopsAt16MiBAndEachGetMoreToo() {
		insertLarge();

		Document first = find(new Document());
		List<?> firstBatch = cursor(first).getList("firstBatch", Object.class);
		Document more = getMore(cursor(first).getLong("id"), null);

		assertThat(firstBatch).hasSize(33);
		assertThat(cursor(more).getList("nextBatch", Object.class)).hasSize(33);
		assertThat(cursor(more).getLong("id")).isNotZero();
	}

	@Test
	void aFirstBatchHas101DocumentsAndGetMoreWithoutABatchSizeGivesTheRest() {
		insertSmall(250);

		Document first = find(new Document());
		long id = cursor(first).getLong("id");
		Document more = getMore(id, null);

		assertThat(cursor(first).getList("firstBatch", Object.class)).hasSize(101);
		assertThat(id).isNotZero();
		assertThat(cursor(more).getList("nextBatch", Object.class)).hasSize(149);
		assertThat(cursor(more).getLong("id")).isZero();
	}

	@Test
	void aRequestedBatchSizeIsKeptOnFindAndGetMore() {
		insertSmall(25);

		Document first = find(new Document("batchSize", 10));
		Document more = getMore(cursor(first).getLong("id"), 10);

		assertThat(cursor(first).getList("firstBatch", Object.class)).hasSize(10);
		assertThat(cursor(more).getList("nextBatch", Object.class)).hasSize(10);
		assertThat(cursor(more).getLong("id")).isNotZero();
	}

	@Test
	void aSingleBatchFindLeavesNoCursor() {
		insertSmall(250);

		Document first = find(new Document("singleBatch", true).append("limit", 200));

		assertThat(cursor(first).getList("firstBatch", Object.class)).hasSize(200);
		assertThat(cursor(first).getLong("id")).isZero();
	}

	@Test
	void aSmallResultComesInOneBatchWithoutACursor() {
		insertSmall(50);

		Document first = find(new Document());

		assertThat(cursor(first).getList("firstBatch", Object.class)).hasSize(50);
		assertThat(cursor(first).getLong("id")).isZero();
	}

	@Test
	void updatesAndDeletesStillReachEveryMatchingDocument() {
		insertSmall(250);

		long updated = this.tasks.updateMany(Filters.gte("n", 0), new Document("$set", new Document("seen", true)))
			.getModifiedCount();
		long deleted = this.tasks.deleteMany(Filters.eq("seen", true)).getDeletedCount();

		assertThat(updated).isEqualTo(250);
		assertThat(deleted).isEqualTo(250);
	}

	@Test
	void aCursorIdleForTheTimeoutIsClosedAndOneInUseIsKept() {
		CursorRegistry registry = new CursorRegistry();
		BatchCursor idle = new BatchCursor(registry.generateCursorId(),
				List.of(new de.bwaldvogel.mongo.bson.Document()));
		BatchCursor used = new BatchCursor(registry.generateCursorId(),
				List.of(new de.bwaldvogel.mongo.bson.Document()));
		registry.add(idle);
		registry.add(used);
		Set<ServerCursor> open = new HashSet<>(Set.of(idle, used));
		long now = System.nanoTime();
		idle.lastUsed(now - CursorBatches.IDLE.toNanos() - 1);
		used.lastUsed(now - CursorBatches.IDLE.toNanos() + 1_000_000_000L);

		CursorBatches.close(open, registry, now);

		assertThat(open).containsExactly(used);
		assertThat(registry.getCursor(used.getId())).isSameAs(used);
		assertThatExceptionOfType(CursorNotFoundException.class).isThrownBy(() -> registry.getCursor(idle.getId()));
	}

	@Test
	void aCursorReadToItsEndIsForgotten() {
		CursorRegistry registry = new CursorRegistry();
		BatchCursor cursor = new BatchCursor(registry.generateCursorId(),
				List.of(new de.bwaldvogel.mongo.bson.Document()));
		registry.add(cursor);
		Set<ServerCursor> open = new HashSet<>(Set.of(cursor));
		cursor.takeDocuments(0);

		CursorBatches.close(open, registry, System.nanoTime());

		assertThat(open).isEmpty();
		assertThat(registry.size()).isZero();
	}

	@Test
	void aGetMoreOfAnUnknownCursorFailsAsCursorNotFound() {
		insertSmall(250);
		Document first = find(new Document());
		getMore(cursor(first).getLong("id"), null);

		assertThatExceptionOfType(MongoCommandException.class)
			.isThrownBy(() -> getMore(cursor(first).getLong("id"), null))
			.satisfies(ex -> assertThat(ex.getErrorCode()).isEqualTo(43));
		assertThatExceptionOfType(MongoCommandException.class).isThrownBy(() -> getMore(123_456_789L, 10))
			.satisfies(ex -> assertThat(ex.getErrorCode()).isEqualTo(43));
	}

	private void insertLarge() {
		for (int n = 0; n < LARGE; n++) {
			this.tasks.insertOne(new Document("_id", "task-%04d".formatted(n)).append("n", n).append("text", TEXT));
		}
	}

	private void insertSmall(int count) {
		this.tasks.insertMany(IntStream.range(0, count)
			.mapToObj(n -> new Document("_id", "task-%04d".formatted(n)).append("n", n))
			.toList());
	}

	private Document find(Document options) {
		Document command = new Document("find", "tasks").append("filter", new Document())
			.append("sort", new Document("n", 1));
		command.putAll(options);
		return this.clients.database(this.tasks).runCommand(command);
	}

	private Document getMore(long id, Integer batchSize) {
		Document command = new Document("getMore", id).append("collection", "tasks");
		if (batchSize != null) {
			command.append("batchSize", batchSize);
		}
		return this.clients.database(this.tasks).runCommand(command);
	}

	private static Document cursor(Document reply) {
		return reply.get("cursor", Document.class);
	}

}
