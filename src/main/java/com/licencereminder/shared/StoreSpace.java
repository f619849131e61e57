package com.licencereminder.shared;

import java.util.Map;

/**
 * The disk under the embedded store: free space against the minimum the service keeps
 * ({@code licence-reminder.embedded-mongo.min-free-disk}), the store's size and its
 * documents per collection. Writes that can grow the store by much (imports) are refused
 * while it is {@link Reading#low() low}; everything else, the dispatcher included, goes
 * on. On MongoDB the service cannot see the server's disk: the reading is
 * {@link Reading#UNKNOWN} and never low.
 */
public interface StoreSpace {

	/** Reads the disk and the store now. */
	Reading read();

	/**
	 * Whether free space is under the minimum now ({@link Reading#low()}), reading only
	 * the free space where the implementation can.
	 */
	default boolean low() {
		return read().low();
	}

	/**
	 * A reading of the store's disk.
	 *
	 * @param directory the directory the store's file is in (for an in-memory store, the
	 * working directory, where uploads and exports' temporary files go); null on MongoDB
	 * @param freeBytes usable free space there
	 * @param minFreeBytes the free space below which imports are refused
	 * @param storeBytes the store's file size (0 in memory)
	 * @param documents documents per collection of the service's database
	 */
	record Reading(String directory, long freeBytes, long minFreeBytes, long storeBytes, Map<String, Long> documents) {

		/** The reading on MongoDB: nothing known, never low. */
		public static final Reading UNKNOWN = new Reading(null, -1, 0, -1, Map.of());

		/** Whether free space is under the minimum. */
		public boolean low() {
			return directory != null && freeBytes < minFreeBytes;
		}

		/** Whether this reads the embedded store's disk. */
		public boolean known() {
			return directory != null;
		}

	}

}
