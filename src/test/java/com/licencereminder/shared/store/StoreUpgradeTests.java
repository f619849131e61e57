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
 */
class StoreUpgradeTests {

	private static final String DATABASE = "licence-reminder";

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

	private Path copy(String name) throws IOException {
		Path file = this.dir.resolve(name);
		try (InputStream fixture = getClass().getResourceAsStream("/store/licence-reminder-a2a3f84.mv")) {
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
