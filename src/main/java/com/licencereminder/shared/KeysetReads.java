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
 * documents). Documents without a value of the field's type are not read.
 *
 * @param <T> the documents' type
 * @param mongo where to read
 * @param type the documents' class (and so their collection)
 * @param field the field to read in the order of, with a value in every document
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
	 * The documents matching the query (its criteria alone: its sort, skip and limit are
	 * not used), read a page at a time as the stream is consumed.
	 */
	public Stream<T> stream(Query query) {
		Document filter = query.getQueryObject();
		return StreamSupport.stream(
				Spliterators.spliteratorUnknownSize(new Pages(filter), Spliterator.ORDERED | Spliterator.NONNULL),
				false);
	}

	/** The query of the page after the document ({@code null}: the first page). */
	Query page(Document filter, T after) {
		boolean ascending = direction.isAscending();
		Criteria range;
		if (after == null) {
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
		return new BasicQuery(condition).with(Sort.by(direction, field, "_id")).limit(pageSize);
	}

	private final class Pages implements Iterator<T> {

		private final Document filter;

		private List<T> page = List.of();

		private int next;

		private boolean more = true;

		Pages(Document filter) {
			this.filter = filter;
		}

		@Override
		public boolean hasNext() {
			if (next == page.size() && more) {
				T last = page.isEmpty() ? null : page.get(page.size() - 1);
				page = mongo.find(page(filter, last), type);
				next = 0;
				more = page.size() == pageSize;
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
