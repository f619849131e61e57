package com.licencereminder.shared.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A server-side cursor over the documents of a result that did not fit its first batch,
 * handed out by {@code getMore} as MongoDB does: at most the requested number of
 * documents (any number when none is requested) and never more than
 * {@link #MAX_BATCH_BYTES} of BSON, but always at least one document, so a reply stays
 * under the wire protocol's message limit (48 MB) whatever the result's size. One that no
 * {@code getMore} reads for {@link CursorBatches#IDLE} is closed, as MongoDB closes idle
 * cursors, so a client that abandons a result does not hold it in memory for ever.
 */
final class BatchCursor extends AbstractCursor implements ServerCursor {

	/** The most BSON a batch carries, as MongoDB's 16 MiB. */
	static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;

	private final Deque<Document> remaining;

	/** {@link System#nanoTime()} when a batch was last taken or the cursor filled. */
	private volatile long lastUsed = System.nanoTime();

	BatchCursor(long id, List<Document> documents) {
		super(id);
		this.remaining = new ArrayDeque<>(documents);
	}

	@Override
	public synchronized boolean isEmpty() {
		return this.remaining.isEmpty();
	}

	/**
	 * The next batch: up to {@code batchSize} documents ({@code 0} or less: no count
	 * limit) within {@link #MAX_BATCH_BYTES}.
	 */
	@Override
	public synchronized List<Document> takeDocuments(int batchSize) {
		this.lastUsed = System.nanoTime();
		List<Document> batch = new ArrayList<>();
		ByteBuf buffer = Unpooled.buffer();
		try {
			long bytes = 0;
			while (!this.remaining.isEmpty() && (batchSize <= 0 || batch.size() < batchSize)) {
				int size = bsonSize(this.remaining.peekFirst(), buffer);
				if (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
					break;
				}
				bytes += size;
				batch.add(this.remaining.pollFirst());
			}
		}
		finally {
			buffer.release();
		}
		return batch;
	}

	/** Puts documents back in front of the remaining ones, in their order. */
	synchronized void putBack(List<Document> documents) {
		this.lastUsed = System.nanoTime();
		for (int i = documents.size() - 1; i >= 0; i--) {
			this.remaining.addFirst(documents.get(i));
		}
	}

	@Override
	public boolean idle(Duration idle, long now) {
		return now - this.lastUsed > idle.toNanos();
	}

	/** The cursor as if last used at {@code nanoTime} (tests). */
	void lastUsed(long nanoTime) {
		this.lastUsed = nanoTime;
	}

	/** The document's size as BSON, encoded into the (reused) buffer. */
	static int bsonSize(Document document, ByteBuf buffer) {
		buffer.clear();
		BsonEncoder.encodeDocument(document, buffer);
		return buffer.readableBytes();
	}

}
