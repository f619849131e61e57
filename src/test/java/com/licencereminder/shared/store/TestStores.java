package com.licencereminder.shared.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's file as the service reads it, for tests of other modules that look
 * into a file a service process left behind.
 */
public final class TestStores {

	private TestStores() {
	}

	/** The backends of the servers {@link #serveInMemory()} gave. */
	private static final Map<MongoServer, IndexedH2Backend> BACKENDS = Collections.synchronizedMap(new WeakHashMap<>());

	/** A server on a new in-memory store, bound to a free loopback port. */
	public static MongoServer serveInMemory() {
		IndexedH2Backend backend = IndexedH2Backend.inMemoryStore();
		MongoServer server = new MongoServer(backend);
		BACKENDS.put(server, backend);
		server.bind("localhost", 0);
		return server;
	}

	/**
	 * How many documents queries on a collection of a server {@link #serveInMemory()}
	 * gave have examined ({@link IndexedH2Collection#documentsExamined()}).
	 */
	public static long documentsExamined(MongoServer server, String database, String collection) {
		return ((IndexedH2Collection) BACKENDS.get(server)
			.resolveDatabase(database)
			.resolveCollection(collection, true)).documentsExamined();
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

}
