package com.licencereminder.shared.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Where the documents that may match some conditions are: the entries of intervals of the
 * index that pass the plan's key filter, in index order, and the unordered documents.
 *
 * @param filter what an entry must meet besides being in an interval (a regular
 * expression on the field after the equality fields, tested on the key alone), null for
 * nothing
 * @param filterKey what the filter is, as a value (the expression, its options and the
 * field's place), so that the index may remember the positions the plan gives
 * ({@link OrderedIndex#rememberedPositions}); null when it is not told
 */
record IndexPlan(OrderedIndex index, List<Interval> intervals, int equalFields, Predicate<Object[]> filter,
		List<Object> filterKey) {

	IndexPlan(OrderedIndex index, List<Interval> intervals, int equalFields) {
		this(index, intervals, equalFields, null, null);
	}

	/** The index's entries from {@code from} to {@code to}, both included. */
	record Interval(Object[] from, Object[] to) {
	}

	/**
	 * How many positions the plan gives, counted up to {@code cap}. Without a key filter
	 * each interval is counted from the index's pages ({@link OrderedIndex#count}),
	 * without reading its entries.
	 */
	long size(long cap) {
		long size = index.unordered().size();
		if (filter == null) {
			for (Interval interval : intervals) {
				size += index.count(interval.from(), interval.to());
			}
			return Math.min(size, cap);
		}
		for (Interval interval : intervals) {
			for (Iterator<Object[]> it = index.entries(interval.from(), interval.to(), false); it.hasNext()
					&& size < cap;) {
				if (passes(it.next())) {
					size++;
				}
			}
		}
		return size;
	}

	/**
	 * Whether the plan's one interval lists its documents in the order of
	 * {@code orderBy}: the field after the equality fields alone, or that field and then
	 * {@code _id} in the same direction (entries tie by position, the {@code _id}),
	 * ascending or descending.
	 */
	boolean sorts(Document orderBy) {
		return direction(orderBy) != 0;
	}

	/**
	 * Whether, besides {@link #sorts}, entries tying in the sorted field come in the
	 * result's order: the field is the index's last, so that the position follows it, and
	 * the sort is ascending (the order the library leaves ties in after sorting the
	 * positions) or names {@code _id} after the field.
	 */
	boolean tiesInScanOrder(Document orderBy) {
		return sorts(orderBy) && equalFields == index.fields().size() - 1
				&& (direction(orderBy) > 0 || unfixed(orderBy).size() == 2);
	}

	/**
	 * The entries of the plan's intervals, in index order or, for a descending sort,
	 * reversed, read from the index as they are asked for.
	 */
	Iterable<Object[]> entries(Document orderBy) {
		if (direction(orderBy) < 0) {
			Interval only = intervals.get(0);
			return () -> filtered(index.entries(only.from(), only.to(), true));
		}
		return () -> filtered(new Iterator<>() {

			private int next;

			private Iterator<Object[]> current = Collections.emptyIterator();

			@Override
			public boolean hasNext() {
				while (!this.current.hasNext() && this.next < intervals.size()) {
					Interval interval = intervals.get(this.next++);
					this.current = index.entries(interval.from(), interval.to(), false);
				}
				return this.current.hasNext();
			}

			@Override
			public Object[] next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				return this.current.next();
			}

		});
	}

	/**
	 * The positions of the plan's entries (not its unordered documents), a set the caller
	 * may change. Those of a plan with a told filter are remembered by the index while
	 * its entries do not change, so that a search's count and its page read the keys
	 * once.
	 */
	Set<Object> positions() {
		if (filterKey == null) {
			return readPositions();
		}
		List<Object> key = new ArrayList<>(filterKey);
		intervals.forEach(interval -> key.add(List.of(Arrays.asList(interval.from()), Arrays.asList(interval.to()))));
		return index.rememberedPositions(key, this::readPositions);
	}

	private Set<Object> readPositions() {
		Set<Object> positions = new HashSet<>();
		entries(null).forEach(entry -> positions.add(OrderedIndex.position(entry)));
		return positions;
	}

	/**
	 * This plan with only the entries whose position is among {@code positions}: every
	 * document another plan may hold a match among (its {@link #positions} and its
	 * index's unordered documents), found by reading that plan's keys alone.
	 */
	IndexPlan within(Set<Object> positions) {
		Predicate<Object[]> member = entry -> positions.contains(OrderedIndex.position(entry));
		return new IndexPlan(index, intervals, equalFields, filter == null ? member : filter.and(member), null);
	}

	private boolean passes(Object[] entry) {
		return filter == null || filter.test(entry);
	}

	private Iterator<Object[]> filtered(Iterator<Object[]> entries) {
		return filter == null ? entries
				: StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED), false)
					.filter(filter)
					.iterator();
	}

	/**
	 * 1 or -1 when the plan lists its documents in the order of the sort (see
	 * {@link #sorts}), else 0.
	 */
	private int direction(Document orderBy) {
		if (orderBy == null || orderBy.isEmpty() || intervals.size() != 1 || equalFields >= index.fields().size()) {
			return 0;
		}
		Document unfixed = unfixed(orderBy);
		if (unfixed.isEmpty() || unfixed.size() > 2) {
			return 0;
		}
		Iterator<Map.Entry<String, Object>> keys = unfixed.entrySet().iterator();
		Map.Entry<String, Object> first = keys.next();
		if (!first.getKey().equals(index.fields().get(equalFields)) || !(first.getValue() instanceof Number value)) {
			return 0;
		}
		int direction = Integer.signum(value.intValue());
		if (keys.hasNext()) {
			Map.Entry<String, Object> second = keys.next();
			if (!second.getKey().equals("_id") || !(second.getValue() instanceof Number tie)
					|| Integer.signum(tie.intValue()) != direction) {
				return 0;
			}
		}
		return direction;
	}

	/**
	 * The sort without the fields the plan's one interval fixes by equality, which order
	 * nothing among its documents (as MongoDB's planner drops them): a sort on
	 * {@code status} then {@code createdAt} of {@code status: "OPEN"} sorts by
	 * {@code createdAt}.
	 */
	private Document unfixed(Document orderBy) {
		if (intervals.size() != 1 || equalFields == 0) {
			return orderBy;
		}
		List<String> fixed = index.fields().subList(0, equalFields);
		Document unfixed = new Document();
		orderBy.forEach((field, direction) -> {
			if (!fixed.contains(field)) {
				unfixed.put(field, direction);
			}
		});
		return unfixed;
	}

	Collection<Object> unordered() {
		return index.unordered();
	}

	/** The value an entry of this plan has in the field its intervals are ordered by. */
	static Object sortValue(Object[] entry, int equalFields) {
		return entry[equalFields];
	}

}
