package com.licencereminder.shared.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.IntStream;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.not;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The indexes of {@link IndexedH2Backend} kept in the file: a store closed cleanly opens
 * with them as they were, without reading the documents; a store left without closing (a
 * killed process) opens with them built again from the documents. A document written into
 * the file behind the backend's back, which only a build from the documents can find,
 * tells the two apart.
 */
class StoredIndexesTests {

	private static final int DOCUMENTS = 500;

	@TempDir
	Path dir;

	@Test
	void aStoreClosedCleanlyOpensWithItsIndexesAsTheyWereWithoutBuildingThem() {
		Path file = this.dir.resolve("store.mv");
		StoreClients.withTasks(backend(file), StoredIndexesTests::seed);
		writeBehindTheBackend(file);

		StoreClients.withTasks(backend(file), tasks -> {
			assertThat(tasks.find(and(eq("status", "PENDING"), gte("dueAt", 0))).into(new ArrayList<>()))
				.as("through the index as stored")
				.hasSize(DOCUMENTS / 2);
			assertThat(tasks.find(not(eq("status", "SENT"))).into(new ArrayList<>()))
				.as("a scan, which no index serves")
				.hasSize(DOCUMENTS / 2 + 1);
			assertThat(tasks.find(and(eq("status", "PENDING"), gte("dueAt", 0)))
				.sort(Sorts.descending("dueAt"))
				.limit(3)
				.map(task -> task.get("dueAt"))
				.into(new ArrayList<>())).containsExactly(DOCUMENTS - 2, DOCUMENTS - 4, DOCUMENTS - 6);
		});
	}

	@Test
	void aStoreLeftWithoutClosingOpensWithEveryIndexBuiltAgainFromTheDocuments() throws IOException {
		Path file = this.dir.resolve("store.mv");
		Path killed = this.dir.resolve("killed.mv");
		StoreClients.withTasks(backend(file), StoredIndexesTests::seed);
		try (StoreClients clients = new StoreClients()) {
			IndexedH2Backend open = backend(file);
			clients.tasks(open).insertOne(new Document("_id", "late").append("status", "PENDING").append("dueAt", 1));
			open.getMvStore().commit();
			Files.copy(file, killed);
		}
		writeBehindTheBackend(killed);

		StoreClients.withTasks(backend(killed), tasks -> {
			assertThat(tasks.find(and(eq("status", "PENDING"), gte("dueAt", 0))).into(new ArrayList<>()))
				.extracting(task -> task.get("_id"))
				.hasSize(DOCUMENTS / 2 + 2)
				.contains("late", "behind");
			assertThatExceptionOfType(MongoWriteException.class)
				.isThrownBy(() -> tasks.insertOne(new Document("_id", "again").append("token", "T-behind")))
				.satisfies(ex -> assertThat(ErrorCategory.fromErrorCode(ex.getCode()))
					.isEqualTo(ErrorCategory.DUPLICATE_KEY));
		});
	}

	private static IndexedH2Backend backend(Path file) {
		return new IndexedH2Backend(MVStore.open(file.toString()));
	}

	private static void seed(com.mongodb.client.MongoCollection<Document> tasks) {
		tasks.createIndex(Indexes.ascending("status", "dueAt"));
		tasks.createIndex(Indexes.ascending("token"), new IndexOptions().unique(true));
		tasks.insertMany(IntStream.range(0, DOCUMENTS)
			.mapToObj(i -> new Document("_id", new org.bson.types.ObjectId()).append("n", i)
				.append("status", i % 2 == 0 ? "PENDING" : "SENT")
				.append("dueAt", i)
				.append("token", "T" + i))
			.toList());
	}

	/**
	 * A pending document put straight into the collection's map, as no write through the
	 * backend would leave it: in no index.
	 */
	private static void writeBehindTheBackend(Path file) {
		MVStore store = MVStore.open(file.toString());
		MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents = store.openMap("databases.test.tasks",
				new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(new BsonDocuments()));
		documents.put("behind",
				new de.bwaldvogel.mongo.bson.Document("_id", "behind").append("status", "PENDING")
					.append("dueAt", 2)
					.append("token", "T-behind"));
		store.close();
	}

}
