package com.licencereminder.shared.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.licencereminder.shared.EmbeddedStore;
import com.licencereminder.shared.StoreDurability;
import com.licencereminder.shared.StoreSpace;
import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts mongo-java-server on a random loopback port when {@code spring.mongodb.uri} is
 * not set, and hands its address to Spring Boot as {@link MongoConnectionDetails}. The H2
 * backend keeps the data in one file (default {@code ./data/licence-reminder.mv}),
 * committed every {@code commit-delay} (100 ms) and whenever
 * {@link StoreDurability#flush()} asks for it (the writes that must survive a
 * {@code kill -9}); {@code memory} keeps it in memory. The backend is
 * {@link IndexedH2Backend}, the library's H2 backend with {@code _id} lookups for queries
 * that combine {@code _id} with other conditions (the engine's and delivery's conditional
 * updates) and in-memory ordered indexes for the non-unique indexes the modules declare
 * (the engine's claim and digest queries among them).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.mongodb.uri:}'.isEmpty()")
class EmbeddedMongoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoConfiguration.class);

	/** The store's backend; closed by the server's shutdown, not as a bean of its own. */
	@Bean(destroyMethod = "")
	IndexedH2Backend embeddedMongoBackend(EmbeddedMongoProperties properties) {
		if (properties.inMemory()) {
			return IndexedH2Backend.inMemoryStore();
		}
		Path file = Path.of(properties.path()).toAbsolutePath();
		try {
			Files.createDirectories(file.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the folder of the embedded store " + file, ex);
		}
		MVStore.Builder builder = new MVStore.Builder().fileName(file.toString())
			.cacheSize(Math.toIntExact(properties.cacheSize().toMegabytes()))
			.autoCompactFillRate(properties.compactFillRate());
		MVStore store = (properties.compress() ? builder.compress() : builder).open();
		store.setAutoCommitDelay(Math.toIntExact(Math.max(1, properties.commitDelay().toMillis())));
		store.setRetentionTime(Math.toIntExact(properties.retention().toMillis()));
		return new IndexedH2Backend(store, properties.closeCompaction());
	}

	@Bean(destroyMethod = "shutdown")
	MongoServer embeddedMongoServer(IndexedH2Backend embeddedMongoBackend, EmbeddedMongoProperties properties) {
		MongoServer server = new MongoServer(embeddedMongoBackend);
		server.bind("localhost", 0);
		String where = properties.inMemory() ? "memory" : Path.of(properties.path()).toAbsolutePath() + " (page cache "
				+ properties.cacheSize().toMegabytes() + " MB)";
		log.info("Embedded MongoDB-compatible store (mongo-java-server, H2 backend) at {} listening on {}", where,
				server.getLocalAddress());
		return server;
	}

	/**
	 * Commits the H2 file on {@link StoreDurability#flush()}; nothing to do for the
	 * in-memory store.
	 */
	@Bean
	StoreDurability storeDurability(IndexedH2Backend embeddedMongoBackend, EmbeddedMongoProperties properties,
			MeterRegistry meters) {
		return properties.inMemory() ? () -> {
		} : new H2StoreDurability(embeddedMongoBackend.getMvStore(), meters);
	}

	@Bean
	StoreSpace storeSpace(IndexedH2Backend embeddedMongoBackend, EmbeddedMongoProperties properties,
			MeterRegistry meters) {
		return new EmbeddedStoreSpace(embeddedMongoBackend.getMvStore(), properties, meters);
	}

	/** The health component {@code storeDisk}. */
	@Bean
	StoreSpaceHealthIndicator storeDiskHealthIndicator(StoreSpace storeSpace) {
		return new StoreSpaceHealthIndicator(storeSpace);
	}

	@Bean
	EmbeddedStore embeddedStore(MongoServer embeddedMongoServer, EmbeddedMongoProperties properties) {
		String address = embeddedMongoServer.getLocalAddress().getPort() + "/" + properties.database();
		return new EmbeddedStore("mongodb://localhost:" + address, properties.inMemory() ? "memory" : properties.path(),
				properties.maxLicences());
	}

	@Bean
	MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedStore store) {
		ConnectionString connectionString = new ConnectionString(store.connectionString());
		return () -> connectionString;
	}

}
