package com.licencereminder.shared.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Cuts a command's cursor reply to a first batch as MongoDB does: the requested
 * {@code batchSize} ({@code find}'s, or {@code cursor.batchSize} of {@code aggregate} and
 * the listing commands), else {@value #DEFAULT_FIRST_BATCH} documents, and never more
 * than {@link BatchCursor#MAX_BATCH_BYTES} of BSON (but at least one document). The rest
 * is kept in a {@link BatchCursor} registered under the reply's cursor id, which
 * {@code getMore} empties batch by batch. A {@code singleBatch} find keeps its first
 * batch only, as MongoDB closes such a cursor. The library answers every such command
 * with the whole result in its first batch unless a batch size is given, and then keeps
 * the rest in a cursor that cannot serve a {@code getMore} without a batch size; the
 * driver fails on any reply over 48 MB.
 */
final class CursorBatches {

	static final int DEFAULT_FIRST_BATCH = 101;

	/**
	 * How long a cursor is kept without a {@code getMore}: MongoDB's default
	 * {@code cursorTimeoutMillis}.
	 */
	static final Duration IDLE = Duration.ofMinutes(10);

	private CursorBatches() {
	}

	/**
	 * The reply with its first batch cut to size, the rest in a registered cursor; the
	 * reply itself when it has no cursor or its first batch fits.
	 * @param command the command as the client sent it
	 * @param open the cursors made here and not yet closed: any that is used up or idle
	 * for {@link #IDLE} is closed first, and a new one is added
	 */
	@SuppressWarnings("unchecked")
	static Document cut(Document reply, Document command, CursorRegistry registry, Set<ServerCursor> open) {
		close(open, registry, System.nanoTime());
		if (!(reply.get("cursor") instanceof Document cursor) || !(cursor.get("firstBatch") instanceof List<?> batch)) {
			return reply;
		}
		List<Document> documents = (List<Document>) batch;
		boolean single = Boolean.TRUE.equals(command.get("singleBatch"));
		int wanted = single ? Integer.MAX_VALUE : requestedBatchSize(command);
		int fits = fitting(documents, wanted);
		if (fits == documents.size()) {
			return reply;
		}
		List<Document> rest = new ArrayList<>(documents.subList(fits, documents.size()));
		cursor.put("firstBatch", new ArrayList<>(documents.subList(0, fits)));
		long id = ((Number) cursor.get("id")).longValue();
		if (single) {
			if (id != 0) {
				registry.remove(id);
			}
			cursor.put("id", 0L);
			return reply;
		}
		Cursor existing = id == 0 ? null : registry.getCursor(id);
		if (existing instanceof BatchCursor more) {
			more.putBack(rest);
		}
		else {
			if (existing != null) {
				registry.remove(existing);
				rest.addAll(existing.takeDocuments(Integer.MAX_VALUE));
			}
			BatchCursor more = new BatchCursor(registry.generateCursorId(), rest);
			registry.add(more);
			open.add(more);
			cursor.put("id", more.getId());
		}
		return reply;
	}

	/**
	 * Closes (removes from the registry) the cursors that are used up or idle for
	 * {@link #IDLE} at {@code now}; a {@code getMore} of one then fails as MongoDB's
	 * does, cursor not found.
	 */
	static void close(Set<ServerCursor> open, CursorRegistry registry, long now) {
		open.removeIf(cursor -> {
			if (cursor.isEmpty() || cursor.idle(IDLE, now)) {
				registry.remove(cursor);
				return true;
			}
			return false;
		});
	}

	/**
	 * The batch size the command asks for, {@value #DEFAULT_FIRST_BATCH} when it names
	 * none.
	 */
	static int requestedBatchSize(Document command) {
		Object size = command.get("batchSize");
		if (size == null && command.get("cursor") instanceof Document cursor) {
			size = cursor.get("batchSize");
		}
		return size instanceof Number number && number.intValue() >= 0 ? number.intValue() : DEFAULT_FIRST_BATCH;
	}

	/**
	 * How many of the documents, from the first, make a batch of at most {@code wanted}
	 * documents within {@link BatchCursor#MAX_BATCH_BYTES} (at least one, when
	 * {@code wanted} allows one).
	 */
	private static int fitting(List<Document> documents, int wanted) {
		int limit = Math.min(wanted, documents.size());
		ByteBuf buffer = Unpooled.buffer();
		try {
			long bytes = 0;
			for (int i = 0; i < limit; i++) {
				bytes += BatchCursor.bsonSize(documents.get(i), buffer);
				if (i > 0 && bytes > BatchCursor.MAX_BATCH_BYTES) {
					return i;
				}
			}
			return limit;
		}
		finally {
			buffer.release();
		}
	}

}
