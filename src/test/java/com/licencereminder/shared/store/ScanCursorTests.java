package com.licencereminder.shared.store;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Projections;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code find} that no index serves and that wants no order is read a batch at a time
 * ({@link ScanCursor}) instead of whole into the heap: its answers are the library's, and
 * a document added behind the cursor after its first batch is still found, which a result
 * read whole before the first batch could not give.
 */
class ScanCursorTests {

	private static final int DOCUMENTS = 3000;

	private final StoreClients clients = new StoreClients();

	private MongoCollection<Document> tasks;

	private MongoCollection<Document> stock;

	@BeforeEach
	void start() {
		this.tasks = this.clients.tasks(IndexedH2Backend.inMemoryStore());
		this.stock = this.clients.tasks(H2Backend.inMemory());
		for (MongoCollection<Document> collection : List.of(this.tasks, this.stock)) {
			collection.insertMany(IntStream.range(0, DOCUMENTS)
				.mapToObj(n -> new Document("_id", String.format("t%05d", n)).append("n", n)
					.append("status", n % 3 == 0 ? "SENT" : "PENDING")
					.append("text", "x".repeat(200)))
				.toList());
		}
	}

	@AfterEach
	void stop() {
		this.clients.close();
	}

	@ParameterizedTest
	@MethodSource("finds")
	void answersAsTheLibraryDoes(Bson filter, int skip, int limit, int batchSize, Bson projection) {
		assertThat(find(this.tasks, filter, skip, limit, batchSize, projection))
			.isEqualTo(find(this.stock, filter, skip, limit, batchSize, projection));
	}

	static List<Arguments> finds() {
		return List.of(Arguments.of(new Document(), 0, 0, 0, null), Arguments.of(eq("status", "SENT"), 0, 0, 0, null),
				Arguments.of(eq("status", "SENT"), 10, 25, 7, null), Arguments.of(gte("n", 2990), 0, 0, 3, null),
				Arguments.of(regex("status", "^P"), 5, 0, 500, Projections.include("n")),
				Arguments.of(new Document(), 2999, 0, 0, Projections.exclude("text")),
				Arguments.of(eq("status", "none"), 0, 0, 0, null), Arguments.of(new Document(), 0, 101, 0, null));
	}

	@Test
	void aDocumentAddedBehindTheCursorAfterItsFirstBatchIsFound() {
		try (MongoCursor<Document> cursor = this.tasks.find(eq("status", "PENDING")).batchSize(100).iterator()) {
			assertThat(cursor.next().get("_id")).isEqualTo("t00001");
			this.tasks.insertOne(new Document("_id", "z-late").append("status", "PENDING"));
			List<Object> ids = new ArrayList<>();
			cursor.forEachRemaining(task -> ids.add(task.get("_id")));

			assertThat(ids).hasSize(DOCUMENTS * 2 / 3).endsWith("z-late");
		}
	}

	private static List<Document> find(MongoCollection<Document> collection, Bson filter, int skip, int limit,
			int batchSize, Bson projection) {
		return collection.find(filter)
			.skip(skip)
			.limit(limit)
			.batchSize(batchSize)
			.projection(projection)
			.into(new ArrayList<>());
	}

}
