package com.licencereminder.shared.store;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend whose collections use the {@code _id} index for a query
 * that has {@code _id} (equality or {@code $in}) among other top-level conditions, as
 * MongoDB does, instead of scanning the whole collection (see
 * {@link IndexedH2Collection}), and that keeps the non-unique indexes the application
 * declares, which the library accepts and ignores, as {@link OrderedIndex}es in the file
 * that queries use. Its unique indexes are {@link UniqueIndex}es with a faster key type
 * ({@link UniqueKeys}) in maps of their own, and its databases answer the driver's
 * {@code countDocuments} through those query paths, unsorted finds no index serves a
 * batch at a time ({@link ScanCursor}), and aggregations from the documents their leading
 * {@code $match} selects. Documents are stored as BSON ({@link BsonDocuments}); indexes
 * are used as stored after a clean close and built again from the documents after any
 * other (decisions 0093, 0094). Commands that take 100 ms or more are logged
 * ({@link SlowCommands}).
 *
 * <p>
 * The library lets a backend choose its database class ({@code openOrCreateDatabase}) and
 * a database its collection class ({@code openOrCreateCollection}) and its indexes
 * ({@code openOrCreateUniqueIndex}, {@code openOrCreateSecondaryIndex}), and a database's
 * commands are its own ({@code handleCommand}); those overrides are the whole wiring. The
 * collection's maps are opened under the names {@link H2Database} gives them.
 */
class IndexedH2Backend extends H2Backend {

	/** The infix of the unique indexes' map names, after the collection's namespace. */
	static final String UNIQUE = "._unique_";

	/**
	 * The infix of the ordered indexes' map names (entries), after the collection's
	 * namespace.
	 */
	static final String ORDERED = "._ordered_";

	/** The infix of the maps of the documents ordered indexes hold unordered. */
	static final String UNORDERED = "._unordered_";

	/** The suffixes, after a database's name, of the maps recording complete indexes. */
	private static final List<String> BUILT = List.of("._unique_built", "._ordered_built");

	/**
	 * The fields of a {@code find} that a {@link ScanCursor} answers as the library would
	 * (with {@code sort} only when empty).
	 */
	private static final Set<String> PLAIN_FIND = Set.of("find", "filter", "projection", "skip", "limit", "batchSize",
			"singleBatch", "sort", "$db", "lsid", "$clusterTime", "$readPreference", "readConcern", "maxTimeMS",
			"comment");

	/**
	 * The fields of an {@code aggregate} answered from the documents its leading
	 * {@code $match} selects.
	 */
	private static final Set<String> PLAIN_AGGREGATE = Set.of("aggregate", "pipeline", "cursor", "allowDiskUse", "$db",
			"lsid", "$clusterTime", "$readPreference", "readConcern", "maxTimeMS", "comment");

	/** The fields of a {@code distinct} an index may answer. */
	private static final Set<String> PLAIN_DISTINCT = Set.of("distinct", "key", "query", "$db", "lsid", "$clusterTime",
			"$readPreference", "readConcern", "maxTimeMS", "comment");

	/** Query operators a {@code $match} stage reads differently from a query. */
	private static final Set<String> MATCH_ONLY_IN_STAGE = Set.of("$expr", "$text", "$where");

	/** The map of the store's own state. */
	static final String STATE = "store.state";

	/** The key, in {@link #STATE}, of whether the store was last closed cleanly. */
	static final String CLOSED_CLEANLY = "closed-cleanly";

	private static final Logger log = LoggerFactory.getLogger(IndexedH2Backend.class);

	/** The live share of the file below which {@link #close()} compacts it. */
	private static final double COMPACTION_BELOW = 0.5;

	/**
	 * The live share of all chunks below which a close goes on rewriting chunks with dead
	 * pages (H2's default for its own compaction).
	 */
	private static final int REWRITE_BELOW = 90;

	/** The most a rewrite step of the close compaction writes before it commits. */
	private static final int REWRITE_STEP = 16 << 20;

	/**
	 * The most a move step of the close compaction moves (a step syncs the file twice;
	 * H2's housekeeping moves a few MB at a time while the store is in use). H2 never
	 * moves a chunk larger than a step, so it is well above {@link #REWRITE_STEP}, about
	 * the largest chunk the rewrite writes.
	 */
	private static final long MOVE_STEP = 64L << 20;

	private final int closeCompactionMillis;

	private final long moveStep;

	IndexedH2Backend(MVStore store) {
		this(store, Duration.ZERO);
	}

	/**
	 * @param closeCompaction how long {@link #close()} may compact the file, giving back
	 * the space of chunks without live data (zero: not at all)
	 */
	IndexedH2Backend(MVStore store, Duration closeCompaction) {
		this(store, closeCompaction, MOVE_STEP);
	}

	/**
	 * @param closeCompaction how long {@link #close()} may compact the file
	 * @param moveStep the most one step of the close compaction's move moves, in bytes
	 * (tests use small ones to take a small file through several steps)
	 */
	IndexedH2Backend(MVStore store, Duration closeCompaction, long moveStep) {
		super(opened(store));
		this.closeCompactionMillis = Math.toIntExact(closeCompaction.toMillis());
		this.moveStep = moveStep;
	}

	/**
	 * The store, its indexes to be built again unless it was last closed by
	 * {@link #close()}, and marked as open. Documents and index entries are separate
	 * writes, and H2 commits in the background between any two of them, so a process that
	 * ended without closing the store (killed, or a version before the indexes were kept
	 * in the file) can leave an index that misses a document or still has a deleted one;
	 * every index is then built again from the documents when its collection opens.
	 */
	private static MVStore opened(MVStore store) {
		MVMap<String, Boolean> state = store.openMap(STATE);
		if (!Boolean.TRUE.equals(state.get(CLOSED_CLEANLY))) {
			List<String> built = store.getMapNames()
				.stream()
				.filter(name -> BUILT.stream().anyMatch(name::endsWith))
				.toList();
			if (!built.isEmpty()) {
				log.warn("The embedded store was not closed cleanly last time: its indexes are built again"
						+ " from the documents");
			}
			built.forEach(name -> store.openMap(name).clear());
		}
		state.put(CLOSED_CLEANLY, Boolean.FALSE);
		store.commit();
		return store;
	}

	/**
	 * The share of the file (0 to 1) that live data takes: the blocks in use times the
	 * live share of the chunks in them.
	 */
	private static double liveShare(MVStore store) {
		return store.getFileStore().getFillRate() / 100.0 * store.getFileStore().getChunksFillRate() / 100.0;
	}

	/**
	 * Records that the store is closed cleanly, with every index in step with the
	 * documents, and when less than half of the file is live data compacts it for up to
	 * the time given (live chunks moved to its start, the rest cut off), then closes it.
	 */
	@Override
	public void close() {
		MVStore store = getMvStore();
		if (!store.isClosed()) {
			store.<String, Boolean>openMap(STATE).put(CLOSED_CLEANLY, Boolean.TRUE);
			if (this.closeCompactionMillis > 0 && store.getFileStore() != null) {
				compactIfMostlyDead(store);
			}
		}
		super.close();
	}

	/**
	 * Compacts the file for up to the close-compaction time when less than half of it is
	 * live data, saying so before and after (a stop can take that long).
	 * <p>
	 * Two phases, each committed before the next: chunks with dead pages are rewritten
	 * (for up to half the time), then live chunks are moved into the gaps and the file
	 * cut after its last chunk. {@link MVStore#compactFile} interleaves the two and moves
	 * nothing unless a rewrite happened first, so a file of full chunks far apart (a
	 * district's after its planning) kept its size; and it frees chunks in the middle of
	 * a move, where H2's own assertions ({@code FreeSpaceBitSet.allocate}) fail under
	 * {@code -ea}.
	 */
	private void compactIfMostlyDead(MVStore store) {
		double live = liveShare(store);
		if (live >= COMPACTION_BELOW) {
			return;
		}
		long before = store.getFileStore().size();
		log.info(
				"Compacting the embedded store ({} MB, {} % live data) for up to {} s before closing"
						+ " (licence-reminder.embedded-mongo.close-compaction; 0 skips it)",
				before >> 20, Math.round(live * 100), this.closeCompactionMillis / 1000.0);
		long started = System.nanoTime();
		long budget = this.closeCompactionMillis * 1_000_000L;
		long deadline = started + budget;
		// No writer and no reader is left: nothing needs the background commits, the
		// retention of dead chunks or the last versions H2 keeps (each holds chunks).
		store.setAutoCommitDelay(0);
		store.setRetentionTime(0);
		store.setVersionsToKeep(0);
		// Rewriting costs CPU for every live page, moving only copies chunks: the rewrite
		// gets half the time, so that the move always gets its turn.
		long rewriteDeadline = started + budget / 2;
		while (System.nanoTime() - rewriteDeadline < 0 && store.compact(REWRITE_BELOW, REWRITE_STEP)) {
			store.commit();
		}
		store.commit();
		long rewritten = System.nanoTime();
		closeGaps(store, this.moveStep, deadline);
		long moved = System.nanoTime();
		log.info(
				"Compacted the embedded store from {} MB to {} MB in {} ms ({} ms rewriting chunks, {} ms moving them)",
				before >> 20, store.getFileStore().size() >> 20, (moved - started) / 1_000_000,
				(rewritten - started) / 1_000_000, (moved - rewritten) / 1_000_000);
	}

	/**
	 * Moves live chunks into the free space between chunks, a bounded step at a time,
	 * until the file has no gap, a step moves nothing, or the deadline
	 * ({@link System#nanoTime}) passes; each step cuts the file after its last chunk. A
	 * step may move chunks in the middle of the file without changing its size or the
	 * share of blocks in use, so progress is whether it wrote at all.
	 */
	private static void closeGaps(MVStore store, long moveStep, long deadline) {
		if (!(store.getFileStore() instanceof RandomAccessStore file)) {
			return;
		}
		while (file.getFillRate() < 100 && System.nanoTime() - deadline < 0) {
			long writes = file.getWriteCount();
			file.compactMoveChunks(100, moveStep, store);
			if (file.getWriteCount() == writes) {
				return;
			}
		}
	}

	/**
	 * A backend on a new in-memory MVStore (tests,
	 * {@code licence-reminder.embedded-mongo.path=memory}).
	 */
	static IndexedH2Backend inMemoryStore() {
		return new IndexedH2Backend(MVStore.open(null));
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName);
	}

	/**
	 * An inner class on purpose: {@link H2Database}'s constructor already opens the
	 * collections stored in the file, through {@link #openOrCreateCollection}, before a
	 * subclass's own fields are assigned; the reference to the enclosing backend (and so
	 * its MVStore) is assigned before the superclass constructor runs.
	 */
	private final class Database extends H2Database {

		/** The cursors {@link CursorBatches} made and has not closed. */
		private final Set<ServerCursor> openCursors = ConcurrentHashMap.newKeySet();

		Database(String databaseName) {
			super(databaseName, IndexedH2Backend.this.getMvStore(), IndexedH2Backend.this.getCursorRegistry());
		}

		@Override
		protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
			String namespace = getFullCollectionNamespace(collectionName);
			MVStore store = IndexedH2Backend.this.getMvStore();
			MVMap<Object, Document> dataMap = store.openMap("databases." + namespace,
					new MVMap.Builder<Object, Document>().valueType(new BsonDocuments()));
			MVMap<String, Object> metaMap = store.openMap("meta." + namespace);
			return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
		}

		/**
		 * A {@link UniqueIndex} on the map {@code <namespace>._unique_<index>} with
		 * {@link UniqueKeys}, instead of the library's index on
		 * {@code <namespace>._index_<index>} with H2's default key type, which
		 * Java-serialises the keys on every comparison and every page write. An index is
		 * used as stored only when it is recorded as built (in the database's
		 * {@code ._unique_built} map) and the library's map of the same index is absent;
		 * otherwise (a new index, a store written by the library's backend or by this one
		 * before it had its own maps, or a build cut short by a crash, which background
		 * commits may have saved in part) it is emptied and built from the documents
		 * here, and recorded as built only once complete. A build over documents that
		 * break the index's uniqueness fails as the library's would, and leaves the index
		 * unrecorded.
		 */
		@Override
		protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			MVStore store = IndexedH2Backend.this.getMvStore();
			String namespace = getFullCollectionNamespace(collectionName);
			String name = namespace + UNIQUE + indexName;
			MVMap<KeyValue, Object> map = store.openMap(name,
					new MVMap.Builder<KeyValue, Object>().keyType(new UniqueKeys()));
			UniqueIndex index = new UniqueIndex(map, indexName, keys, sparse);
			MVMap<String, Boolean> built = builtIndexes();
			String libraryMap = namespace + "._index_" + indexName;
			if (store.hasMap(libraryMap)) {
				built.remove(name);
				store.removeMap(libraryMap);
			}
			if (!built.containsKey(name)) {
				map.clear();
				resolveOrCreateCollection(collectionName).addIndex(index);
				built.put(name, Boolean.TRUE);
			}
			return index;
		}

		@Override
		protected void dropIndex(MongoCollection<Object> collection, String indexName) {
			super.dropIndex(collection, indexName);
			MVStore store = IndexedH2Backend.this.getMvStore();
			String namespace = getFullCollectionNamespace(collection.getCollectionName());
			String unique = namespace + UNIQUE + indexName;
			builtIndexes().remove(unique);
			store.removeMap(unique);
			String ordered = namespace + ORDERED + indexName;
			builtOrderedIndexes().remove(ordered);
			store.removeMap(ordered);
			store.removeMap(namespace + UNORDERED + indexName);
		}

		/** The unique indexes of this database that are complete, by map name. */
		private MVMap<String, Boolean> builtIndexes() {
			return IndexedH2Backend.this.getMvStore().openMap(getDatabaseName() + BUILT.get(0));
		}

		/**
		 * The ordered indexes of this database that are complete, by entries' map name.
		 */
		private MVMap<String, Boolean> builtOrderedIndexes() {
			return IndexedH2Backend.this.getMvStore().openMap(getDatabaseName() + BUILT.get(1));
		}

		/**
		 * Answers the driver's {@code countDocuments} (Spring Data's {@code count})
		 * through the collection's query path, so that the {@code _id} lookup and the
		 * ordered indexes serve its filter; the library runs an aggregation over every
		 * document of the collection before its {@code $match}. Every other command,
		 * other aggregations included, goes to the library, and a cursor it answers with
		 * is cut to MongoDB's batches ({@link CursorBatches}).
		 */
		@Override
		public Document handleCommand(Channel channel, String command, Document query,
				DatabaseResolver databaseResolver, Oplog oplog) {
			return SlowCommands.timed(command, query, () -> answer(channel, command, query, databaseResolver, oplog));
		}

		private Document answer(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
				Oplog oplog) {
			Document scanned = "find".equalsIgnoreCase(command) ? scan(query) : null;
			if (scanned != null) {
				return scanned;
			}
			Document distinct = "distinct".equalsIgnoreCase(command) ? decidedDistinct(query) : null;
			if (distinct != null) {
				return distinct;
			}
			Document groups = "aggregate".equalsIgnoreCase(command) ? decidedGroupCount(query) : null;
			if (groups != null) {
				return groups;
			}
			Document matched = "aggregate".equalsIgnoreCase(command) && CountDocuments.of(query) == null
					? aggregateMatched(query, databaseResolver, oplog) : null;
			if (matched != null) {
				return CursorBatches.cut(matched, query, this.cursorRegistry, this.openCursors);
			}
			CountDocuments count = "aggregate".equalsIgnoreCase(command) && query.get(command) instanceof String
					? CountDocuments.of(query) : null;
			if (count == null) {
				return CursorBatches.cut(super.handleCommand(channel, command, query, databaseResolver, oplog), query,
						this.cursorRegistry, this.openCursors);
			}
			String collectionName = (String) query.get(command);
			MongoCollection<Object> collection = resolveCollection(collectionName, false);
			int n = collection == null ? 0 : collection.count(count.filter(), count.skip(), count.limit());
			return oneBatch(collectionName, n == 0 ? List.of() : List.of(new Document("_id", 1).append("n", n)));
		}

		/** An aggregation's reply: its whole result in the first batch. */
		private Document oneBatch(String collectionName, List<Document> batch) {
			Document cursor = new Document("id", 0L).append("ns", getFullCollectionNamespace(collectionName))
				.append("firstBatch", batch);
			return new Document("cursor", cursor).append("ok", 1.0);
		}

		/**
		 * The reply to a count of groups, {@code [{$match}, {$group: {_id: "$key"}},
		 * {$count: name}]}, that an ordered index answers from its entries alone
		 * ({@link IndexedH2Collection#decidedGroupCount}): one document with the number,
		 * none when it is zero, as {@code $count} answers. Null for any other pipeline.
		 */
		private Document decidedGroupCount(Document command) {
			if (!(command.get("aggregate") instanceof String collectionName)
					|| !PLAIN_AGGREGATE.containsAll(command.keySet())
					|| !(command.get("pipeline") instanceof List<?> pipeline) || pipeline.size() != 3
					|| !(stage(pipeline.get(0), "$match") instanceof Document filter)
					|| !(stage(pipeline.get(1), "$group") instanceof Document group) || group.size() != 1
					|| !(group.get("_id") instanceof String path) || !path.startsWith("$") || path.length() < 2
					|| !(stage(pipeline.get(2), "$count") instanceof String name)
					|| !(resolveCollection(collectionName, false) instanceof IndexedH2Collection collection)) {
				return null;
			}
			Long groups = collection.decidedGroupCount(path.substring(1), filter);
			if (groups == null) {
				return null;
			}
			return oneBatch(collectionName, groups == 0 ? List.of()
					: List.of(new Document(name, groups <= Integer.MAX_VALUE ? (Object) groups.intValue() : groups)));
		}

		/** The argument of a pipeline stage of that name alone, else null. */
		private static Object stage(Object stage, String name) {
			return stage instanceof Document document && document.size() == 1 ? document.get(name) : null;
		}

		/**
		 * The reply to a {@code distinct} an ordered index answers from its entries alone
		 * ({@link IndexedH2Collection#decidedDistinct}), or null for any other, which the
		 * library answers from the documents.
		 */
		private Document decidedDistinct(Document command) {
			if (!(command.get("distinct") instanceof String collectionName)
					|| !(command.get("key") instanceof String key) || !PLAIN_DISTINCT.containsAll(command.keySet())
					|| !(command.getOrDefault("query", new Document()) instanceof Document query)
					|| !(resolveCollection(collectionName, false) instanceof IndexedH2Collection collection)) {
				return null;
			}
			List<Object> values = collection.decidedDistinct(key, query);
			return values == null ? null : new Document("values", values).append("ok", 1.0);
		}

		/**
		 * The reply to an aggregation whose pipeline starts with {@code $match}, computed
		 * by the library's stages from the documents that match: from an ordered index's
		 * entries alone when it decides the match and holds every field the stages read
		 * ({@link PipelineFields}, {@link IndexedH2Collection#aggregateCovered}), as a
		 * stream, else found through the collection's query path (its indexes, a copy of
		 * each match); the library would start from a copy of every document of the
		 * collection. Null for any other aggregation (no leading {@code $match}, one with
		 * {@code $expr}, {@code $text} or {@code $where}, a pipeline that writes, options
		 * beyond the plain ones), which the library answers.
		 */
		private Document aggregateMatched(Document command, DatabaseResolver databaseResolver, Oplog oplog) {
			if (!(command.get("aggregate") instanceof String collectionName)
					|| !PLAIN_AGGREGATE.containsAll(command.keySet())
					|| !(command.get("pipeline") instanceof List<?> pipeline) || pipeline.isEmpty()
					|| !(pipeline.get(0) instanceof Document first) || first.size() != 1
					|| !(first.get("$match") instanceof Document filter)
					|| filter.keySet().stream().anyMatch(MATCH_ONLY_IN_STAGE::contains)
					|| !(resolveCollection(collectionName, false) instanceof IndexedH2Collection collection)) {
				return null;
			}
			List<Document> stages = Aggregation.parse(pipeline);
			Aggregation aggregation = Aggregation.fromPipeline(stages, databaseResolver, this, collection, oplog);
			if (aggregation.isModifying()) {
				return null;
			}
			Set<String> read = PipelineFields.readBy(pipeline.subList(1, pipeline.size()));
			List<Document> covered = read == null ? null
					: collection.aggregateCovered(filter, read, aggregation::runStages);
			List<Document> result = covered != null ? covered : aggregation
				.runStages(collection.handleQuery(new QueryParameters(filter, 0, 0)).collectDocuments().stream());
			Document cursor = new Document("id", 0L).append("ns", getFullCollectionNamespace(collectionName))
				.append("firstBatch", result);
			return new Document("cursor", cursor).append("ok", 1.0);
		}

		/**
		 * The reply to a {@code find} that reads the collection in its own order and that
		 * no index serves, from a {@link ScanCursor}: its first batch, and the cursor
		 * registered for {@code getMore} when more may follow; null for any other
		 * {@code find} (sorted, hinted, with options beyond the plain ones), which the
		 * library answers.
		 */
		private Document scan(Document command) {
			if (!(command.get("find") instanceof String collectionName) || !PLAIN_FIND.containsAll(command.keySet())
					|| (command.get("sort") instanceof Document sort && !sort.isEmpty())
					|| (command.containsKey("sort") && !(command.get("sort") instanceof Document))
					|| !(resolveCollection(collectionName, false) instanceof IndexedH2Collection collection)) {
				return null;
			}
			Document filter = command.get("filter") instanceof Document given ? given : new Document();
			int skip = command.get("skip") instanceof Number number ? number.intValue() : 0;
			int limit = command.get("limit") instanceof Number number ? number.intValue() : 0;
			if (skip < 0 || limit < 0) {
				return null;
			}
			Document projection = command.get("projection") instanceof Document given ? given : null;
			ScanCursor cursor = collection.scan(this.cursorRegistry.generateCursorId(), filter, skip, limit,
					projection);
			if (cursor == null) {
				return null;
			}
			CursorBatches.close(this.openCursors, this.cursorRegistry, System.nanoTime());
			List<Document> first = cursor.takeDocuments(CursorBatches.requestedBatchSize(command));
			long id = 0;
			if (!cursor.isEmpty() && !Boolean.TRUE.equals(command.get("singleBatch"))) {
				this.cursorRegistry.add(cursor);
				this.openCursors.add(cursor);
				id = cursor.getId();
			}
			Document reply = new Document("firstBatch", first).append("id", id)
				.append("ns", getFullCollectionNamespace(collectionName));
			return new Document("cursor", reply).append("ok", 1.0);
		}

		/**
		 * The library ignores non-unique indexes ({@code EmptyIndex}); these are
		 * {@link OrderedIndex}es on the maps {@code <namespace>._ordered_<index>} and
		 * {@code <namespace>._unordered_<index>}, used as stored when recorded as built
		 * (in the database's {@code ._ordered_built} map), else emptied and filled from
		 * the collection's documents, and recorded once complete.
		 */
		@Override
		protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			MVStore store = IndexedH2Backend.this.getMvStore();
			String namespace = getFullCollectionNamespace(collectionName);
			String name = namespace + ORDERED + indexName;
			MVMap<Object[], Boolean> entries = store.openMap(name,
					new MVMap.Builder<Object[], Boolean>().keyType(new IndexEntries()));
			MVMap<Object, Boolean> unordered = store.openMap(namespace + UNORDERED + indexName);
			MVMap<String, Boolean> built = builtOrderedIndexes();
			boolean complete = built.containsKey(name);
			if (!complete) {
				entries.clear();
				unordered.clear();
			}
			return new OrderedIndex(indexName, keys, sparse, entries, unordered, complete,
					() -> built.put(name, Boolean.TRUE));
		}

	}

	/**
	 * The pipeline the driver sends for {@code countDocuments}: {@code $match}, then
	 * optionally {@code $skip} and {@code $limit}, then {@code $group} of {@code {_id: 1,
	 * n: {$sum: 1}}}.
	 */
	private record CountDocuments(Document filter, int skip, int limit) {

		/**
		 * The count the command asks for; null unless it is exactly that pipeline,
		 * without hint or collation.
		 */
		static CountDocuments of(Document command) {
			if (command.containsKey("hint") || command.containsKey("collation")
					|| !(command.get("pipeline") instanceof List<?> stages) || stages.size() < 2
					|| !(stages.get(0) instanceof Document first) || first.size() != 1
					|| !(first.get("$match") instanceof Document filter)
					|| !countGroup(stages.get(stages.size() - 1))) {
				return null;
			}
			int skip = 0;
			int limit = 0;
			for (Object stage : stages.subList(1, stages.size() - 1)) {
				if (!(stage instanceof Document step) || step.size() != 1) {
					return null;
				}
				if (step.get("$skip") instanceof Number value && skip == 0 && limit == 0 && value.intValue() > 0) {
					skip = value.intValue();
				}
				else if (step.get("$limit") instanceof Number value && limit == 0 && value.intValue() > 0) {
					limit = value.intValue();
				}
				else {
					return null;
				}
			}
			return new CountDocuments(filter, skip, limit);
		}

		private static boolean countGroup(Object stage) {
			return stage instanceof Document last && last.size() == 1 && last.get("$group") instanceof Document group
					&& group.size() == 2 && group.get("_id") instanceof Number id && id.intValue() == 1
					&& group.get("n") instanceof Document sum && sum.size() == 1
					&& sum.get("$sum") instanceof Number one && one.intValue() == 1;
		}

	}

}
