package com.licencereminder.shared.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written by an earlier version of the service opens with this one:
 * {@code store/licence-reminder-a2a3f84.mv} is the file the service at commit a2a3f84
 * left after importing the sample list (45 licences), planning (378 tasks), sending a
 * first round through the simulator and shutting down. Every document reads back as the
 * library's own H2 backend reads it from the same file, the indexes answer as a scan
 * does, and what this version writes to the file reads back after it is reopened.
 * {@code store/licence-reminder-97ed378.mv} is the file the service at commit 97ed378
 * (documents as BSON, every collection keyed by {@code _id}) left after the same steps:
 * its collections stay keyed by {@code _id} while a new one stores its documents in
 * insertion order.
 */
class StoreUpgradeTests {

	private static final String DATABASE = "licence-reminder";

	/** The version whose file holds Java-serialised documents (before decision 0093). */
	private static final String JAVA_SERIALISED = "a2a3f84";

	/**
	 * The last version whose collections all key their documents by {@code _id} (before
	 * decision 0100): documents as BSON, ordered indexes in the file.
	 */
	private static final String KEYED_BY_ID = "97ed378";

	@TempDir
	Path dir;

	@Test
	void everyDocumentOfTheEarlierFileReadsBackAsItWasWritten() throws IOException {
		Map<String, List<Document>> written = allDocuments(new H2Backend(MVStore.open(copy("library.mv").toString())));
		assertThat(written.get("licences")).hasSize(45);
		assertThat(written.get("reminder_tasks")).hasSize(378);
		assertThat(written.get("delivery_attempts")).hasSize(11);

		Map<String, List<Document>> read = allDocuments(fileBackend(copy("upgraded.mv")));

		assertThat(read).isEqualTo(written);
	}

	@Test
	void theIndexesOfTheEarlierFileAnswerAsAScanDoes() throws IOException {
		try (Served served = new Served(fileBackend(copy("upgraded.mv")))) {
			var tasks = served.database().getCollection("reminder_tasks");
			Date until = Date.from(Instant.parse("2030-01-01T00:00:00Z"));
			var due = and(eq("status", "PENDING"), lte("dueAt", until));
			List<Document> scanned = tasks.find(and(regex("status", "^PENDING$"), lte("dueAt", until)))
				.into(new ArrayList<>());
			assertThat(scanned).isNotEmpty();

			assertThat(tasks.find(due).sort(Sorts.ascending("dueAt", "_id")).into(new ArrayList<>()))
				.containsExactlyInAnyOrderElementsOf(scanned);
			var licences = served.database().getCollection("licences");
			Document one = licences.find().first();
			assertThat(licences.find(eq("numberKey", one.get("numberKey"))).into(new ArrayList<>()))
				.containsExactly(one);
		}
	}

	@Test
	void whatThisVersionWritesToTheEarlierFileReadsBackAfterReopening() throws IOException {
		Path file = copy("upgraded.mv");
		Document added = new Document("_id", "added").append("status", "PENDING")
			.append("dueAt", Date.from(Instant.parse("2027-03-01T08:00:00Z")));
		try (Served served = new Served(fileBackend(file))) {
			var tasks = served.database().getCollection("reminder_tasks");
			tasks.insertOne(added);
			tasks.updateOne(eq("_id", tasks.find().sort(Sorts.ascending("_id")).first().get("_id")),
					new Document("$set", new Document("status", "CANCELLED")));
		}

		Map<String, List<Document>> reopened = allDocuments(fileBackend(file));

		assertThat(reopened.get("reminder_tasks")).hasSize(379).contains(added);
		assertThat(reopened.get("reminder_tasks").stream().filter(task -> "CANCELLED".equals(task.get("status"))))
			.isNotEmpty();
	}

	@Test
	void aFileWhoseDocumentsAreKeyedByIdKeepsThemSoBesideANewCollectionInInsertionOrder() throws IOException {
		Path file = copy(KEYED_BY_ID, "keyed-by-id.mv");
		Map<String, List<Document>> before = allDocuments(fileBackend(file));
		assertThat(before.get("licences")).hasSize(45);
		assertThat(before.get("reminder_tasks")).hasSize(378);
		Document removed = before.get("reminder_tasks").get(0);
		Document added = new Document("_id", "added").append("status", "PENDING")
			.append("dueAt", Date.from(Instant.parse("2027-03-01T08:00:00Z")));

		try (Served served = new Served(fileBackend(file))) {
			var tasks = served.database().getCollection("reminder_tasks");
			tasks.insertOne(added);
			tasks.deleteOne(eq("_id", removed.get("_id")));
			assertThat(tasks.find(and(eq("status", "PENDING"), eq("_id", "added"))).into(new ArrayList<>()))
				.containsExactly(added);
			served.database()
				.getCollection("added_later")
				.insertMany(List.of(new Document("_id", "z"), new Document("_id", "a")));
		}

		Map<String, List<Document>> after = allDocuments(fileBackend(file));
		assertThat(after.get("reminder_tasks")).hasSameSizeAs(before.get("reminder_tasks"))
			.contains(added)
			.doesNotContain(removed);
		assertThat(after.get("licences")).isEqualTo(before.get("licences"));
		MVStore raw = MVStore.open(file.toString());
		assertThat(keys(raw, "reminder_tasks")).hasSameSizeAs(after.get("reminder_tasks"))
			.allMatch(String.class::isInstance)
			.contains("added");
		assertThat(keys(raw, "added_later")).containsExactly(1L, 2L);
		raw.close();
	}

	private static List<Object> keys(MVStore store, String collection) {
		return new ArrayList<>(
				store
					.openMap("databases." + DATABASE + "." + collection,
							new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>()
								.valueType(new BsonDocuments()))
					.keySet());
	}

	private Path copy(String name) throws IOException {
		return copy(JAVA_SERIALISED, name);
	}

	private Path copy(String version, String name) throws IOException {
		Path file = this.dir.resolve(name);
		try (InputStream fixture = getClass().getResourceAsStream("/store/licence-reminder-" + version + ".mv")) {
			Files.copy(fixture, file);
		}
		return file;
	}

	private static IndexedH2Backend fileBackend(Path file) {
		return new IndexedH2Backend(MVStore.open(file.toString()));
	}

	/** Every collection's documents in {@code _id} order; closes the backend. */
	private static Map<String, List<Document>> allDocuments(MongoBackend backend) {
		Map<String, List<Document>> all = new LinkedHashMap<>();
		try (Served served = new Served(backend)) {
			for (String name : served.database().listCollectionNames().into(new ArrayList<>())) {
				all.put(name,
						served.database()
							.getCollection(name)
							.find()
							.sort(Sorts.ascending("_id"))
							.into(new ArrayList<>()));
			}
		}
		return all;
	}

	/** The service's database through a server on the backend; closing shuts both. */
	private record Served(MongoServer server, MongoClient client) implements AutoCloseable {

		Served(MongoBackend backend) {
			this(new MongoServer(backend), null);
		}

		Served {
			if (client == null) {
				int port = server.bind().getPort();
				client = MongoClients.create("mongodb://localhost:" + port);
			}
		}

		MongoDatabase database() {
			return this.client.getDatabase(DATABASE);
		}

		@Override
		public void close() {
			this.client.close();
			this.server.shutdownNow();
		}

	}

}
