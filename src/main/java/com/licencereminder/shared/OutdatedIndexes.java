package com.licencereminder.shared;

import java.util.function.Predicate;

import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;

/**
 * Drops an index an earlier version made differently, at start-up, also while other
 * instances start on the same database: each may find it and drop it, and only the first
 * drop finds it still there.
 */
public final class OutdatedIndexes {

	private OutdatedIndexes() {
	}

	/**
	 * Drops the index of that name if there is one and it is outdated. A drop that fails
	 * because the index is gone by then (another instance dropped it) is not an error;
	 * any other failure is thrown.
	 */
	public static void drop(IndexOperations indexes, String name, Predicate<IndexInfo> outdated) {
		if (indexes.getIndexInfo().stream().noneMatch(index -> index.getName().equals(name) && outdated.test(index))) {
			return;
		}
		try {
			indexes.dropIndex(name);
		}
		catch (DataAccessException ex) {
			if (indexes.getIndexInfo().stream().anyMatch(index -> index.getName().equals(name))) {
				throw ex;
			}
		}
	}

}
