package com.licencereminder.shared.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded store.
 *
 * @param path the H2 MVStore file; {@code memory} keeps everything in memory (tests)
 * @param database the database name the service uses on it
 * @param commitDelay how often the H2 file store commits its writes; a process killed without
 *     shutdown loses at most about this much (H2's own default is 1 s), except what
 *     {@code StoreDurability.flush()} committed
 */
@ConfigurationProperties("licence-reminder.embedded-mongo")
record EmbeddedMongoProperties(@DefaultValue("./data/licence-reminder.mv") String path,
		@DefaultValue("licence-reminder") String database, @DefaultValue("100ms") Duration commitDelay) {

	boolean inMemory() {
		return "memory".equalsIgnoreCase(path);
	}

}
