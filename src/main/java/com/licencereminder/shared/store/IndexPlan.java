package com.licencereminder.shared.store;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Where the documents that may match some conditions are: intervals of the index, in
 * index order, and the unordered documents.
 */
record IndexPlan(OrderedIndex index, List<NavigableSet<Object[]>> intervals, int equalFields) {

	/** How many positions the plan gives, counted up to {@code cap}. */
	long size(long cap) {
		long size = index.unordered().size();
		for (NavigableSet<Object[]> interval : intervals) {
			for (Iterator<Object[]> it = interval.iterator(); it.hasNext() && size < cap; it.next()) {
				size++;
			}
		}
		return size;
	}

	/**
	 * Whether the plan's one interval lists its documents in the order of {@code orderBy}
	 * (ascending or descending on the field after the equality fields alone).
	 */
	boolean sorts(Document orderBy) {
		return orderBy != null && orderBy.size() == 1 && intervals.size() == 1 && equalFields < index.fields().size()
				&& orderBy.containsKey(index.fields().get(equalFields));
	}

	/**
	 * Whether, besides {@link #sorts}, entries tying in the sorted field come in
	 * ascending position order, the order the library leaves ties in after sorting the
	 * positions: the sort is ascending and the field is the index's last, so that the
	 * position follows it.
	 */
	boolean tiesInScanOrder(Document orderBy) {
		return sorts(orderBy) && equalFields == index.fields().size() - 1
				&& ((Number) orderBy.values().iterator().next()).intValue() > 0;
	}

	/**
	 * The entries of the plan's intervals, in index order or, for a descending sort,
	 * reversed.
	 */
	Iterable<Object[]> entries(Document orderBy) {
		if (sorts(orderBy) && ((Number) orderBy.values().iterator().next()).intValue() < 0) {
			return intervals.get(0).descendingSet();
		}
		return () -> intervals.stream().flatMap(Collection::stream).iterator();
	}

	Collection<Object> unordered() {
		return index.unordered();
	}

	/** The value an entry of this plan has in the field its intervals are ordered by. */
	static Object sortValue(Object[] entry, int equalFields) {
		return entry[equalFields];
	}

}
