package com.licencereminder.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link H2StoreDurability} on the embedded store as the service runs it
 * (mongo-java-server on an H2 file, written through the driver). What a {@code kill -9}
 * leaves is the file as it is at that moment, so the tests copy the file and open the
 * copy: a write is in it after {@code flush()}, and not before (H2's own commit is set a
 * minute apart so that it cannot interfere).
 */
class H2StoreDurabilityTests {

	@TempDir
	Path dir;

	MVStore store;

	MongoServer server;

	MongoClient client;

	MongoCollection<Document> things;

	SimpleMeterRegistry meters = new SimpleMeterRegistry();

	H2StoreDurability durability;

	@BeforeEach
	void open() {
		store = MVStore.open(dir.resolve("store.mv").toString());
		store.setAutoCommitDelay(60_000);
		server = new MongoServer(new IndexedH2Backend(store));
		server.bind("localhost", 0);
		client = MongoClients.create("mongodb://localhost:" + server.getLocalAddress().getPort());
		things = client.getDatabase("test").getCollection("things");
		durability = new H2StoreDurability(store, meters);
	}

	@AfterEach
	void close() {
		client.close();
		server.shutdown();
	}

	@Test
	void aWriteIsInTheFileOnceFlushed() {
		things.insertOne(new Document("_id", "before"));
		durability.flush();
		things.insertOne(new Document("_id", "sent"));

		assertThat(idsInFile()).as("not flushed yet").containsExactly("before");
		assertThat(store.hasUnsavedChanges()).isTrue();

		durability.flush();

		assertThat(idsInFile()).containsExactlyInAnyOrder("before", "sent");
		assertThat(store.hasUnsavedChanges()).isFalse();
	}

	@Test
	void aFlushAfterAMarkCommitsOnlyWhenNoCommitHasBegunSince() {
		things.insertOne(new Document("_id", "result"));
		long written = durability.mark();

		durability.flushAfter(written);

		assertThat(idsInFile()).containsExactly("result");
		assertThat(meters.counter("store.flush.commits").count()).isEqualTo(1);

		things.insertOne(new Document("_id", "next result"));
		long next = durability.mark();
		things.insertOne(new Document("_id", "wave"));
		durability.flush();
		durability.flushAfter(next);

		assertThat(idsInFile()).containsExactlyInAnyOrder("result", "next result", "wave");
		assertThat(meters.counter("store.flush.commits").count()).as("the wave's commit covered the mark").isEqualTo(2);
	}

	@Test
	void everyConcurrentCallerFindsItsOwnWriteInTheFile() throws Exception {
		int callers = 16;
		ExecutorService threads = Executors.newFixedThreadPool(callers);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Set<String>>> seen = IntStream.range(0, callers).mapToObj(i -> threads.submit(() -> {
				start.await();
				things.insertOne(new Document("_id", "caller-" + i));
				durability.flush();
				return idsInFile();
			})).toList();
			start.countDown();
			for (int i = 0; i < callers; i++) {
				assertThat(seen.get(i).get()).as("file after caller %d's flush", i).contains("caller-" + i);
			}
			assertThat(meters.timer("store.flush").count()).isEqualTo(callers);
			assertThat(meters.counter("store.flush.commits").count()).isBetween(1.0, (double) callers);
		}
		finally {
			threads.shutdown();
		}
	}

	/**
	 * The ids of {@code test.things} in a copy of the file as it is now (what a killed
	 * process leaves).
	 */
	private Set<String> idsInFile() {
		Path copy = dir.resolve("copy-" + System.nanoTime() + "-" + Thread.currentThread().getId() + ".mv");
		try {
			Files.copy(dir.resolve("store.mv"), copy);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		MVStore view = new MVStore.Builder().fileName(copy.toString()).readOnly().open();
		try {
			if (!view.hasMap("databases.test.things")) {
				return Set.of();
			}
			MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents = view.openMap("databases.test.things",
					new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(new BsonDocuments()));
			return documents.values()
				.stream()
				.map(document -> String.valueOf(document.get("_id")))
				.collect(Collectors.toSet());
		}
		finally {
			view.close();
		}
	}

}
