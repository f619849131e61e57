package com.licencereminder.shared.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmbeddedMongoConfigurationTests {

	@TempDir
	Path folder;

	@Test
	void theFileStoreTakesItsPageCacheAndChunkRetentionFromTheProperties() {
		MVStore store = open("store.mv", false).getMvStore();
		try {
			assertThat(store.getCacheSize()).isEqualTo(32);
			assertThat(store.getRetentionTime()).isEqualTo(120_000);
		}
		finally {
			store.close();
		}
	}

	@Test
	void compressionMakesTheFileOfTheSameDataSmaller() throws IOException {
		long plain = fill("plain.mv", false);
		long compressed = fill("compressed.mv", true);

		assertThat(compressed).isLessThan(plain / 2);
	}

	@Test
	void aCacheUnderOneMegabyteOrARetentionOutOfRangeIsRefusedNamingTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(DataSize.ofKilobytes(512), Duration.ofMinutes(1)))
			.withMessageContaining("licence-reminder.embedded-mongo.cache-size");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(DataSize.ofMegabytes(32), Duration.ofSeconds(-1)))
			.withMessageContaining("licence-reminder.embedded-mongo.retention");
		assertThatIllegalArgumentException().isThrownBy(() -> properties(DataSize.ofMegabytes(32), Duration.ofDays(30)))
			.withMessageContaining("licence-reminder.embedded-mongo.retention");
		assertThat(properties(DataSize.ofMegabytes(1), Duration.ZERO).retention()).isZero();
	}

	private static EmbeddedMongoProperties properties(DataSize cacheSize, Duration retention) {
		return new EmbeddedMongoProperties("memory", "test", Duration.ofMillis(100), cacheSize, retention, false,
				DataSize.ofGigabytes(2), 200_000, Duration.ZERO);
	}

	@Test
	void aCleanShutdownGivesBackTheSpaceOfChunksWithoutLiveData() throws IOException {
		long kept = rewriteAndClose("kept.mv", Duration.ZERO);
		long compacted = rewriteAndClose("compacted.mv", Duration.ofSeconds(10));

		assertThat(compacted).isLessThan(kept / 2);
		open("compacted.mv", false, Duration.ofSeconds(45), Duration.ofSeconds(10)).close();
		assertThat(Files.size(this.folder.resolve("compacted.mv"))).as("closed again without changes")
			.isEqualTo(compacted);
	}

	/** The file's size after writing every entry ten times, then closing the backend. */
	private long rewriteAndClose(String name, Duration closeCompaction) throws IOException {
		IndexedH2Backend backend = open(name, false, Duration.ofSeconds(45), closeCompaction);
		MVStore store = backend.getMvStore();
		MVMap<Integer, String> map = store.openMap("data");
		for (int round = 0; round < 10; round++) {
			for (int i = 0; i < 20_000; i++) {
				map.put(i, "round " + round + " 食品经营许可证 JY" + i + " reminder task pending SMS ".repeat(4));
			}
			store.commit();
		}
		backend.close();
		return Files.size(this.folder.resolve(name));
	}

	private long fill(String name, boolean compress) throws IOException {
		MVStore store = open(name, compress).getMvStore();
		MVMap<Integer, String> map = store.openMap("data");
		for (int i = 0; i < 20_000; i++) {
			map.put(i, "食品经营许可证 JY" + i + " reminder task pending SMS ".repeat(4));
		}
		store.close();
		return Files.size(this.folder.resolve(name));
	}

	private IndexedH2Backend open(String name, boolean compress) {
		return open(name, compress, Duration.ofMinutes(2), Duration.ZERO);
	}

	private IndexedH2Backend open(String name, boolean compress, Duration retention, Duration closeCompaction) {
		return new EmbeddedMongoConfiguration().embeddedMongoBackend(new EmbeddedMongoProperties(
				this.folder.resolve(name).toString(), "test", Duration.ofMillis(100), DataSize.ofMegabytes(32),
				retention, compress, DataSize.ofGigabytes(2), 200_000, closeCompaction));
	}

}
