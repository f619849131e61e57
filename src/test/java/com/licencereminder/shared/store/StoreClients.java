package com.licencereminder.shared.store;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Servers on embedded-store backends and driver clients connected to them, for the
 * store's tests. {@link #close()} ends them all, newest first; a server's shutdown closes
 * its backend and store.
 */
final class StoreClients implements AutoCloseable {

	private final Deque<Runnable> closing = new ArrayDeque<>();

	private final Map<MongoCollection<Document>, MongoDatabase> databases = new IdentityHashMap<>();

	/**
	 * Runs the work on {@code test.tasks} of a new server on the backend, then shuts the
	 * server down.
	 */
	static void withTasks(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
		try (StoreClients clients = new StoreClients()) {
			work.accept(clients.tasks(backend));
		}
	}

	/** The collection {@code test.tasks} through a new server on the backend. */
	MongoCollection<Document> tasks(MongoBackend backend) {
		MongoServer server = new MongoServer(backend);
		this.closing.push(server::shutdownNow);
		server.bind("localhost", 0);
		MongoClient client = MongoClients.create("mongodb://localhost:" + server.getLocalAddress().getPort());
		this.closing.push(client::close);
		MongoDatabase database = client.getDatabase("test");
		MongoCollection<Document> collection = database.getCollection("tasks");
		this.databases.put(collection, database);
		return collection;
	}

	/** The database of a collection this gave. */
	MongoDatabase database(MongoCollection<Document> collection) {
		return this.databases.get(collection);
	}

	/**
	 * The {@code count} command, which the library answers through the collection's query
	 * path.
	 */
	long countCommand(MongoCollection<Document> collection, Bson filter) {
		return database(collection)
			.runCommand(new Document("count", collection.getNamespace().getCollectionName()).append("query", filter))
			.get("n", Number.class)
			.longValue();
	}

	/**
	 * How many documents queries on the backend's {@code test.tasks} have examined
	 * ({@link IndexedH2Collection#documentsExamined()}).
	 */
	static long examined(IndexedH2Backend backend) {
		return ((IndexedH2Collection) backend.resolveDatabase("test").resolveCollection("tasks", true))
			.documentsExamined();
	}

	@Override
	public void close() {
		while (!this.closing.isEmpty()) {
			this.closing.pop().run();
		}
	}

}
