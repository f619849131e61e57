package com.licencereminder.shared.store;

import java.util.function.Supplier;

import org.h2.mvstore.MVStore;

/**
 * Reads that keep the store's version they start on. A map's iterator reads the map as of
 * that version; H2 frees a chunk once it holds no live data, is older than the retention
 * time and no version still in use needs it, and a read that needs a freed chunk fails
 * with "Chunk ... not found". Registering the version as in use (as H2's own transactions
 * do) keeps its chunks for as long as the read runs, whatever the retention time and
 * however long the read takes (decision 0092).
 */
final class VersionPins {

	private VersionPins() {
	}

	/** The read's result, with the store's current version kept while it runs. */
	static <T> T during(MVStore store, Supplier<T> read) {
		MVStore.TxCounter pin = store.registerVersionUsage();
		try {
			return read.get();
		}
		finally {
			store.deregisterVersionUsage(pin);
		}
	}

}
