package com.licencereminder.shared.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection that looks up the candidates of a query by {@code _id} when {@code _id} is one
 * of several conditions (at the top level, or in a top-level {@code $and}), and matches the whole
 * query on those documents only.
 *
 * <p>mongo-java-server (1.47) uses an index only when the query's fields are exactly the index's
 * fields, so {@code {_id: X, status: "CLAIMED", claimToken: T}} or {@code {status: ..., _id: {$in:
 * [...]}}} or {@code {$and: [{_id: X}, {sent: null}]}} scan the collection, while {@code {_id: X}} is an index lookup. Every query path of the
 * library's collection (find, count, distinct, update, findAndModify, delete) selects its documents
 * through {@code queryDocuments}; this class overrides that one method. When the query has an
 * {@code _id} condition that the {@code _id} index would serve on its own (the library's
 * {@code canHandle}: plain equality or {@code $in}, here without regular expressions in the
 * list, which the index would look up as values), the documents the index gives for that
 * condition are the candidates, and the library's own matching applies the full query, sort, skip,
 * limit and projection to them. Since a document matching the query matches its {@code _id}
 * condition, the result is the scan's, found without visiting other documents. Any other query
 * (no {@code _id}, only {@code _id}, {@code _id} with other operators) goes to the library
 * unchanged. Atomicity is the library's as before: the collection's operations hold its lock.
 *
 * <p>The order of a result without a sort is the index's order ({@code $in} values in ascending
 * order), as it already was for a query on {@code _id} alone; MongoDB does not promise an order
 * either.
 */
class IdLookupH2Collection extends H2Collection {

	private final LongAdder examined = new LongAdder();

	IdLookupH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
			MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
		super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
	}

	@Override
	protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
			Document fieldSelector) {
		Iterable<Object> candidates = candidatesById(query);
		if (candidates == null) {
			return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}
		return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize, fieldSelector);
	}

	/**
	 * The positions the {@code _id} index gives for one of the query's {@code _id} conditions (at
	 * the top level or in a top-level {@code $and}, as Spring Data's {@code andOperator} writes it),
	 * or null when there is none the index serves, or the query is {@code _id} alone (the library's
	 * own case).
	 */
	private Iterable<Object> candidatesById(Document query) {
		String idField = getIdField();
		if (idField == null || (query.size() == 1 && query.containsKey(idField))) {
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
					return index.getPositions(byId);
				}
			}
		}
		return null;
	}

	/**
	 * Whether the condition is an {@code $in} list with a regular expression in it: the index looks
	 * up each entry as a value, so it would miss what the expression matches.
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

	@Override
	protected boolean documentMatchesQuery(Document document, Document query) {
		examined.increment();
		return super.documentMatchesQuery(document, query);
	}

	/**
	 * How many documents queries on this collection have examined since it was opened (matched
	 * against a query, whether they matched or not), like MongoDB's {@code totalDocsExamined}.
	 */
	long documentsExamined() {
		return examined.sum();
	}

}
