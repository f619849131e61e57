package com.licencereminder.shared;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Every document a query matches, in the order of one field and then {@code _id}, read in
 * pages that each start after the last document of the one before (keyset paging), so
 * that an export of any size holds one page in memory, on MongoDB and on the embedded
 * store alike. Each page is a range on the field with a limit, which an index on the
 * query's equality fields and then that field serves in order (no page sorts all matching
 * documents). Documents without the field (or with it null) are read too, in pages on
 * {@code _id} alone, where MongoDB orders them: before the others when ascending, after
 * them when descending; none is left out of an export.
 *
 * @param <T> the documents' type
 * @param mongo where to read
 * @param type the documents' class (and so their collection)
 * @param field the field to read in the order of
 * @param direction ascending or descending, for the field and {@code _id} alike
 * @param first a value no document's field is beyond (before, when ascending): the first
 * page is the range up to it
 * @param value the field's value of a document
 * @param id a document's {@code _id}
 * @param pageSize documents a page
 */
public record KeysetReads<T>(MongoTemplate mongo, Class<T> type, String field, Direction direction, Object first,
		Function<T, Object> value, Function<T, Object> id, int pageSize) {

	/**
	 * The latest instant a store holds (a BSON date): a {@code first} for a time field.
	 */
	public static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

	/**
	 * The earliest instant a store holds (a BSON date): a {@code first} for a time field
	 * read ascending.
	 */
	public static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);

	/**
	 * The documents matching the query (its criteria alone: its sort, skip and limit are
	 * not used), read a page at a time as the stream is consumed.
	 */
	public Stream<T> stream(Query query) {
		Document filter = query.getQueryObject();
		return StreamSupport.stream(
				Spliterators.spliteratorUnknownSize(new Pages(filter), Spliterator.ORDERED | Spliterator.NONNULL),
				false);
	}

	/**
	 * The query of the page after the document ({@code null}: the first page), of the
	 * documents with the field or, with {@code missing}, of those without it.
	 */
	Query page(Document filter, T after, boolean missing) {
		boolean ascending = direction.isAscending();
		Criteria range;
		if (missing) {
			range = Criteria.where(field).is(null);
			if (after != null) {
				range = ascending ? range.and("_id").gt(id.apply(after)) : range.and("_id").lt(id.apply(after));
			}
		}
		else if (after == null) {
			range = ascending ? Criteria.where(field).gte(first) : Criteria.where(field).lte(first);
		}
		else {
			Object at = value.apply(after);
			Object key = id.apply(after);
			range = new Criteria().orOperator(ascending ? Criteria.where(field).gt(at) : Criteria.where(field).lt(at),
					ascending ? Criteria.where(field).is(at).and("_id").gt(key)
							: Criteria.where(field).is(at).and("_id").lt(key));
		}
		Document condition = filter.isEmpty() ? range.getCriteriaObject()
				: new Document("$and", List.of(filter, range.getCriteriaObject()));
		Sort order = missing ? Sort.by(direction, "_id") : Sort.by(direction, field, "_id");
		return new BasicQuery(condition).with(order).limit(pageSize);
	}

	private final class Pages implements Iterator<T> {

		private final Document filter;

		private List<T> page = List.of();

		private int next;

		private boolean more = true;

		/** The last document of the kind being read, once a full page of it is read. */
		private T after;

		/** Whether the pages read are those without the field. */
		private boolean missing = direction.isAscending();

		/**
		 * Whether the other kind of documents (with or without the field) is still to
		 * read.
		 */
		private boolean otherKind = true;

		Pages(Document filter) {
			this.filter = filter;
		}

		@Override
		public boolean hasNext() {
			while (next == page.size() && more) {
				page = mongo.find(page(filter, after, missing), type);
				next = 0;
				if (page.size() == pageSize) {
					after = page.get(pageSize - 1);
				}
				else if (otherKind) {
					otherKind = false;
					missing = !missing;
					after = null;
				}
				else {
					more = false;
				}
			}
			return next < page.size();
		}

		@Override
		public T next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			return page.get(next++);
		}

	}

}
