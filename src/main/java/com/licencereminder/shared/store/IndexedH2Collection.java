package com.licencereminder.shared.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An H2 collection whose queries use indexes the library would not: an {@code _id}
 * condition among others (at the top level or in a top-level {@code $and}) is looked up
 * by {@code _id}, and a query constraining the leading fields of an {@link OrderedIndex}
 * in every branch goes through that index. Either way the candidates are matched against
 * the whole query by the library itself, so the result is the scan's; any other query
 * goes to the library unchanged. Every query path of the library (find, count, distinct,
 * update, findAndModify, delete) selects its documents through {@code queryDocuments},
 * the one method overridden, under the collection's lock. Why and how:
 * docs/decisions/0049-id-lookups-for-combined-filters.md and
 * 0050-ordered-in-memory-indexes.md.
 *
 * <p>
 * A collection created empty by this version stores its documents at insertion positions
 * (1, 2, 3, ...; its {@code _id} index maps each {@code _id} to its position), as MongoDB
 * keeps documents under record ids, so that inserts append to the last pages of the map
 * and of the ordered indexes' ties instead of rewriting pages all over them; its natural
 * order is the order of insertion. A collection that already held documents stored at
 * their {@code _id} keeps them there. Decision 0100.
 */
class IndexedH2Collection extends H2Collection {

	/**
	 * The query handed to the library with documents already matched through an ordered
	 * index, so that they are neither matched nor counted twice.
	 */
	private static final Document ALREADY_MATCHED = new Document();

	/**
	 * The entry of the collection's meta map ({@code meta.<namespace>}) recording that
	 * its documents are stored at insertion positions: {@code positions = insertion}.
	 */
	private static final String POSITIONS = "positions";

	private static final String INSERTION = "insertion";

	private static final Logger log = LoggerFactory.getLogger(IndexedH2Collection.class);

	private final LongAdder examined = new LongAdder();

	private final MVStore store;

	private final MVMap<Object, Document> documents;

	/**
	 * Whether documents are stored at insertion positions rather than at their
	 * {@code _id}.
	 */
	private final boolean insertionPositions;

	IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
			MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
		super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
		this.store = dataMap.getStore();
		this.documents = dataMap;
		boolean recorded = INSERTION.equals(metaMap.get(POSITIONS));
		this.insertionPositions = recorded || dataMap.isEmpty();
		if (this.insertionPositions && !recorded) {
			metaMap.put(POSITIONS, INSERTION);
		}
	}

	/**
	 * Stores the document at the position after the last, in a collection that stores
	 * documents in insertion order (decision 0100); else at its {@code _id}, as the
	 * library does. Called under the collection's lock.
	 */
	@Override
	protected Object addDocumentInternal(Document document) {
		if (!this.insertionPositions) {
			return super.addDocumentInternal(document);
		}
		Object last = this.documents.lastKey();
		if (last != null && !(last instanceof Long)) {
			throw new IllegalStateException(getFullName() + " stores documents at insertion positions but holds one at "
					+ last + ": a version before decision 0100 wrote to this file; restore the copy taken before"
					+ " the upgrade (docs/operations.md, Upgrading)");
		}
		Long position = last == null ? 1L : (Long) last + 1;
		this.documents.put(position, document);
		return position;
	}

	/**
	 * Removes the document from every index and then from its position, which is read
	 * before any index changes: from the {@code _id} index (or, in a collection stored by
	 * {@code _id}, the {@code _id} itself). The library takes the position from the
	 * indexes' answers while it removes their entries, and an {@link OrderedIndex} needs
	 * the position to find its entry.
	 */
	@Override
	public synchronized void removeDocument(Document document) {
		Object position = positionOf(document);
		if (position == null) {
			return;
		}
		for (Index<Object> index : getIndexes()) {
			if (index instanceof OrderedIndex ordered) {
				ordered.remove(document, position);
			}
			else {
				index.remove(document);
			}
		}
		removeDocument(position);
	}

	/**
	 * The position of the stored document with the document's {@code _id}, null if none.
	 */
	private Object positionOf(Document document) {
		Object id = document.get(getIdField());
		for (Index<Object> index : getIndexes()) {
			if (index instanceof AbstractUniqueIndex<Object> unique && index.getKeys().size() == 1
					&& index.getKeys().get(0).getKey().equals(getIdField())) {
				return this.insertionPositions ? unique.getPosition(new Document(getIdField(), id)) : id;
			}
		}
		return findDocumentPosition(document);
	}

	/**
	 * A {@link ScanCursor} over the documents matching the query, or null when the query
	 * is not a scan: a unique index (the {@code _id} one included) or an ordered index
	 * serves it, or it has an {@code _id} condition (those read only what they need). The
	 * library would read every matching document into one list before its first batch;
	 * this reads a batch at a time.
	 * @param limit the most documents to give, 0 for no limit
	 * @param projection the fields to give, null or empty for all
	 */
	ScanCursor scan(long id, Document query, int skip, int limit, Document projection) {
		if (getIndexes().stream().anyMatch(index -> index.canHandle(query)) || candidatesById(query) != null
				|| servedByOrderedIndexes(query)) {
			return null;
		}
		UnaryOperator<Document> project = projection == null || projection.isEmpty() ? Document::cloneDeeply
				: document -> matchDocumentsFromStream(ALREADY_MATCHED, Stream.of(document), 0, 0, 0, null, projection)
					.iterator()
					.next();
		return new ScanCursor(id, this.documents, document -> documentMatchesQuery(document, query), project, skip,
				limit);
	}

	/**
	 * Every query path of the library selects its documents here. The store's version the
	 * query starts on is kept for as long as it runs ({@link VersionPins}): a scan
	 * iterates the documents as of that version.
	 */
	@Override
	protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
			Document fieldSelector) {
		return VersionPins.during(this.store,
				() -> selectDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector));
	}

	/**
	 * Fills an index that is new or must be built again from the documents (a scan, see
	 * {@link #queryDocuments}) with the version it starts on kept, and records an
	 * {@link OrderedIndex} as built once that is done, logging how long it took.
	 */
	@Override
	public void addIndex(Index<Object> index) {
		OrderedIndex building = index instanceof OrderedIndex ordered && !ordered.built() ? ordered : null;
		long started = System.nanoTime();
		int documents = building == null ? 0 : count();
		if (documents > 0) {
			log.info("Building index {} of {} from {} documents", index.getName(), getFullName(), documents);
		}
		VersionPins.during(this.store, () -> {
			super.addIndex(index);
			return index;
		});
		if (building != null) {
			building.buildComplete();
		}
		if (documents > 0) {
			log.info("Built index {} of {} in {} ms", index.getName(), getFullName(),
					(System.nanoTime() - started) / 1_000_000);
		}
	}

	private QueryResult selectDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
			Document fieldSelector) {
		ById byId = candidatesById(query);
		if (byId != null) {
			return matchDocuments(byId.rest(), byId.positions(), orderBy, numberToSkip, limit, batchSize,
					fieldSelector);
		}
		QueryResult indexed = queryThroughOrderedIndexes(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		if (indexed != null) {
			return indexed;
		}
		return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
	}

	/**
	 * The query's result found through the collection's {@link OrderedIndex}es, or null
	 * when some branch of the query (the query itself, or each clause of its first
	 * {@code $or} together with the conditions beside it) has no index whose leading
	 * fields it constrains. Each branch uses the plan that gives the fewest positions
	 * (counted in the index, without reading documents); a plan already in the order of
	 * the sort gives only as many matching documents as the skip and limit need, plus any
	 * that tie with the last of them. The documents found are matched against the whole
	 * query once, and the library sorts, skips, limits and projects them as after a scan,
	 * in the scan's order ({@code _id}) where the sort leaves ties.
	 */
	private QueryResult queryThroughOrderedIndexes(Document query, Document orderBy, int numberToSkip, int limit,
			int batchSize, Document fieldSelector) {
		if (orderBy != null && orderBy.containsKey("$natural")) {
			return null;
		}
		int wanted = limit > 0 ? numberToSkip + limit : 0;
		List<IndexPlan> plans = plans(query, orderBy, wanted);
		if (plans == null) {
			return null;
		}
		Map<Object, Document> matched = new HashMap<>();
		for (IndexPlan plan : plans) {
			collect(plan, query, orderBy, wanted, matched);
		}
		List<Object> positions = new ArrayList<>(matched.keySet());
		positions.sort(ValueComparator.asc());
		return matchDocumentsFromStream(ALREADY_MATCHED, positions.stream().map(matched::get), numberToSkip, limit,
				batchSize, deriveComparator(orderBy), fieldSelector);
	}

	/**
	 * Whether every branch of the query has an ordered index that serves it: whether
	 * {@link #plans} would give plans, without counting their positions.
	 */
	private boolean servedByOrderedIndexes(Document query) {
		List<OrderedIndex> indexes = orderedIndexes();
		List<Map<String, List<Object>>> branches = indexes.isEmpty() ? null : branches(query);
		return branches != null
				&& branches.stream().allMatch(branch -> indexes.stream().anyMatch(index -> index.plan(branch) != null));
	}

	private List<OrderedIndex> orderedIndexes() {
		return getIndexes().stream().filter(OrderedIndex.class::isInstance).map(OrderedIndex.class::cast).toList();
	}

	/**
	 * The best plan for each branch of the query (see {@link #branches}), or null when
	 * some branch has none.
	 */
	private List<IndexPlan> plans(Document query, Document orderBy, int wanted) {
		List<OrderedIndex> indexes = orderedIndexes();
		List<Map<String, List<Object>>> branches = indexes.isEmpty() ? null : branches(query);
		if (branches == null) {
			return null;
		}
		List<IndexPlan> plans = new ArrayList<>();
		for (Map<String, List<Object>> branch : branches) {
			IndexPlan plan = bestPlan(indexes, branch, orderBy, wanted);
			if (plan == null) {
				return null;
			}
			plans.add(plan);
		}
		return plans;
	}

	/**
	 * Counts through an ordered index alone, without reading a document, when the index's
	 * entries decide the query exactly ({@link #decidedCount}); else as the library does,
	 * matching each candidate document.
	 */
	@Override
	public int count(Document query, int skip, int limit) {
		long decided = VersionPins.during(this.store, () -> decidedCount(query));
		if (decided < 0) {
			return super.count(query, skip, limit);
		}
		long counted = Math.max(0, decided - skip);
		return Math.toIntExact(limit > 0 ? Math.min(counted, limit) : counted);
	}

	/**
	 * How many documents match, counted in ordered indexes, or -1 when they do not decide
	 * the query. An index decides a flat query (conditions on fields, no operator at the
	 * top level; the clauses of a top-level {@code $and} on distinct fields count as one)
	 * that is only conditions on its leading fields: equality ({@code $eq}, {@code $in})
	 * to ordered values, then at most one range on the next field whose entries hold only
	 * values of the bound's type (two bounds of one type, an upper bound alone on a date
	 * or a string, or a lower bound on dates, the last type in the order) or a regular
	 * expression on it, which the plan tests on the entries' keys; and that holds no
	 * document unordered (an array, for one, can match an equality). A query that is an
	 * {@code $or} of flat queries each decided by an index is counted as the sum of their
	 * counts when no document can match two of them ({@link #disjoint}), else as the
	 * union of their entries' positions.
	 */
	private long decidedCount(Document query) {
		Document only = query;
		while (only != null && only.size() == 1 && only.get("$and") instanceof List<?> clauses && clauses.size() == 1
				&& clauses.get(0) instanceof Document clause) {
			only = clause;
		}
		if (only == null || only.isEmpty()) {
			return -1;
		}
		if (only.size() == 1 && only.get("$or") instanceof List<?> branches && !branches.isEmpty()) {
			List<Document> flats = new ArrayList<>();
			List<IndexPlan> plans = new ArrayList<>();
			for (Object branch : branches) {
				Document flat = branch instanceof Document document ? flat(document) : null;
				IndexPlan plan = decidingPlan(flat);
				if (plan == null) {
					return -1;
				}
				flats.add(flat);
				plans.add(plan);
			}
			if (disjoint(flats, plans)) {
				return plans.stream().mapToLong(plan -> plan.size(Long.MAX_VALUE)).sum();
			}
			Set<Object> positions = new HashSet<>();
			plans.forEach(plan -> positions.addAll(plan.positions()));
			return positions.size();
		}
		IndexPlan plan = decidingPlan(flat(only));
		return plan == null ? -1 : plan.size(Long.MAX_VALUE);
	}

	/**
	 * Whether no document matches two of the flat branches, so that their counts add up:
	 * every two set a field of the first one's index equal to values the library's
	 * equality tells apart. A document holds one value there, since an index that decides
	 * a branch holds no document unordered (an array could equal both).
	 */
	private static boolean disjoint(List<Document> branches, List<IndexPlan> plans) {
		for (int i = 0; i < branches.size(); i++) {
			for (int j = i + 1; j < branches.size(); j++) {
				if (!apart(branches.get(i), plans.get(i).index().fields(), branches.get(j))) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Whether the two branches set one of the fields equal to values the library's
	 * equality tells apart (an ordered value is never a missing field or an operator).
	 */
	private static boolean apart(Document branch, List<String> fields, Document other) {
		return fields.stream()
			.anyMatch(field -> IndexOrder.ordered(branch.get(field)) && IndexOrder.ordered(other.get(field))
					&& IndexOrder.LIBRARY.compare(branch.get(field), other.get(field)) != 0);
	}

	/**
	 * The query's conditions as one flat query, its top-level {@code $and} clauses
	 * merged; null when it has another operator at the top level, or two conditions on
	 * one field.
	 */
	private static Document flat(Document query) {
		Document flat = new Document();
		for (Map.Entry<String, Object> condition : query.entrySet()) {
			if (condition.getKey().equals("$and") && condition.getValue() instanceof List<?> clauses) {
				for (Object clause : clauses) {
					Document inner = clause instanceof Document document ? flat(document) : null;
					if (inner == null || inner.keySet().stream().anyMatch(flat::containsKey)) {
						return null;
					}
					flat.putAll(inner);
				}
			}
			else if (condition.getKey().startsWith("$") || flat.containsKey(condition.getKey())) {
				return null;
			}
			else {
				flat.put(condition.getKey(), condition.getValue());
			}
		}
		return flat;
	}

	/**
	 * The distinct values of {@code key} among the documents matching the query, in the
	 * library's order, read from the entries of an ordered index that holds the key and
	 * decides the query (see {@link #decidedCount}) without reading a document; null when
	 * no index does. Documents without the key give no value, as in MongoDB.
	 */
	List<Object> decidedDistinct(String key, Document query) {
		TreeSet<Object> values = decidedValues(key, query, false);
		return values == null ? null : new ArrayList<>(values);
	}

	/**
	 * How many groups {@code $group: {_id: "$key"}} makes of the documents matching the
	 * query, read as {@link #decidedDistinct} reads its values, except that documents
	 * without the key form a group of their own with those whose key is null, as in
	 * MongoDB; null when no index decides the query.
	 */
	Long decidedGroupCount(String key, Document query) {
		TreeSet<Object> values = decidedValues(key, query, true);
		return values == null ? null : (long) values.size();
	}

	private TreeSet<Object> decidedValues(String key, Document query, boolean missingAsNull) {
		return VersionPins.during(this.store, () -> {
			Document flat = query == null ? null : flat(query);
			IndexPlan plan = flat == null ? null : decidingPlan(flat, Set.of(key));
			if (plan == null) {
				return null;
			}
			int at = plan.index().fields().indexOf(key);
			TreeSet<Object> values = new TreeSet<>(IndexOrder.LIBRARY);
			for (Object[] entry : plan.entries(null)) {
				if (!(entry[at] instanceof Missing)) {
					values.add(entry[at]);
				}
				else if (missingAsNull) {
					values.add(null);
				}
			}
			return values;
		});
	}

	/**
	 * The result of aggregation stages run on the documents matching the query, each with
	 * only the given top-level fields and those the query names (the ones it has), read
	 * as a stream from the entries of an ordered index that decides the query (see
	 * {@link #decidedCount}) and holds all of these fields, without reading a document,
	 * and with the version the stages start on kept until they end: a covered read, as
	 * MongoDB's planner makes one when an index holds every field a pipeline reads. Null
	 * when no index does, or a field is a dotted path.
	 */
	List<Document> aggregateCovered(Document query, Set<String> fields,
			Function<Stream<Document>, List<Document>> stages) {
		return VersionPins.during(this.store, () -> {
			Document flat = query == null ? null : flat(query);
			if (flat == null) {
				return null;
			}
			Set<String> covered = new LinkedHashSet<>(fields);
			covered.addAll(flat.keySet());
			IndexPlan plan = covered.stream().anyMatch(field -> field.contains(".")) ? null
					: decidingPlan(flat, covered);
			if (plan == null) {
				return null;
			}
			List<String> indexed = plan.index().fields();
			return stages.apply(StreamSupport.stream(plan.entries(null).spliterator(), false).map(entry -> {
				Document document = new Document();
				for (int at = 0; at < indexed.size(); at++) {
					if (covered.contains(indexed.get(at)) && !(entry[at] instanceof Missing)) {
						document.put(indexed.get(at), entry[at]);
					}
				}
				return document;
			}));
		});
	}

	/** The plan of an ordered index that decides the flat query, or null. */
	private IndexPlan decidingPlan(Document query) {
		return decidingPlan(query, Set.of());
	}

	/**
	 * The plan of an ordered index that decides the flat query and holds the fields, or
	 * null.
	 */
	private IndexPlan decidingPlan(Document query, Set<String> fields) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		Map<String, List<Object>> conditions = new HashMap<>();
		query.forEach((name, condition) -> conditions.put(name, Collections.singletonList(condition)));
		for (OrderedIndex ordered : orderedIndexes()) {
			if (ordered.unordered().isEmpty() && ordered.fields().containsAll(fields)) {
				IndexPlan plan = ordered.plan(conditions);
				if (plan != null && decides(plan, query)) {
					return plan;
				}
			}
		}
		return null;
	}

	private static boolean decides(IndexPlan plan, Document query) {
		List<String> fields = plan.index().fields();
		for (Map.Entry<String, Object> condition : query.entrySet()) {
			int at = fields.indexOf(condition.getKey());
			Object value = condition.getValue();
			if (at >= 0 && at < plan.equalFields()) {
				if (!IndexOrder.ordered(value) && !(value instanceof Document operator && operator.size() == 1
						&& (operator.containsKey("$eq") || operator.containsKey("$in")))) {
					return false;
				}
			}
			else if (at != plan.equalFields() || !(exactRange(value)
					|| plan.filter() != null && IndexConditions.regex(Collections.singletonList(value)) != null)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a range's interval holds only values it matches (see
	 * {@link #decidedCount}).
	 */
	private static boolean exactRange(Object condition) {
		if (!(condition instanceof Document operators)
				|| !List.of("$gt", "$gte", "$lt", "$lte").containsAll(operators.keySet())) {
			return false;
		}
		IndexConditions.Range range = IndexConditions.Range.of(Collections.singletonList(condition));
		if (range == null || operators.size() != (range.low() == null ? 0 : 1) + (range.high() == null ? 0 : 1)) {
			return false;
		}
		IndexConditions.Range read = range.bracketed();
		if (read.low() != null && read.high() != null) {
			return read.low().getClass() == read.high().getClass();
		}
		return read.low() instanceof Instant;
	}

	/**
	 * The plan giving the fewest positions for the branch, a plan in the sort's order
	 * counting at most {@code wanted} (when a limit is set); plans in that order and on
	 * more fields are counted first, so that the others are counted only up to the best
	 * size so far. With a limit, an index whose first field is the sort's also offers all
	 * its entries in that order, as MongoDB sorts through an index: a first page of an
	 * unfiltered list reads only that page. A plan filtering its keys by a regular
	 * expression is preferred to a plan in the sort's order when it gives at most
	 * {@code sqrt(wanted × documents)} positions: reading those costs less than the
	 * {@code wanted × documents / positions} entries the sorted plan would read to find
	 * {@code wanted} matches spread evenly among all documents. Otherwise the sorted plan
	 * keeps only the entries whose positions the key-filtered plan gives
	 * ({@link IndexPlan#within}), so that it reads the documents of those alone. Either
	 * way the key-filtered plan's keys are read once to decide.
	 */
	private static IndexPlan bestPlan(List<OrderedIndex> indexes, Map<String, List<Object>> branch, Document orderBy,
			int wanted) {
		List<IndexPlan> plans = new ArrayList<>();
		for (OrderedIndex index : indexes) {
			IndexPlan plan = index.plan(branch);
			if (plan != null) {
				plans.add(plan);
			}
			IndexPlan whole = wanted > 0 ? index.wholePlan() : null;
			if (whole != null && whole.sorts(orderBy)) {
				plans.add(whole);
			}
		}
		plans.sort(Comparator.comparing((IndexPlan plan) -> !(wanted > 0 && plan.sorts(orderBy)))
			.thenComparing(IndexPlan::equalFields, Comparator.reverseOrder()));
		IndexPlan best = null;
		long bestSize = Long.MAX_VALUE;
		for (IndexPlan plan : plans) {
			boolean sorted = wanted > 0 && plan.sorts(orderBy);
			if (plan.filter() != null && !sorted && best != null && wanted > 0 && best.sorts(orderBy)) {
				long breakEven = (long) Math.sqrt((double) wanted * plan.index().getCount());
				Set<Object> positions = plan.positions();
				positions.addAll(plan.index().unordered());
				if (positions.size() <= breakEven) {
					best = plan;
					bestSize = positions.size();
				}
				else {
					best = best.within(positions);
				}
				continue;
			}
			long size = plan.size(sorted ? Math.min(bestSize, wanted) : bestSize);
			if (size < bestSize) {
				best = plan;
				bestSize = size;
			}
		}
		return best;
	}

	/**
	 * Adds the plan's documents that match the query to {@code matched} (by position);
	 * when the plan is in the sort's order and {@code wanted} is set, stops after that
	 * many matches and the ones tying with the last, or after exactly that many when the
	 * index lists ties in the result's order (a sort by the index's last field,
	 * ascending: ties follow by position, as after the sort). So a thousand tasks due at
	 * one instant do not make each claim read all of them.
	 */
	private void collect(IndexPlan plan, Document query, Document orderBy, int wanted, Map<Object, Document> matched) {
		boolean enough = wanted > 0 && plan.sorts(orderBy);
		boolean tiesInOrder = enough && plan.tiesInScanOrder(orderBy);
		int found = 0;
		Object last = null;
		for (Object[] entry : plan.entries(orderBy)) {
			Object value = enough ? IndexPlan.sortValue(entry, plan.equalFields()) : null;
			if (enough && found >= wanted && (tiesInOrder || ValueComparator.asc().compare(value, last) != 0)) {
				break;
			}
			if (matchInto(OrderedIndex.position(entry), query, matched)) {
				found++;
				last = value;
			}
		}
		for (Object position : plan.unordered()) {
			matchInto(position, query, matched);
		}
	}

	/**
	 * Whether the document at the position matches the query, added to {@code matched} if
	 * so.
	 */
	private boolean matchInto(Object position, Document query, Map<Object, Document> matched) {
		if (matched.containsKey(position)) {
			return true;
		}
		Document document = getDocument(position);
		if (document == null || !documentMatchesQuery(document, query)) {
			return false;
		}
		matched.put(position, document);
		return true;
	}

	/**
	 * The conjunctions of field conditions (field to its conditions) of which every
	 * document matching the query meets at least one: one for a query without {@code $or}
	 * (its fields and those of its {@code $and} clauses), else one per clause of its
	 * first {@code $or}, each with the conditions beside the {@code $or}. Other operators
	 * only narrow the result further and are left out. Null for an {@code $or} that is
	 * not a non-empty list of documents.
	 */
	static List<Map<String, List<Object>>> branches(Document query) {
		Map<String, List<Object>> common = new HashMap<>();
		List<List<?>> ors = new ArrayList<>();
		collectConditions(query, common, ors);
		if (ors.isEmpty()) {
			return List.of(common);
		}
		if (ors.get(0).isEmpty()) {
			return null;
		}
		List<Map<String, List<Object>>> branches = new ArrayList<>();
		for (Object clause : ors.get(0)) {
			if (!(clause instanceof Document document)) {
				return null;
			}
			Map<String, List<Object>> branch = new HashMap<>();
			common.forEach((field, conditions) -> branch.put(field, new ArrayList<>(conditions)));
			collectConditions(document, branch, new ArrayList<>());
			branches.add(branch);
		}
		return branches;
	}

	private static void collectConditions(Document query, Map<String, List<Object>> conditions, List<List<?>> ors) {
		for (Map.Entry<String, Object> condition : query.entrySet()) {
			String key = condition.getKey();
			if (key.equals("$and") && condition.getValue() instanceof List<?> clauses) {
				for (Object clause : clauses) {
					if (clause instanceof Document document) {
						collectConditions(document, conditions, ors);
					}
				}
			}
			else if (key.equals("$or") && condition.getValue() instanceof List<?> clauses) {
				ors.add(clauses);
			}
			else if (!key.startsWith("$")) {
				conditions.computeIfAbsent(key, field -> new ArrayList<>()).add(condition.getValue());
			}
		}
	}

	/**
	 * The positions the {@code _id} index gives for one of the query's {@code _id}
	 * conditions (at the top level or in a top-level {@code $and}, as Spring Data's
	 * {@code andOperator} writes it), with what the documents at them must still be
	 * matched against; or null when there is no condition the index serves, or the query
	 * is {@code _id} alone with one value (the library's own case). A top-level condition
	 * whose lookup gives exactly the documents it matches ({@link #decidedById}) is left
	 * out of that query: matching an {@code $in} list again costs a comparison per entry
	 * for every document, so a batch's update by its ids compared each of its documents
	 * with half the batch's ids.
	 */
	private ById candidatesById(Document query) {
		String idField = getIdField();
		if (idField == null
				|| (query.size() == 1 && query.containsKey(idField) && !(query.get(idField) instanceof Document))) {
			return null;
		}
		List<Object> conditions = new ArrayList<>();
		collectIdConditions(query, idField, conditions);
		for (Object condition : conditions) {
			if (hasRegularExpressionInList(condition)) {
				continue;
			}
			Document byId = new Document(idField, condition);
			for (Index<Object> index : getIndexes()) {
				if (index.canHandle(byId)) {
					Document rest = query;
					if (query.get(idField) == condition && decidedById(condition)) {
						rest = new Document(query);
						rest.remove(idField);
					}
					return new ById(index.getPositions(byId), rest);
				}
			}
		}
		return null;
	}

	/**
	 * Whether the {@code _id} index's lookup of the condition gives exactly the documents
	 * that match it: a string, or an {@code $in} list of strings (no number, whose forms
	 * the index and the matcher might compare differently, and no array or document).
	 */
	private static boolean decidedById(Object condition) {
		return condition instanceof String || condition instanceof Document operator && operator.size() == 1
				&& operator.get("$in") instanceof Collection<?> values
				&& values.stream().allMatch(String.class::isInstance);
	}

	/**
	 * The positions an {@code _id} condition selects, and the query the documents at them
	 * must still match.
	 */
	private record ById(Iterable<Object> positions, Document rest) {
	}

	/**
	 * Whether the condition is an {@code $in} list with a regular expression in it: the
	 * index looks up each entry as a value, so it would miss what the expression matches.
	 */
	private static boolean hasRegularExpressionInList(Object condition) {
		return condition instanceof Document document && document.get("$in") instanceof Collection<?> values
				&& values.stream().anyMatch(BsonRegularExpression::isRegularExpression);
	}

	/** Conditions on {@code _id} that every document matching {@code query} must meet. */
	private static void collectIdConditions(Document query, String idField, List<Object> conditions) {
		if (query.containsKey(idField)) {
			conditions.add(query.get(idField));
		}
		if (query.get("$and") instanceof List<?> clauses) {
			for (Object clause : clauses) {
				if (clause instanceof Document document) {
					collectIdConditions(document, idField, conditions);
				}
			}
		}
	}

	/**
	 * A copy of the stored document: the library changes the document a query gave it in
	 * place when it updates it, and hands query results to the wire encoder after the
	 * collection's lock is released, while the instance the map holds may be in a page
	 * that H2's background writer is encoding. Copies keep the stored instances unchanged
	 * (decision 0093).
	 */
	@Override
	protected Document getDocument(Object position) {
		Document document = super.getDocument(position);
		return document == null ? null : document.cloneDeeply();
	}

	/**
	 * The library's scan (in the map's order, or its reverse for a descending
	 * {@code $natural} sort), with only the matching documents copied (see
	 * {@link #getDocument}) rather than every document read.
	 */
	@Override
	protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
			Document fieldSelector) {
		Stream<DocumentWithPosition<Object>> stored = streamAllDocumentsWithPosition();
		if (isNaturalDescending(orderBy)) {
			stored = stored
				.sorted((left, right) -> ValueComparator.desc().compare(left.getPosition(), right.getPosition()));
		}
		Stream<Document> matching = stored.map(DocumentWithPosition::getDocument)
			.filter(document -> documentMatchesQuery(document, query))
			.map(Document::cloneDeeply);
		return matchDocumentsFromStream(matching, ALREADY_MATCHED, orderBy, numberToSkip, limit, batchSize,
				fieldSelector);
	}

	/**
	 * A {@link BatchCursor}, whose {@code getMore} also serves a request without a batch
	 * size and keeps each batch within MongoDB's 16 MiB (the library's cursor refuses the
	 * one and ignores the other).
	 */
	@Override
	protected Cursor createCursor(List<Document> remainingDocuments) {
		BatchCursor cursor = new BatchCursor(this.cursorRegistry.generateCursorId(), remainingDocuments);
		this.cursorRegistry.add(cursor);
		return cursor;
	}

	/**
	 * No data size bookkeeping: the library would BSON-encode the document on every
	 * insert and delete and both versions on every update to keep {@code collStats}'
	 * {@code size}, which nothing here reads; that figure stays as the file last had it.
	 */
	@Override
	protected boolean tracksDataSize() {
		return false;
	}

	@Override
	protected boolean documentMatchesQuery(Document document, Document query) {
		if (query == ALREADY_MATCHED) {
			return true;
		}
		examined.increment();
		return super.documentMatchesQuery(document, query);
	}

	/**
	 * How many times its ordered indexes read the positions of key-filtered plans from
	 * their entries rather than remembering them
	 * ({@link OrderedIndex#rememberedPositions}).
	 */
	long indexPositionReads() {
		return orderedIndexes().stream().mapToLong(OrderedIndex::positionReads).sum();
	}

	/**
	 * How many times its ordered indexes counted an interval from their pages
	 * ({@link OrderedIndex#count}).
	 */
	long indexPageCounts() {
		return orderedIndexes().stream().mapToLong(OrderedIndex::pageCounts).sum();
	}

	/**
	 * How many documents queries on this collection have examined since it was opened
	 * (matched against a query, whether they matched or not), like MongoDB's
	 * {@code totalDocsExamined}.
	 */
	long documentsExamined() {
		return examined.sum();
	}

}
