package com.licencereminder.shared.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.licencereminder.shared.StoreSpace;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import org.h2.mvstore.MVStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * {@link StoreSpace} of the embedded store: the file system of the store's file (or, in
 * memory, of the working directory), the file's size, and the documents of each
 * collection of the service's database as the H2 maps count them (no document is read).
 * The same figures are gauges: {@code store.disk.free} and {@code .disk.min_free} and
 * {@code store.size} (bytes), and {@code store.documents} tagged with the collection, for
 * each collection there is when the service is ready or when the space is read.
 */
final class EmbeddedStoreSpace implements StoreSpace {

	private final MVStore store;

	private final Path file;

	private final Path directory;

	private final String collectionPrefix;

	private final long minFreeBytes;

	private final MeterRegistry meters;

	private final Set<String> measured = ConcurrentHashMap.newKeySet();

	EmbeddedStoreSpace(MVStore store, EmbeddedMongoProperties properties, MeterRegistry meters) {
		this.store = store;
		this.file = properties.inMemory() ? null : Path.of(properties.path()).toAbsolutePath();
		this.directory = this.file == null ? Path.of("").toAbsolutePath() : this.file.getParent();
		this.collectionPrefix = "databases." + properties.database() + ".";
		this.minFreeBytes = properties.minFreeDisk().toBytes();
		this.meters = meters;
		Gauge.builder("store.disk.free", this, EmbeddedStoreSpace::freeBytes)
			.baseUnit(BaseUnits.BYTES)
			.description("Usable free space on the disk of the embedded store")
			.register(meters);
		Gauge.builder("store.disk.min_free", this, space -> space.minFreeBytes)
			.baseUnit(BaseUnits.BYTES)
			.description("Free space below which imports are refused")
			.register(meters);
		Gauge.builder("store.size", this, EmbeddedStoreSpace::storeBytes)
			.baseUnit(BaseUnits.BYTES)
			.description("Size of the embedded store's file")
			.register(meters);
	}

	/** Registers the document gauges of the collections created while starting. */
	@EventListener(ApplicationReadyEvent.class)
	void measureCollections() {
		read();
	}

	@Override
	public Reading read() {
		return new Reading(this.directory.toString(), freeBytes(), this.minFreeBytes, storeBytes(), documents());
	}

	/** Reads only the disk's free space (a {@code statfs}). */
	@Override
	public boolean low() {
		return freeBytes() < this.minFreeBytes;
	}

	/** Usable free space on the store's disk (each gauge reads only its own figure). */
	private long freeBytes() {
		try {
			return Files.getFileStore(this.directory).getUsableSpace();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the disk of the embedded store at " + this.directory, ex);
		}
	}

	/** The store file's size, 0 in memory or before the file exists. */
	private long storeBytes() {
		try {
			return this.file == null || !Files.exists(this.file) ? 0 : Files.size(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the size of the embedded store at " + this.file, ex);
		}
	}

	private Map<String, Long> documents() {
		Map<String, Long> documents = new TreeMap<>();
		for (String name : this.store.getMapNames()) {
			if (name.startsWith(this.collectionPrefix)) {
				String collection = name.substring(this.collectionPrefix.length());
				documents.put(collection, this.store.openMap(name).sizeAsLong());
				if (this.measured.add(collection)) {
					// hasMap first: opening the map of a dropped collection creates it
					// again
					Gauge
						.builder("store.documents", this.store,
								store -> store.hasMap(name) ? store.openMap(name).sizeAsLong() : 0)
						.tag("collection", collection)
						.description("Documents in a collection of the embedded store")
						.register(this.meters);
				}
			}
		}
		return documents;
	}

}
