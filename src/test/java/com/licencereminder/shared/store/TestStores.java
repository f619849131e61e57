package com.licencereminder.shared.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The embedded store for tests of other modules: in memory behind a server and a
 * template, or a file as the service reads it, to look into a file a service process left
 * behind.
 */
public final class TestStores {

	private TestStores() {
	}

	/**
	 * A server on a new in-memory store, bound to a free loopback port, and its client.
	 */
	public static InMemoryStore inMemory() {
		return new InMemoryStore(IndexedH2Backend.inMemoryStore());
	}

	/**
	 * A server on a copy of the file (so that opening it, which records the store as open
	 * and may rebuild its indexes, leaves the file as the process left it), bound to a
	 * free loopback port; its shutdown closes the copy.
	 */
	public static MongoServer serveCopyOf(Path file) {
		try {
			Path copy = Files.createTempFile(file.getParent(), "copy-", ".mv");
			Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
			MongoServer server = new MongoServer(new IndexedH2Backend(MVStore.open(copy.toString())));
			server.bind("localhost", 0);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy the store file " + file, ex);
		}
	}

	/**
	 * A server on an in-memory store with a driver client and a template on its database
	 * {@code test}; closing ends the client and the server.
	 */
	public static final class InMemoryStore implements AutoCloseable {

		private final IndexedH2Backend backend;

		private final MongoServer server;

		private final MongoClient client;

		private final MongoTemplate template;

		private InMemoryStore(IndexedH2Backend backend) {
			this.backend = backend;
			this.server = new MongoServer(backend);
			this.server.bind("localhost", 0);
			this.client = MongoClients.create("mongodb://localhost:" + this.server.getLocalAddress().getPort());
			this.template = new MongoTemplate(this.client, "test");
		}

		public MongoTemplate template() {
			return this.template;
		}

		/**
		 * How many documents queries on a collection of {@code test} have examined
		 * ({@link IndexedH2Collection#documentsExamined()}).
		 */
		public long documentsExamined(String collection) {
			return ((IndexedH2Collection) this.backend.resolveDatabase("test").resolveCollection(collection, true))
				.documentsExamined();
		}

		@Override
		public void close() {
			this.client.close();
			this.server.shutdownNow();
		}

	}

}
