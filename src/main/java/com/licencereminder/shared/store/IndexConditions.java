package com.licencereminder.shared.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * What a field's query conditions allow, as an {@link OrderedIndex} can serve it: equal
 * values, or a range.
 */
final class IndexConditions {

	private IndexConditions() {
	}

	/**
	 * The values a field's conditions allow when one of them is an equality or
	 * {@code $in} on ordered values (sorted and distinct), else null.
	 */
	static List<Object> equalValues(List<Object> conditions) {
		if (conditions == null) {
			return null;
		}
		for (Object condition : conditions) {
			Collection<?> values = null;
			if (IndexOrder.ordered(condition)) {
				values = List.of(condition);
			}
			else if (condition instanceof Document document && IndexOrder.ordered(document.get("$eq"))) {
				values = List.of(document.get("$eq"));
			}
			else if (condition instanceof Document document && document.get("$in") instanceof Collection<?> in
					&& in.stream().allMatch(IndexOrder::ordered)) {
				values = in;
			}
			if (values != null) {
				TreeSet<Object> distinct = new TreeSet<>(IndexOrder.LIBRARY);
				distinct.addAll(values);
				return new ArrayList<>(distinct);
			}
		}
		return null;
	}

	/**
	 * Whether the conditions allow only documents where the field is present and not null
	 * ({@code $ne: null}), which a sparse index holds all of.
	 */
	static boolean present(List<Object> conditions) {
		return conditions != null && conditions.stream()
			.anyMatch(condition -> condition instanceof Document document && document.containsKey("$ne")
					&& document.get("$ne") == null);
	}

	/**
	 * The regular expression among the conditions ({@code /re/} or {@code {$regex,
	 * $options}} alone), else null.
	 */
	static BsonRegularExpression regex(List<Object> conditions) {
		if (conditions == null) {
			return null;
		}
		for (Object condition : conditions) {
			if (condition instanceof BsonRegularExpression regex) {
				return regex;
			}
			if (condition instanceof Document document && document.containsKey("$regex")
					&& Set.of("$regex", "$options").containsAll(document.keySet())) {
				return BsonRegularExpression.convertToRegularExpression(document);
			}
		}
		return null;
	}

	/**
	 * Whether a value meets the regular expression as the library's matcher decides it:
	 * any value but null or missing, by its text.
	 */
	static boolean matches(BsonRegularExpression regex, Object value) {
		return value != null && !(value instanceof Missing) && regex.matcher(value.toString()).find();
	}

	/** A range on one field: each bound an ordered value or null (none). */
	record Range(Object low, boolean lowExclusive, Object high, boolean highExclusive) {

		/** The earliest date BSON holds (milliseconds since the epoch, 64 bits). */
		static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);

		/**
		 * The range with an upper bound alone on a date or a string closed below at the
		 * least value of that type: a comparison matches only values of its bound's type
		 * (MongoDB's type bracketing, which the library's matcher follows), so the values
		 * of the types ordered before it need not be read.
		 */
		Range bracketed() {
			if (low == null && high instanceof Instant) {
				return new Range(EARLIEST, false, high, highExclusive);
			}
			if (low == null && high instanceof String) {
				return new Range("", false, high, highExclusive);
			}
			return this;
		}

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
					boolean lowExclusive = IndexOrder.ordered(gt);
					boolean highExclusive = IndexOrder.ordered(lt);
					Object low = lowExclusive ? gt : IndexOrder.ordered(gte) ? gte : null;
					Object high = highExclusive ? lt : IndexOrder.ordered(lte) ? lte : null;
					if (low != null || high != null) {
						return new Range(low, lowExclusive, high, highExclusive);
					}
				}
			}
			return null;
		}

	}

}
