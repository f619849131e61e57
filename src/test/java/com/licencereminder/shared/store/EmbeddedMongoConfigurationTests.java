package com.licencereminder.shared.store;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntPredicate;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmbeddedMongoConfigurationTests {

	/** A background compaction target other than H2's and the service's default (90). */
	private static final int COMPACT_FILL_RATE = 70;

	@TempDir
	Path folder;

	@Test
	void theFileStoreTakesItsPageCacheChunkRetentionAndCompactionTargetFromTheProperties() throws Exception {
		MVStore store = open("store.mv", false, Duration.ofMinutes(2), Duration.ZERO, COMPACT_FILL_RATE).getMvStore();
		try {
			assertThat(store.getCacheSize()).isEqualTo(32);
			assertThat(store.getRetentionTime()).isEqualTo(120_000);
			assertThat(autoCompactFillRate(store)).isEqualTo(COMPACT_FILL_RATE);
		}
		finally {
			store.close();
		}
	}

	/**
	 * H2's background compaction target, which its file store keeps to itself (a
	 * protected getter).
	 */
	private static int autoCompactFillRate(MVStore store) throws ReflectiveOperationException {
		Method getter = FileStore.class.getDeclaredMethod("getAutoCompactFillRate");
		getter.setAccessible(true);
		return (int) getter.invoke(store.getFileStore());
	}

	@Test
	void compressionMakesTheFileOfTheSameDataSmaller() throws IOException {
		long plain = fill("plain.mv", false);
		long compressed = fill("compressed.mv", true);

		assertThat(compressed).isLessThan(plain / 2);
	}

	@Test
	void aCacheUnderOneMegabyteARetentionOrACompactionTargetOutOfRangeIsRefusedNamingTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(DataSize.ofKilobytes(512), Duration.ofMinutes(1)))
			.withMessageContaining("licence-reminder.embedded-mongo.cache-size");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(DataSize.ofMegabytes(32), Duration.ofSeconds(-1)))
			.withMessageContaining("licence-reminder.embedded-mongo.retention");
		assertThatIllegalArgumentException().isThrownBy(() -> properties(DataSize.ofMegabytes(32), Duration.ofDays(30)))
			.withMessageContaining("licence-reminder.embedded-mongo.retention");
		assertThat(properties(DataSize.ofMegabytes(1), Duration.ZERO).retention()).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> properties(-1))
			.withMessageContaining("licence-reminder.embedded-mongo.compact-fill-rate");
		assertThatIllegalArgumentException().isThrownBy(() -> properties(101))
			.withMessageContaining("licence-reminder.embedded-mongo.compact-fill-rate");
		assertThat(properties(0).compactFillRate()).isZero();
		assertThat(properties(100).compactFillRate()).isEqualTo(100);
	}

	private static EmbeddedMongoProperties properties(DataSize cacheSize, Duration retention) {
		return new EmbeddedMongoProperties("memory", "test", Duration.ofMillis(100), cacheSize, retention, false,
				DataSize.ofGigabytes(2), 200_000, Duration.ZERO, 90);
	}

	private static EmbeddedMongoProperties properties(int compactFillRate) {
		return new EmbeddedMongoProperties("memory", "test", Duration.ofMillis(100), DataSize.ofMegabytes(32),
				Duration.ofSeconds(45), false, DataSize.ofGigabytes(2), 200_000, Duration.ZERO, compactFillRate);
	}

	/**
	 * Ten rounds rewrite every entry, so a tenth of what was written is live; a clean
	 * shutdown leaves the file little larger than that (3.1 MB of 30.5 MB measured, where
	 * H2's own {@code compactFile} left 6 to 15 MB), and so does a second one.
	 */
	@Test
	void aCleanShutdownGivesBackTheSpaceOfChunksWithoutLiveData() throws IOException {
		long kept = rewriteAndClose("kept.mv", Duration.ZERO);
		long compacted = rewriteAndClose("compacted.mv", Duration.ofSeconds(10));

		assertThat(compacted).isLessThan(kept / 8);
		open("compacted.mv", false, Duration.ofSeconds(45), Duration.ofSeconds(10)).close();
		assertThat(Files.size(this.folder.resolve("compacted.mv"))).as("opened and closed again without changes")
			.isLessThan(kept / 8);
	}

	/**
	 * Chunks that are all live, far apart after the dead chunks between them were freed:
	 * no chunk is worth rewriting, yet half the file is gaps. H2's own
	 * {@code compactFile} left such a file as it was.
	 */
	@Test
	void aCleanShutdownMovesLiveChunksIntoTheGapsDeadChunksLeft() throws IOException {
		IndexedH2Backend backend = open("gaps.mv", false, Duration.ZERO, Duration.ofSeconds(10));
		MVStore store = backend.getMvStore();
		writeRoundsKeeping(store, 20, round -> round % 2 == 0);
		long before = Files.size(this.folder.resolve("gaps.mv"));
		assertThat(store.getFileStore().getFillRate()).as("blocks in use, %").isLessThan(60);
		assertThat(store.getFileStore().getChunksFillRate()).as("live share of the chunks, %").isGreaterThan(90);

		backend.close();

		assertThat(Files.size(this.folder.resolve("gaps.mv"))).isLessThan(before * 6 / 10);
		MVStore reopened = open("gaps.mv", false).getMvStore();
		MVMap<Integer, String> read = reopened.openMap("kept");
		assertThat(read).hasSize(20_000);
		assertThat(read.get(180_000 + 1_999)).startsWith("round 18 食品经营许可证 JY1999");
		reopened.close();
	}

	/**
	 * Ten live chunks far apart in the middle of the file, ten side by side at its end,
	 * and a move of about three chunks a step: H2 moves the ones in the middle first,
	 * which changes neither the file's size nor its share of blocks in use, and only a
	 * later step reaches the end. The move goes on for as long as its steps move chunks.
	 */
	@Test
	void aCleanShutdownGoesOnMovingChunksWhileItsStepsMoveThemInTheMiddleOfTheFile() throws IOException {
		Path file = this.folder.resolve("middle.mv");
		MVStore store = new MVStore.Builder().fileName(file.toString()).open();
		store.setRetentionTime(0);
		IndexedH2Backend backend = new IndexedH2Backend(store, Duration.ofSeconds(10), 1 << 20);
		writeRoundsKeeping(store, 50, round -> round >= 40 || round % 4 == 0);
		long before = Files.size(file);
		assertThat(store.getFileStore().getFillRate()).as("blocks in use, %").isLessThan(50);
		assertThat(store.getFileStore().getChunksFillRate()).as("live share of the chunks, %").isGreaterThan(90);

		backend.close();

		assertThat(Files.size(file)).isLessThan(before / 2);
		MVStore reopened = new MVStore.Builder().fileName(file.toString()).readOnly().open();
		MVMap<Integer, String> read = reopened.openMap("kept");
		assertThat(read).hasSize(40_000);
		assertThat(read.get(490_000 + 1_999)).startsWith("round 49 食品经营许可证 JY1999");
		reopened.close();
	}

	/**
	 * Writes rounds of 2,000 entries, a chunk each, and keeps those of the rounds given
	 * in the map {@code kept}: the others' map is removed and H2 frees their chunks,
	 * leaving gaps where they were.
	 */
	private static void writeRoundsKeeping(MVStore store, int rounds, IntPredicate kept) {
		MVMap<Integer, String> keptRounds = store.openMap("kept");
		MVMap<Integer, String> dropped = store.openMap("dropped");
		for (int round = 0; round < rounds; round++) {
			MVMap<Integer, String> map = kept.test(round) ? keptRounds : dropped;
			for (int i = 0; i < 2_000; i++) {
				map.put(round * 10_000 + i,
						"round " + round + " 食品经营许可证 JY" + i + " reminder task pending SMS ".repeat(4));
			}
			store.commit();
		}
		store.removeMap(dropped);
		// Versions past the five H2 keeps, so that it frees the removed map's chunks.
		MVMap<String, Integer> tick = store.openMap("tick");
		for (int version = 0; version < 10; version++) {
			tick.put("version", version);
			store.commit();
		}
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
		return open(name, compress, retention, closeCompaction, 90);
	}

	private IndexedH2Backend open(String name, boolean compress, Duration retention, Duration closeCompaction,
			int compactFillRate) {
		return new EmbeddedMongoConfiguration().embeddedMongoBackend(new EmbeddedMongoProperties(
				this.folder.resolve(name).toString(), "test", Duration.ofMillis(100), DataSize.ofMegabytes(32),
				retention, compress, DataSize.ofGigabytes(2), 200_000, closeCompaction, compactFillRate));
	}

}
