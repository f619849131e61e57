package com.licencereminder.shared.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index in MVStore maps beside the collection's documents: the documents'
 * values of the index's fields, in the order of the library's {@link ValueComparator}
 * field by field and then by the document's position in its collection (its {@code _id}
 * in a collection stored by {@code _id}, else its insertion position; decision 0100). Its
 * pages are in the file and in H2's page cache, not all in the heap, and a store that was
 * closed cleanly opens with it as it was (see {@link IndexedH2Backend} for when it is
 * built again).
 *
 * <p>
 * The library keeps it in step through the {@link Index} hooks it calls on every write
 * path under the collection's lock: {@link #add} after an insert or upsert,
 * {@link #updateInPlace} on an update or replacement (findAndModify included),
 * {@link #remove(Document, Object)} on a delete (from
 * {@link IndexedH2Collection#removeDocument(Document)}, with the position); and it fills
 * it from the collection's documents when the index is created or must be built again
 * ({@code addIndex} of an index that says it is empty, which this one does until it is
 * {@link #built()}). MVStore maps are safe for concurrent use, so a query the library
 * does not run under that lock (the {@code count} command) reads it safely too.
 *
 * <p>
 * Only values whose library order is a total order consistent with the query matcher's
 * equality are ordered: null or missing, strings, dates, booleans, object ids, 32- and
 * 64-bit integers. A document with any other value in an indexed field (an array, a
 * sub-document, a double, ...) or another kind of position (an {@code _id} that is none
 * of those) is kept in an unordered set instead, and every query through the index
 * examines it; so the index never hides a document a query matches. It is not a multikey
 * index: arrays are in that set. As in MongoDB, a sparse index leaves out the documents
 * whose first indexed field is null or missing (see {@code entryOf}); any other holds
 * every document of the collection, so that a sort on its first field can be read from it
 * ({@link #wholePlan}).
 *
 * <p>
 * The library's own query path never uses it ({@link #canHandle} is false):
 * {@link IndexedH2Collection} plans queries with {@link #plan}.
 */
final class OrderedIndex extends Index<Object> {

	/**
	 * At most this many intervals from {@code $in} lists on several fields; more fields
	 * are left to the filter.
	 */
	private static final int MAX_INTERVALS = 10_000;

	private static final Object[] UNORDERED = new Object[0];

	/** Key-filtered plans whose positions an index remembers. */
	private static final int REMEMBERED_PLANS = 8;

	/** The most positions remembered for one plan. */
	private static final int REMEMBERED_POSITIONS = 20_000;

	private final List<String> fields;

	private final List<FieldPath> paths;

	private final MVMap<Object[], Boolean> entries;

	private final MVMap<Object, Boolean> unordered;

	private final Runnable markBuilt;

	private volatile boolean built;

	/**
	 * @param entries the ordered entries (keyed by {@link IndexEntries})
	 * @param unordered the positions of the documents held unordered
	 * @param built whether the maps hold every document of the collection
	 * @param markBuilt records that they do, once a build is complete
	 */
	OrderedIndex(String name, List<IndexKey> keys, boolean sparse, MVMap<Object[], Boolean> entries,
			MVMap<Object, Boolean> unordered, boolean built, Runnable markBuilt) {
		super(name, keys, sparse);
		this.fields = keys.stream().map(IndexKey::getKey).toList();
		this.paths = this.fields.stream().map(FieldPath::new).toList();
		this.entries = entries;
		this.unordered = unordered;
		this.built = built;
		this.markBuilt = markBuilt;
	}

	/**
	 * The index's writes: odd while one runs, advanced by two by each. H2 also rewrites
	 * pages of the maps on its own (compaction) without changing what they hold, so the
	 * maps' root pages do not say whether the index changed; this does.
	 */
	private final AtomicLong changes = new AtomicLong();

	/**
	 * The positions of key-filtered plans (see {@link IndexPlan#positions}) with the
	 * {@link #changes} they were read at, the most recently used first.
	 */
	private final Map<List<Object>, Remembered> remembered = Collections
		.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<List<Object>, Remembered> eldest) {
				return size() > REMEMBERED_PLANS;
			}

		});

	/** How many times plans' positions were read from the entries, not remembered. */
	private final LongAdder positionReads = new LongAdder();

	/** How many intervals were counted from the pages ({@link #count}). */
	private final LongAdder pageCounts = new LongAdder();

	/** Whether the index holds every document of its collection. */
	boolean built() {
		return this.built;
	}

	/** Records that a build from every document of the collection is complete. */
	void buildComplete() {
		this.markBuilt.run();
		this.built = true;
	}

	/**
	 * How many entries lie from {@code from} to {@code to}, both included, counted from
	 * the map's pages (each keeps the number of entries below it) in logarithmic time,
	 * without reading the entries. The two ends are located separately, so a write in
	 * between can make the answer one off, as a count in MongoDB can be while writes go
	 * on.
	 */
	long count(Object[] from, Object[] to) {
		this.pageCounts.increment();
		return Math.max(0, rank(to, true) - rank(from, false));
	}

	/**
	 * The number of entries before {@code key}, or up to and including it when
	 * {@code through}.
	 */
	private long rank(Object[] key, boolean through) {
		long index = this.entries.getKeyIndex(key);
		return index >= 0 ? index + (through ? 1 : 0) : -(index + 1);
	}

	/** How many times {@link #count} answered since the index opened. */
	long pageCounts() {
		return this.pageCounts.sum();
	}

	/**
	 * The entries from {@code from} to {@code to} (both included), in index order or
	 * reversed.
	 */
	Iterator<Object[]> entries(Object[] from, Object[] to, boolean reverse) {
		return reverse ? this.entries.cursor(to, from, true) : this.entries.cursor(from, to, false);
	}

	List<String> fields() {
		return fields;
	}

	/** The positions of the documents held unordered (see the class comment). */
	Set<Object> unordered() {
		return this.unordered.keySet();
	}

	/**
	 * The positions a key-filtered plan gives, read by {@code read} unless the plan's key
	 * was read while the entries were as they are now; at most
	 * {@value #REMEMBERED_POSITIONS} positions are remembered for a plan, for the
	 * {@value #REMEMBERED_PLANS} plans used last. A set the caller may change.
	 */
	Set<Object> rememberedPositions(List<Object> plan, Supplier<Set<Object>> read) {
		long before = this.changes.get();
		Remembered known = this.remembered.get(plan);
		if (known != null && known.changes() == before) {
			return new HashSet<>(known.positions());
		}
		this.positionReads.increment();
		Set<Object> positions = read.get();
		if (before % 2 == 0 && this.changes.get() == before && positions.size() <= REMEMBERED_POSITIONS) {
			this.remembered.put(plan, new Remembered(before, Set.copyOf(positions)));
		}
		return positions;
	}

	/**
	 * How many times plans' positions were read from the entries since the index opened.
	 */
	long positionReads() {
		return this.positionReads.sum();
	}

	/** Positions read with no write before or while, since the index's last change. */
	private record Remembered(long changes, Set<Object> positions) {
	}

	/** The position of an entry. */
	static Object position(Object[] entry) {
		return entry[entry.length - 1];
	}

	@Override
	public void add(Document document, Object position, MongoCollection<Object> collection) {
		Object[] entry = entryOf(document, position);
		changing(() -> {
			if (entry == UNORDERED) {
				unordered.put(position, Boolean.TRUE);
			}
			else if (entry != null) {
				entries.put(entry, Boolean.TRUE);
			}
		});
	}

	/**
	 * Not used: the entry's key needs the document's position, which the library does not
	 * give here; {@link IndexedH2Collection#removeDocument(Document)} calls
	 * {@link #remove(Document, Object)}.
	 */
	@Override
	public Object remove(Document document) {
		throw new UnsupportedOperationException(
				"Documents are removed through IndexedH2Collection with their position");
	}

	/** Removes the entry of the document at this position. */
	void remove(Document document, Object position) {
		Object[] entry = entryOf(document, position);
		changing(() -> {
			if (entry == UNORDERED) {
				unordered.remove(position);
			}
			else if (entry != null) {
				entries.remove(entry);
			}
		});
	}

	@Override
	public void updateInPlace(Document oldDocument, Document newDocument, Object position,
			MongoCollection<Object> collection) {
		Object[] before = entryOf(oldDocument, position);
		Object[] after = entryOf(newDocument, position);
		if (before != null && after != null && before != UNORDERED && after != UNORDERED
				&& IndexOrder.ENTRIES.compare(before, after) == 0) {
			return;
		}
		changing(() -> {
			if (before == UNORDERED) {
				unordered.remove(position);
			}
			else if (before != null) {
				entries.remove(before);
			}
			if (after == UNORDERED) {
				unordered.put(position, Boolean.TRUE);
			}
			else if (after != null) {
				entries.put(after, Boolean.TRUE);
			}
		});
	}

	/**
	 * Runs a write to the index's maps with {@link #changes} odd while it runs and
	 * advanced past it once it is done.
	 */
	private void changing(Runnable write) {
		this.changes.incrementAndGet();
		try {
			write.run();
		}
		finally {
			this.changes.incrementAndGet();
		}
	}

	/**
	 * The document's entry; {@link #UNORDERED} when one of its values (or its position)
	 * has no total order; null, for a sparse index, when its first field is null or
	 * missing: only the whole plan needs those, and a sparse index has none (as for
	 * MongoDB, equality to a value or a range with a bound matches no null). Leaving them
	 * out keeps an index on a field most documents lack (a lease owner) small.
	 */
	private Object[] entryOf(Document document, Object position) {
		if (!IndexOrder.ordered(position)) {
			return UNORDERED;
		}
		Object[] entry = new Object[fields.size() + 1];
		for (int i = 0; i < fields.size(); i++) {
			Object value = paths.get(i).valueIn(document);
			if (value != null && !(value instanceof Missing) && !IndexOrder.ordered(value)) {
				return UNORDERED;
			}
			entry[i] = value;
		}
		if (isSparse() && (entry[0] == null || entry[0] instanceof Missing)) {
			return null;
		}
		entry[fields.size()] = position;
		return entry;
	}

	/**
	 * The plan that serves the conditions through this index, or null when its first
	 * field has no usable condition: equality (or {@code $in}) on the leading fields,
	 * then at most one range ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}) on
	 * the next, or a regular expression on the next, tested on the entries' keys (as
	 * MongoDB reads an index for an unanchored expression); on a sparse index also a
	 * first field that must be present and not null ({@code $ne: null}), served by all
	 * its entries. Every document matching the conditions is among the plan's positions.
	 * @param conditions each field's conditions, as the query writes them, that a
	 * matching document must all meet
	 */
	IndexPlan plan(Map<String, List<Object>> conditions) {
		List<Object[]> prefixes = new ArrayList<>();
		prefixes.add(new Object[0]);
		int used = 0;
		while (used < fields.size()) {
			List<Object> values = IndexConditions.equalValues(conditions.get(fields.get(used)));
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
		IndexConditions.Range range = used < fields.size() ? IndexConditions.Range.of(conditions.get(fields.get(used)))
				: null;
		if (range != null) {
			range = range.bracketed();
		}
		BsonRegularExpression regex = used < fields.size() && range == null
				? IndexConditions.regex(conditions.get(fields.get(used))) : null;
		if (used == 0 && range == null && regex == null) {
			return isSparse() && IndexConditions.present(conditions.get(fields.get(0))) ? everyEntry() : null;
		}
		List<IndexPlan.Interval> intervals = new ArrayList<>();
		for (Object[] prefix : prefixes) {
			Object[] from = range == null ? bound(prefix, null, false, true)
					: bound(prefix, range.low(), range.lowExclusive(), true);
			Object[] to = range == null ? bound(prefix, null, false, false)
					: bound(prefix, range.high(), range.highExclusive(), false);
			if (IndexOrder.ENTRIES.compare(from, to) <= 0) {
				intervals.add(new IndexPlan.Interval(from, to));
			}
		}
		int at = used;
		return regex == null ? new IndexPlan(this, intervals, used)
				: new IndexPlan(this, intervals, used, entry -> IndexConditions.matches(regex, entry[at]),
						List.of(regex.getPattern(), Objects.toString(regex.getOptions(), ""), at));
	}

	/**
	 * The plan that gives every document of the collection in index order, for a sort on
	 * the index's first field; null for a sparse index, which does not hold them all.
	 */
	IndexPlan wholePlan() {
		return isSparse() ? null : everyEntry();
	}

	private IndexPlan everyEntry() {
		Object[] none = new Object[0];
		return new IndexPlan(this,
				List.of(new IndexPlan.Interval(bound(none, null, false, true), bound(none, null, false, false))), 0);
	}

	/**
	 * A bound for the entries with the prefix and, at the next field, the value (null:
	 * any): the entry just below them ({@code low}) or just above them; {@code exclusive}
	 * turns it round, so that the entries with the value are left out.
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
		return entries.sizeAsLong() + unordered.sizeAsLong();
	}

	/**
	 * Whether the library must fill the index from the collection's documents: until it
	 * is {@link #built()}, even if it holds some already.
	 */
	@Override
	public boolean isEmpty() {
		return !this.built;
	}

	@Override
	public long getDataSize() {
		return 0;
	}

	@Override
	public void drop() {
		changing(() -> {
			entries.clear();
			unordered.clear();
		});
	}

}
