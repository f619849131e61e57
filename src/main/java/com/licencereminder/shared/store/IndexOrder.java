package com.licencereminder.shared.store;

import java.time.Instant;
import java.util.Comparator;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The order of the values an {@link OrderedIndex} holds: the library's own
 * ({@link ValueComparator}), computed faster for the types the index orders, and which
 * values those are.
 */
final class IndexOrder {

	static final ValueComparator LIBRARY = ValueComparator.asc();

	/**
	 * Entries are arrays (the smallest form in the heap): the fields' values, then the
	 * position.
	 */
	static final Comparator<Object[]> ENTRIES = (left, right) -> {
		for (int i = 0; i < left.length; i++) {
			int cmp = compareValues(left[i], right[i]);
			if (cmp != 0) {
				return cmp;
			}
		}
		return 0;
	};

	private IndexOrder() {
	}

	/**
	 * The library's order ({@link ValueComparator}) for the values an entry or a bound
	 * holds, without its search through the type list on every call (it was most of the
	 * cost of keeping the indexes in step): MinKey, null or missing, integers, strings,
	 * object ids, booleans, dates, MaxKey, each type in its natural order.
	 */
	static int compareValues(Object left, Object right) {
		if (left == right) {
			return 0;
		}
		int leftRank = rank(left);
		int rightRank = rank(right);
		if (leftRank < 0 || rightRank < 0) {
			return LIBRARY.compare(left, right);
		}
		if (leftRank != rightRank) {
			return Integer.compare(leftRank, rightRank);
		}
		return switch (leftRank) {
			case 2 -> Long.compare(((Number) left).longValue(), ((Number) right).longValue());
			case 3 -> ((String) left).compareTo((String) right);
			case 4 -> ((ObjectId) left).compareTo((ObjectId) right);
			case 5 -> Boolean.compare((Boolean) left, (Boolean) right);
			case 6 -> ((Instant) left).compareTo((Instant) right);
			default -> 0;
		};
	}

	private static int rank(Object value) {
		if (value == null || value instanceof Missing) {
			return 1;
		}
		if (value instanceof String) {
			return 3;
		}
		if (value instanceof Instant) {
			return 6;
		}
		if (value instanceof Integer || value instanceof Long) {
			return 2;
		}
		if (value instanceof ObjectId) {
			return 4;
		}
		if (value instanceof Boolean) {
			return 5;
		}
		if (value instanceof MinKey) {
			return 0;
		}
		return value instanceof MaxKey ? 7 : -1;
	}

	/**
	 * Whether the value is of a type whose library order is total and agrees with
	 * equality.
	 */
	static boolean ordered(Object value) {
		return value instanceof String || value instanceof Instant || value instanceof Boolean
				|| value instanceof ObjectId || value instanceof Integer || value instanceof Long;
	}

}
