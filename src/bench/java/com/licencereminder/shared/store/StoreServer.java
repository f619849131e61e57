package com.licencereminder.shared.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The embedded store alone, in a process of its own, for benchmarks that measure the
 * service's memory without the store's (as on MongoDB): the service's H2 backend on a
 * fresh file, listening on {@code localhost:<benchmark.store-port>} (default 27999) until
 * the process is killed; system properties {@code licence-reminder.embedded-mongo.*}
 * change its settings. Run it with the test class path, e.g.
 * {@code java -Xmx4g -cp "target/test-classes:target/classes:$(cat cp.txt)" com.licencereminder.shared.store.StoreServer}
 * (see {@code docs/benchmarks.md}, "Export benchmark").
 */
final class StoreServer {

	private StoreServer() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.getInteger("benchmark.store-port", 27999);
		Path dir = Files.createTempDirectory("licence-store-server-");
		Map<String, String> settings = new HashMap<>(Map.of("licence-reminder.embedded-mongo.path",
				dir.resolve("store.mv").toString(), "licence-reminder.embedded-mongo.close-compaction", "0s"));
		System.getProperties()
			.stringPropertyNames()
			.stream()
			.filter(name -> name.startsWith("licence-reminder.embedded-mongo."))
			.forEach(name -> settings.put(name, System.getProperty(name)));
		EmbeddedMongoProperties properties = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("licence-reminder.embedded-mongo", EmbeddedMongoProperties.class);
		MongoServer server = new MongoServer(new EmbeddedMongoConfiguration().embeddedMongoBackend(properties));
		server.bind("localhost", port);
		System.out.printf("Store at %s listening on localhost:%d%n", dir, port);
		Thread.currentThread().join();
	}

}
