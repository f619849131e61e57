package com.licencereminder.shared.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the embedded store.
 *
 * @param path the H2 MVStore file; {@code memory} keeps everything in memory (tests)
 * @param database the database name the service uses on it
 * @param commitDelay how often the H2 file store commits its writes; a process killed
 * without shutdown loses at most about this much (H2's own default is 1 s), except what
 * {@code StoreDurability.flush()} committed
 * @param cacheSize the H2 file store's page cache (H2's own default is 16 MB): pages
 * outside it are read back from the file and decoded again on each access
 * @param retention how long the H2 file store keeps chunks that no longer hold live data
 * (H2's own default, 45 s, which allows for disks that write their buffers late): the
 * file grows by what is written within it; reads keep the chunks of the version they
 * started on whatever it is (decision 0092)
 * @param compress whether the H2 file store compresses the pages it writes (LZF; on by
 * default: a district's file peaks at a third of the size, for about a fifth more CPU
 * while importing, decision 0097)
 * @param minFreeDisk the free disk space under the store below which imports are refused
 * (the health component {@code storeDisk} is then OUT_OF_SERVICE; the dispatcher goes on)
 * and a running import stops
 * @param maxLicences the most licences the embedded store is for (default 200,000: a
 * district of 100,000 with room to spare); an import that would bring more is refused
 * before it writes anything, pointing to MongoDB
 * @param closeCompaction how long a clean shutdown may spend compacting the H2 file when
 * less than half of it is live data (partly live chunks rewritten, then the live chunks
 * moved into the gaps and the rest cut off, so that the file at rest is about the size of
 * its data; decision 0108); zero turns it off
 * @param compactFillRate the live share, in percent, H2's background compaction works
 * towards while the service runs (H2's {@code autoCompactFillRate}, default 90): partly
 * live chunks below it are rewritten and chunks moved into the gaps between them; 0 turns
 * it off. A lower target leaves the console's page reads more of the CPU and the disk
 * while the dispatcher sends a backlog, and keeps the file larger while the service runs
 * (decision 0101); a clean shutdown compacts whatever the target
 */
@ConfigurationProperties("licence-reminder.embedded-mongo")
record EmbeddedMongoProperties(@DefaultValue("./data/licence-reminder.mv") String path,
		@DefaultValue("licence-reminder") String database, @DefaultValue("100ms") Duration commitDelay,
		@DefaultValue("128MB") DataSize cacheSize, @DefaultValue("45s") Duration retention,
		@DefaultValue("true") boolean compress, @DefaultValue("2GB") DataSize minFreeDisk,
		@DefaultValue("200000") long maxLicences, @DefaultValue("20s") Duration closeCompaction,
		@DefaultValue("90") int compactFillRate) {

	/** The longest retention H2 accepts (its milliseconds are an {@code int}). */
	private static final Duration MAX_RETENTION = Duration.ofMillis(Integer.MAX_VALUE);

	/**
	 * @throws IllegalArgumentException for a page cache under 1 MB, a retention that is
	 * negative or longer than about 24 days, no licences at all, or a compaction fill
	 * rate outside 0 to 100, naming the setting
	 */
	EmbeddedMongoProperties {
		if (cacheSize.toMegabytes() < 1) {
			throw new IllegalArgumentException(
					"licence-reminder.embedded-mongo.cache-size must be at least 1MB, was " + cacheSize);
		}
		if (maxLicences < 1) {
			throw new IllegalArgumentException(
					"licence-reminder.embedded-mongo.max-licences must be at least 1, was " + maxLicences);
		}
		if (retention.isNegative() || retention.compareTo(MAX_RETENTION) > 0) {
			throw new IllegalArgumentException("licence-reminder.embedded-mongo.retention must be between 0 and "
					+ MAX_RETENTION.toDays() + " days, was " + retention);
		}
		if (compactFillRate < 0 || compactFillRate > 100) {
			throw new IllegalArgumentException(
					"licence-reminder.embedded-mongo.compact-fill-rate must be between 0 and 100, was "
							+ compactFillRate);
		}
	}

	boolean inMemory() {
		return "memory".equalsIgnoreCase(path);
	}

}
