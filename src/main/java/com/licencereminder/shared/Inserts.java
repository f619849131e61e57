package com.licencereminder.shared;

import java.util.List;

import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Inserts of documents whose {@code _id} says what they are (a task of a stage, a plan of
 * a cycle, a follow-up item for a reason), where a document already stored under that id
 * is the same thing and is kept as it is.
 */
public final class Inserts {

	/** MongoDB's error code of a duplicate key. */
	private static final int DUPLICATE_KEY = 11000;

	private Inserts() {
	}

	/**
	 * Inserts the documents in one unordered bulk write, leaving out those whose id is
	 * stored already; returns how many were inserted. Any other write error is thrown.
	 */
	public static <T> int ignoringDuplicates(MongoTemplate mongo, List<T> documents, Class<T> type) {
		return documents.size() - storedAlready(mongo, documents, type).size();
	}

	/**
	 * Inserts the documents in one unordered bulk write, leaving out those whose id is
	 * stored already; returns those left out, in the order given. Any other write error
	 * is thrown.
	 */
	public static <T> List<T> storedAlready(MongoTemplate mongo, List<T> documents, Class<T> type) {
		if (documents.isEmpty()) {
			return List.of();
		}
		try {
			mongo.bulkOps(BulkMode.UNORDERED, type).insert(documents).execute();
			return List.of();
		}
		catch (BulkOperationException ex) {
			if (ex.getErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
				throw ex;
			}
			return ex.getErrors().stream().map(error -> documents.get(error.getIndex())).toList();
		}
	}

}
