package com.licencereminder.shared.store;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

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
 * chunks it needs are freed unless its version is kept.
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

	/** How many entries the read gave, each as it was before the rewrite. */
	private int readWhileEverythingIsRewritten() {
		Iterator<Map.Entry<Integer, String>> entries = this.map.entrySet().iterator();
		int read = 0;
		for (; read < 10; read++) {
			assertThat(entries.next().getValue()).startsWith("first");
		}
		for (int round = 0; round < 5; round++) {
			for (int i = 0; i < ENTRIES; i++) {
				this.map.put(i, "round " + round);
			}
			this.store.commit();
			this.store.compact(100, 16 << 20);
			this.store.commit();
		}
		for (; entries.hasNext(); read++) {
			assertThat(entries.next().getValue()).startsWith("first");
		}
		return read;
	}

}
