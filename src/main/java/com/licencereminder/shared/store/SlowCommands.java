package com.licencereminder.shared.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's slow command log, as MongoDB's: a command that takes
 * {@link #THRESHOLD_MILLIS} or longer is logged at INFO (logger
 * {@code com.licencereminder.shared.store.SlowCommands}) with its name, collection, time
 * and shape. The shape keeps field names and operators and replaces every value by
 * {@code ?}, so the log shows which query was slow without the phone numbers, names or
 * openids it may hold. At DEBUG every command is logged so, with its time.
 */
final class SlowCommands {

	/** MongoDB's default {@code slowms}. */
	static final long THRESHOLD_MILLIS = 100;

	/** The fields of a command whose shape is logged. */
	private static final Set<String> SHAPED = Set.of("filter", "sort", "pipeline", "query", "q", "updates", "deletes",
			"key", "hint");

	/** Fields whose values are kept: field names and directions, no data. */
	private static final Set<String> KEPT = Set.of("sort", "$sort", "key", "hint");

	private static final Logger log = LoggerFactory.getLogger(SlowCommands.class);

	private SlowCommands() {
	}

	/** The command's reply, logged when it took the threshold or longer. */
	static Document timed(String command, Document query, Supplier<Document> answer) {
		long started = System.nanoTime();
		Document reply = answer.get();
		long millis = (System.nanoTime() - started) / 1_000_000;
		if (millis >= THRESHOLD_MILLIS && log.isInfoEnabled()) {
			log.info("Slow command on the embedded store ({} ms): {} {} {}", millis, command, query.get(command),
					shape(query));
		}
		else if (log.isDebugEnabled()) {
			log.debug("Command on the embedded store ({} ms): {} {} {}", millis, command, query.get(command),
					shape(query));
		}
		return reply;
	}

	/**
	 * The command's query parts ({@code filter}, {@code sort}, {@code pipeline}, …) with
	 * every value replaced by {@code ?}, a list of values by their number, a run of
	 * documents of one shape (the statements of a bulk write) by their number and that
	 * shape, and sort, index keys and field paths ({@code "$field"}) kept.
	 */
	static Map<String, Object> shape(Document query) {
		Map<String, Object> shape = new LinkedHashMap<>();
		query.forEach((field, value) -> {
			if (SHAPED.contains(field)) {
				shape.put(field, KEPT.contains(field) ? value : shapeOf(value));
			}
		});
		return shape;
	}

	private static Object shapeOf(Object value) {
		if (value instanceof Document document) {
			Map<String, Object> shaped = new LinkedHashMap<>();
			document.forEach((key, inner) -> shaped.put(key, KEPT.contains(key) ? inner : shapeOf(inner)));
			return shaped;
		}
		if (value instanceof List<?> list) {
			if (list.stream().noneMatch(item -> item instanceof Document || item instanceof List)) {
				return "[" + list.size() + " values]";
			}
			List<Object> shapes = new ArrayList<>();
			Object previous = null;
			int times = 0;
			for (Object item : list) {
				Object shaped = shapeOf(item);
				if (times > 0 && !shaped.equals(previous)) {
					shapes.add(times == 1 ? previous : times + " × " + previous);
					times = 0;
				}
				previous = shaped;
				times++;
			}
			shapes.add(times == 1 ? previous : times + " × " + previous);
			return shapes;
		}
		if (value instanceof String text && text.startsWith("$")) {
			return text;
		}
		return "?";
	}

}
