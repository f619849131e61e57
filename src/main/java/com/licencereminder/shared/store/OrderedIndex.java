package com.licencereminder.shared.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Constants;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * A non-unique index held in memory: the documents' values of the index's fields, in the order of
 * the library's {@link ValueComparator} field by field and then by position ({@code _id}), for a
 * collection whose positions are its {@code _id} values (mongo-java-server's H2 collections).
 *
 * <p>The library keeps it in step through the {@link Index} hooks it calls on every write path
 * under the collection's lock: {@link #add} after an insert or upsert, {@link #updateInPlace} on an
 * update or replacement (findAndModify included), {@link #remove} on a delete; and it fills it from
 * the collection's documents when the index is created or the store is opened ({@code addIndex}
 * of an empty index). Its ordered set is a concurrent one, so a query the library does not run
 * under that lock (the {@code count} command) reads it safely too.
 *
 * <p>Only values whose library order is a total order consistent with the query matcher's
 * equality are ordered: null or missing, strings, dates, booleans, object ids, 32- and 64-bit
 * integers. A document with any other value in an indexed field (an array, a sub-document, a
 * double, ...) or another kind of {@code _id} is kept in an unordered set instead, and every query
 * through the index examines it; so the index never hides a document a query matches. It is not
 * a multikey index: arrays are in that set. A document whose first indexed field is null or
 * missing is not held at all, as no plan can need it (see {@code entryOf}).
 *
 * <p>The library's own query path never uses it ({@link #canHandle} is false):
 * {@link IndexedH2Collection} plans queries with {@link #plan}.
 */
final class OrderedIndex extends Index<Object> {

	private static final ValueComparator ORDER = ValueComparator.asc();

	/** At most this many intervals from {@code $in} lists on several fields; more fields are left to the filter. */
	private static final int MAX_INTERVALS = 10_000;

	/** Entries are arrays (the smallest form in the heap): the fields' values, then the position. */
	private static final Comparator<Object[]> ENTRY_ORDER = (left, right) -> {
		for (int i = 0; i < left.length; i++) {
			int cmp = compareValues(left[i], right[i]);
			if (cmp != 0) {
				return cmp;
			}
		}
		return 0;
	};

	private static final Object[] UNORDERED = new Object[0];

	private final List<String> fields;

	private final NavigableSet<Object[]> entries = new ConcurrentSkipListSet<>(ENTRY_ORDER);

	private final Set<Object> unordered = ConcurrentHashMap.newKeySet();

	OrderedIndex(String name, List<IndexKey> keys, boolean sparse) {
		super(name, keys, sparse);
		this.fields = keys.stream().map(IndexKey::getKey).toList();
	}

	List<String> fields() {
		return fields;
	}

	/** The position of an entry. */
	static Object position(Object[] entry) {
		return entry[entry.length - 1];
	}

	@Override
	public void add(Document document, Object position, MongoCollection<Object> collection) {
		Object[] entry = entryOf(document, position);
		if (entry == UNORDERED) {
			unordered.add(position);
		}
		else if (entry != null) {
			entries.add(entry);
		}
	}

	@Override
	public Object remove(Document document) {
		Object position = document.get(Constants.ID_FIELD);
		Object[] entry = entryOf(document, position);
		if (entry == UNORDERED) {
			unordered.remove(position);
		}
		else if (entry != null) {
			entries.remove(entry);
		}
		return position;
	}

	@Override
	public void updateInPlace(Document oldDocument, Document newDocument, Object position,
			MongoCollection<Object> collection) {
		Object[] before = entryOf(oldDocument, position);
		Object[] after = entryOf(newDocument, position);
		if (before != null && after != null && before != UNORDERED && after != UNORDERED
				&& ENTRY_ORDER.compare(before, after) == 0) {
			return;
		}
		if (before == UNORDERED) {
			unordered.remove(position);
		}
		else if (before != null) {
			entries.remove(before);
		}
		if (after == UNORDERED) {
			unordered.add(position);
		}
		else if (after != null) {
			entries.add(after);
		}
	}

	/**
	 * The document's entry; {@link #UNORDERED} when one of its values (or its position) has no total
	 * order; null when its first field is null or missing: no plan can need it, since each plan
	 * requires an equality to a value or a range with a bound on the first field, and neither
	 * matches null (as for MongoDB, a range matches values of its bound's type only). Leaving those
	 * out keeps an index on a field most documents lack (a lease owner) small.
	 */
	private Object[] entryOf(Document document, Object position) {
		if (!ordered(position)) {
			return UNORDERED;
		}
		Object[] entry = new Object[fields.size() + 1];
		for (int i = 0; i < fields.size(); i++) {
			Object value = Utils.getSubdocumentValueCollectionAware(document, fields.get(i));
			if (value != null && !(value instanceof Missing) && !ordered(value)) {
				return UNORDERED;
			}
			entry[i] = value;
		}
		if (entry[0] == null || entry[0] instanceof Missing) {
			return null;
		}
		entry[fields.size()] = position;
		return entry;
	}

	/**
	 * The library's order ({@link ValueComparator}) for the values an entry or a bound holds, without
	 * its search through the type list on every call (it was most of the cost of keeping the
	 * indexes in step): MinKey, null or missing, integers, strings, object ids, booleans, dates,
	 * MaxKey, each type in its natural order.
	 */
	static int compareValues(Object left, Object right) {
		if (left == right) {
			return 0;
		}
		int leftRank = rank(left);
		int rightRank = rank(right);
		if (leftRank < 0 || rightRank < 0) {
			return ORDER.compare(left, right);
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

	/** Whether the value is of a type whose library order is total and agrees with equality. */
	static boolean ordered(Object value) {
		return value instanceof String || value instanceof Instant || value instanceof Boolean
				|| value instanceof ObjectId || value instanceof Integer || value instanceof Long;
	}

	/**
	 * The plan that serves the conditions through this index, or null when its first field has no
	 * usable condition: equality (or {@code $in}) on the leading fields, then at most one range
	 * ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}) on the next. Every document matching
	 * the conditions is among the plan's positions.
	 *
	 * @param conditions each field's conditions, as the query writes them, that a matching document
	 * must all meet
	 */
	Plan plan(Map<String, List<Object>> conditions) {
		List<Object[]> prefixes = new ArrayList<>();
		prefixes.add(new Object[0]);
		int used = 0;
		while (used < fields.size()) {
			List<Object> values = equalValues(conditions.get(fields.get(used)));
			if (values == null || (long) prefixes.size() * values.size() > MAX_INTERVALS) {
				break;
			}
			List<Object[]> longer = new ArrayList<>();
			for (Object[] prefix : prefixes) {
				for (Object value : values) {
					Object[] next = Arrays.copyOf(prefix, prefix.length + 1);
					next[prefix.length] = value;
					longer.add(next);
				}
			}
			prefixes = longer;
			used++;
		}
		Range range = used < fields.size() ? Range.of(conditions.get(fields.get(used))) : null;
		if (used == 0 && range == null) {
			return null;
		}
		List<NavigableSet<Object[]>> intervals = new ArrayList<>();
		for (Object[] prefix : prefixes) {
			Object[] from = range == null ? bound(prefix, null, false, true) : bound(prefix, range.low, range.lowExclusive, true);
			Object[] to = range == null ? bound(prefix, null, false, false) : bound(prefix, range.high, range.highExclusive, false);
			if (ENTRY_ORDER.compare(from, to) <= 0) {
				intervals.add(entries.subSet(from, true, to, true));
			}
		}
		return new Plan(this, intervals, used);
	}

	/**
	 * A bound for the entries with the prefix and, at the next field, the value (null: any): the
	 * entry just below them ({@code low}) or just above them; {@code exclusive} turns it round, so
	 * that the entries with the value are left out.
	 */
	private Object[] bound(Object[] prefix, Object value, boolean exclusive, boolean low) {
		Object filler = low == (value != null && exclusive) ? MaxKey.getInstance() : MinKey.getInstance();
		Object[] bound = new Object[fields.size() + 1];
		Arrays.fill(bound, filler);
		System.arraycopy(prefix, 0, bound, 0, prefix.length);
		if (value != null) {
			bound[prefix.length] = value;
		}
		return bound;
	}

	/**
	 * The values a field's conditions allow when one of them is an equality or {@code $in} on
	 * ordered values (sorted and distinct), else null.
	 */
	private static List<Object> equalValues(List<Object> conditions) {
		if (conditions == null) {
			return null;
		}
		for (Object condition : conditions) {
			Collection<?> values = null;
			if (ordered(condition)) {
				values = List.of(condition);
			}
			else if (condition instanceof Document document && ordered(document.get("$eq"))) {
				values = List.of(document.get("$eq"));
			}
			else if (condition instanceof Document document && document.get("$in") instanceof Collection<?> in
					&& in.stream().allMatch(OrderedIndex::ordered)) {
				values = in;
			}
			if (values != null) {
				TreeSet<Object> distinct = new TreeSet<>(ORDER);
				distinct.addAll(values);
				return new ArrayList<>(distinct);
			}
		}
		return null;
	}

	/** A range on one field: each bound an ordered value or null (none). */
	private record Range(Object low, boolean lowExclusive, Object high, boolean highExclusive) {

		static Range of(List<Object> conditions) {
			if (conditions == null) {
				return null;
			}
			for (Object condition : conditions) {
				if (condition instanceof Document document) {
					Object gt = document.get("$gt");
					Object gte = document.get("$gte");
					Object lt = document.get("$lt");
					Object lte = document.get("$lte");
					boolean lowExclusive = ordered(gt);
					boolean highExclusive = ordered(lt);
					Object low = lowExclusive ? gt : ordered(gte) ? gte : null;
					Object high = highExclusive ? lt : ordered(lte) ? lte : null;
					if (low != null || high != null) {
						return new Range(low, lowExclusive, high, highExclusive);
					}
				}
			}
			return null;
		}

	}

	/**
	 * Where the documents that may match some conditions are: intervals of the index, in index
	 * order, and the unordered documents.
	 */
	record Plan(OrderedIndex index, List<NavigableSet<Object[]>> intervals, int equalFields) {

		/** How many positions the plan gives, counted up to {@code cap}. */
		long size(long cap) {
			long size = index.unordered.size();
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
			return orderBy != null && orderBy.size() == 1 && intervals.size() == 1 && equalFields < index.fields.size()
					&& orderBy.containsKey(index.fields.get(equalFields));
		}

		/**
		 * Whether, besides {@link #sorts}, entries tying in the sorted field come in ascending
		 * position order, the order the library leaves ties in after sorting the positions: the
		 * sort is ascending and the field is the index's last, so that the position follows it.
		 */
		boolean tiesInScanOrder(Document orderBy) {
			return sorts(orderBy) && equalFields == index.fields.size() - 1
					&& ((Number) orderBy.values().iterator().next()).intValue() > 0;
		}

		/** The entries of the plan's intervals, in index order or, for a descending sort, reversed. */
		Iterable<Object[]> entries(Document orderBy) {
			if (sorts(orderBy) && ((Number) orderBy.values().iterator().next()).intValue() < 0) {
				return intervals.get(0).descendingSet();
			}
			return () -> intervals.stream().flatMap(Collection::stream).iterator();
		}

		Collection<Object> unordered() {
			return index.unordered;
		}

		/** The value an entry of this plan has in the field its intervals are ordered by. */
		static Object sortValue(Object[] entry, int equalFields) {
			return entry[equalFields];
		}

	}

	@Override
	public Object getPosition(Document document) {
		return null;
	}

	@Override
	public void checkAdd(Document document, MongoCollection<Object> collection) {
		// not unique: any document can be added
	}

	@Override
	public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
		// not unique: any update is allowed
	}

	@Override
	public boolean canHandle(Document query) {
		return false;
	}

	@Override
	public Iterable<Object> getPositions(Document query) {
		throw new UnsupportedOperationException("Queries use this index through IndexedH2Collection's plans");
	}

	@Override
	public long getCount() {
		return (long) entries.size() + unordered.size();
	}

	@Override
	public boolean isEmpty() {
		return entries.isEmpty() && unordered.isEmpty();
	}

	@Override
	public long getDataSize() {
		return 0;
	}

	@Override
	public void drop() {
		entries.clear();
		unordered.clear();
	}

}
