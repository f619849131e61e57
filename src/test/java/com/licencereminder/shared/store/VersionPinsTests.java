package com.licencereminder.shared.store;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A read that outlives its version on the file store: it starts, then every entry it has
 * still to read is rewritten and the file compacted, with no retention time, so that the
 * chunks it needs are freed unless its version is kept; a {@link ScanCursor}'s batch is
 * such a read.
 */
class VersionPinsTests {

	private static final int ENTRIES = 20_000;

	@TempDir
	Path dir;

	private MVStore store;

	private MVMap<Integer, String> map;

	@BeforeEach
	void open() {
		this.store = new MVStore.Builder().fileName(this.dir.resolve("store.mv").toString())
			.cacheSize(1)
			.autoCommitDisabled()
			.open();
		this.store.setRetentionTime(0);
		this.map = this.store.openMap("documents");
		for (int i = 0; i < ENTRIES; i++) {
			this.map.put(i, "first " + "x".repeat(500));
		}
		this.store.commit();
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void aReadWithItsVersionKeptReadsEveryEntryAsItWasWhenItStarted() {
		int read = VersionPins.during(this.store, this::readWhileEverythingIsRewritten);

		assertThat(read).isEqualTo(ENTRIES);
	}

	@Test
	void withoutItTheSameReadFailsOnAFreedChunk() {
		assertThatExceptionOfType(MVStoreException.class).isThrownBy(this::readWhileEverythingIsRewritten)
			.withMessageContaining("Chunk")
			.withMessageContaining("not found");
	}

	@Test
	void aScanCursorKeepsTheVersionOfEachBatchWhileItReadsIt() {
		MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents = this.store.openMap("scan");
		for (int i = 0; i < ENTRIES; i++) {
			documents.put(i,
					new de.bwaldvogel.mongo.bson.Document("_id", i).append("text", "first " + "x".repeat(500)));
		}
		this.store.commit();
		AtomicInteger tested = new AtomicInteger();
		ScanCursor cursor = new ScanCursor(1, documents, document -> {
			if (tested.incrementAndGet() == 10) {
				rewriteEverything(documents, i -> i,
						round -> new de.bwaldvogel.mongo.bson.Document("text", "round " + round));
			}
			return true;
		}, UnaryOperator.identity(), 0, 0);

		List<de.bwaldvogel.mongo.bson.Document> batch = cursor.takeDocuments(0);

		assertThat(batch).hasSize(ENTRIES)
			.allSatisfy(document -> assertThat(document.get("text").toString()).startsWith("first"));
	}

	/** How many entries the read gave, each as it was before the rewrite. */
	private int readWhileEverythingIsRewritten() {
		Iterator<Map.Entry<Integer, String>> entries = this.map.entrySet().iterator();
		int read = 0;
		for (; read < 10; read++) {
			assertThat(entries.next().getValue()).startsWith("first");
		}
		rewriteEverything(this.map, i -> i, round -> "round " + round);
		for (; entries.hasNext(); read++) {
			assertThat(entries.next().getValue()).startsWith("first");
		}
		return read;
	}

	/**
	 * Every entry rewritten five times, the file compacted after each round, with no
	 * retention time: only a kept version still reads the entries as they were.
	 */
	private <K, V> void rewriteEverything(MVMap<K, V> map, IntFunction<K> key, IntFunction<V> value) {
		for (int round = 0; round < 5; round++) {
			for (int i = 0; i < ENTRIES; i++) {
				map.put(key.apply(i), value.apply(round));
			}
			this.store.commit();
			this.store.compact(100, 16 << 20);
			this.store.commit();
		}
	}

}
