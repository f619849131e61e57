package com.licencereminder.shared.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Which fields of its input documents an aggregation pipeline reads, as MongoDB's
 * dependency analysis finds them to decide whether an index covers a pipeline: the stages
 * up to the first one that replaces the documents ({@code $group}, {@code $count}, an
 * inclusion {@code $project}), every field path ({@code "$field"}) in them, and the
 * fields that {@code $match}, {@code $sort} and an inclusion {@code $project} name
 * ({@code _id} unless the projection leaves it out). Conservative: the answer may name
 * more fields than the pipeline needs, never fewer, and it is null whenever the stages
 * may read others (a pipeline that passes whole documents on, an exclusion projection, a
 * variable such as {@code $$ROOT}, a dotted path, a stage or query operator not listed
 * here).
 */
final class PipelineFields {

	/** Stages that pass the documents on as they are or with fields added. */
	private static final Set<String> PASSING = Set.of("$match", "$sort", "$limit", "$skip", "$addFields", "$set");

	private PipelineFields() {
	}

	/**
	 * The top-level fields the stages read of the documents they start from, or null when
	 * that cannot be told (see the class comment).
	 */
	static Set<String> readBy(List<?> stages) {
		Set<String> fields = new LinkedHashSet<>();
		for (Object stage : stages) {
			if (!(stage instanceof Document document) || document.size() != 1) {
				return null;
			}
			Map.Entry<String, Object> only = document.entrySet().iterator().next();
			Object argument = only.getValue();
			boolean read = switch (only.getKey()) {
				case "$match" -> argument instanceof Document filter && filterFields(filter, fields);
				case "$sort" ->
					argument instanceof Document sort && sort.keySet().stream().allMatch(f -> add(f, fields));
				case "$limit", "$skip" -> true;
				case "$addFields", "$set", "$group" ->
					argument instanceof Document expressions && paths(expressions.values(), fields);
				case "$count" -> argument instanceof String;
				case "$project" -> argument instanceof Document projection && projectionFields(projection, fields);
				default -> false;
			};
			if (!read) {
				return null;
			}
			if (!PASSING.contains(only.getKey())) {
				return fields;
			}
		}
		return null;
	}

	/**
	 * Adds the fields an inclusion projection reads; false for an exclusion projection
	 * (it passes every other field on).
	 */
	private static boolean projectionFields(Document projection, Set<String> fields) {
		boolean withId = true;
		boolean includes = false;
		for (Map.Entry<String, Object> field : projection.entrySet()) {
			Object value = field.getValue();
			boolean flag = value instanceof Number || value instanceof Boolean;
			boolean on = flag && !(value instanceof Number number && number.doubleValue() == 0)
					&& !Boolean.FALSE.equals(value);
			if (field.getKey().equals("_id") && flag && !on) {
				withId = false;
			}
			else if (flag && !on) {
				return false;
			}
			else if (flag ? !add(field.getKey(), fields) : !paths(List.of(value), fields)) {
				return false;
			}
			else {
				includes = true;
			}
		}
		return includes && (!withId || add("_id", fields));
	}

	/**
	 * Adds the fields a query names, through {@code $and}, {@code $or} and {@code $nor};
	 * false for any other top-level operator ({@code $expr}, {@code $text}, ...).
	 */
	private static boolean filterFields(Document filter, Set<String> fields) {
		for (Map.Entry<String, Object> condition : filter.entrySet()) {
			String key = condition.getKey();
			if (key.equals("$and") || key.equals("$or") || key.equals("$nor")) {
				if (!(condition.getValue() instanceof List<?> clauses) || !clauses.stream()
					.allMatch(clause -> clause instanceof Document inner && filterFields(inner, fields))) {
					return false;
				}
			}
			else if (key.startsWith("$") || !add(key, fields)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Adds the field paths in expressions (strings starting with {@code $}); false for a
	 * variable ({@code $$...}) or a dotted path.
	 */
	private static boolean paths(Iterable<?> expressions, Set<String> fields) {
		for (Object expression : expressions) {
			boolean read = true;
			if (expression instanceof String text && text.startsWith("$")) {
				read = !text.startsWith("$$") && add(text.substring(1), fields);
			}
			else if (expression instanceof Document document) {
				read = paths(document.values(), fields);
			}
			else if (expression instanceof List<?> list) {
				read = paths(list, fields);
			}
			if (!read) {
				return false;
			}
		}
		return true;
	}

	/** Adds a top-level field; false for an empty or dotted path. */
	private static boolean add(String field, Set<String> fields) {
		if (field.isEmpty() || field.contains(".")) {
			return false;
		}
		fields.add(field);
		return true;
	}

}
