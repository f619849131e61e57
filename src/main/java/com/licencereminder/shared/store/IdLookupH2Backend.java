package com.licencereminder.shared.store;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

/**
 * mongo-java-server's H2 backend whose collections use the {@code _id} index for a query that has
 * {@code _id} (equality or {@code $in}) among other top-level conditions, as MongoDB does, instead
 * of scanning the whole collection (see {@link IdLookupH2Collection}), and that keeps the
 * non-unique indexes the application declares, which the library accepts and ignores, as
 * {@link OrderedIndex}es in memory that queries use. Everything else, the file format included, is
 * the library's: a store written by {@link H2Backend} opens with this one and the other way round
 * (the non-unique indexes are stored as descriptions only, and filled from the documents when the
 * store is opened).
 *
 * <p>The library lets a backend choose its database class ({@code openOrCreateDatabase}) and a
 * database its collection class ({@code openOrCreateCollection}) and its non-unique indexes
 * ({@code openOrCreateSecondaryIndex}); those overrides are the whole wiring. The collection's maps
 * are opened under the names {@link H2Database} gives them.
 */
class IdLookupH2Backend extends H2Backend {

	IdLookupH2Backend(MVStore store) {
		super(store);
	}

	/** A backend on a new in-memory MVStore (tests, {@code licence-reminder.embedded-mongo.path=memory}). */
	static IdLookupH2Backend inMemoryStore() {
		return new IdLookupH2Backend(MVStore.open(null));
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName);
	}

	/**
	 * H2's key type for a unique index's map, ordering keys by hash code first: two keys with
	 * different hash codes are unequal, so an exact lookup (all a unique index does) finds what the
	 * default order finds; keys with the same hash code are equal when {@code equals} says so (the
	 * key found by every successful lookup), and only unequal ones are compared the default way (by
	 * their serialised form). The map's order is no longer the default one, so a store with a file
	 * must not use it.
	 */
	static final class HashOrderedKeys extends ObjectDataType {

		@Override
		public int compare(Object left, Object right) {
			if (left instanceof KeyValue && right instanceof KeyValue) {
				int cmp = Integer.compare(left.hashCode(), right.hashCode());
				if (cmp != 0 || left.equals(right)) {
					return cmp;
				}
			}
			return super.compare(left, right);
		}

	}

	/**
	 * An inner class on purpose: {@link H2Database}'s constructor already opens the collections
	 * stored in the file, through {@link #openOrCreateCollection}, before a subclass's own fields
	 * are assigned; the reference to the enclosing backend (and so its MVStore) is assigned before
	 * the superclass constructor runs.
	 */
	private final class Database extends H2Database {

		Database(String databaseName) {
			super(databaseName, IdLookupH2Backend.this.getMvStore(), IdLookupH2Backend.this.getCursorRegistry());
		}

		@Override
		protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
			String namespace = getFullCollectionNamespace(collectionName);
			MVStore store = IdLookupH2Backend.this.getMvStore();
			MVMap<Object, Document> dataMap = store.openMap("databases." + namespace);
			MVMap<String, Object> metaMap = store.openMap("meta." + namespace);
			return new IdLookupH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
		}

		/**
		 * In a store without a file, opens the unique index's map (under the name the library
		 * gives it, before the library opens it by that name and so gets this one) with
		 * {@link HashOrderedKeys}: H2's default key type compares the library's {@code KeyValue}
		 * keys by Java-serialising both on every comparison, about 20 per lookup, which was a
		 * quarter of the CPU of a send in the engine benchmark. A file keeps the default: its
		 * pages are already in that order.
		 */
		@Override
		protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			MVStore store = IdLookupH2Backend.this.getMvStore();
			if (store.getFileStore() == null) {
				store.openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
						new MVMap.Builder<KeyValue, Object>().keyType(new HashOrderedKeys()));
			}
			return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
		}

		/**
		 * The library ignores non-unique indexes ({@code EmptyIndex}); these are held in memory and
		 * filled from the collection's documents when created and whenever the store is opened.
		 */
		@Override
		protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			return new OrderedIndex(indexName, keys, sparse);
		}

	}

}
