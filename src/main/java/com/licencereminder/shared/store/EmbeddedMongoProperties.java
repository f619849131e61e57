package com.licencereminder.shared.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded store.
 *
 * @param path the H2 MVStore file; {@code memory} keeps everything in memory (tests)
 * @param database the database name the service uses on it
 */
@ConfigurationProperties("licence-reminder.embedded-mongo")
record EmbeddedMongoProperties(@DefaultValue("./data/licence-reminder.mv") String path,
		@DefaultValue("licence-reminder") String database) {

	boolean inMemory() {
		return "memory".equalsIgnoreCase(path);
	}

}
