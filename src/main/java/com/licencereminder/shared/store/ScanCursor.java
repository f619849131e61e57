package com.licencereminder.shared.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * A cursor over a collection's documents that match a query, in the order of the
 * collection's map, read one batch at a time: each batch goes on from the key after the
 * last one read, so a result of any size takes the memory of one batch (at most the
 * requested number of documents and {@link BatchCursor#MAX_BATCH_BYTES} of BSON, but at
 * least one document). Like a MongoDB cursor it is not a snapshot: a batch sees the
 * documents as they are when it is read, and keeps the chunks of that version of the file
 * until it is read, however long it takes (decision 0092).
 */
final class ScanCursor extends AbstractCursor implements ServerCursor {

	private final MVMap<Object, Document> documents;

	private final Predicate<Document> matches;

	private final UnaryOperator<Document> projection;

	/** The key of the last document read; null before the first batch. */
	private Object after;

	private int toSkip;

	/** How many documents the limit still allows; negative: no limit. */
	private long allowed;

	private boolean done;

	private volatile long lastUsed = System.nanoTime();

	/**
	 * @param limit the most documents it gives, 0 for no limit
	 */
	ScanCursor(long id, MVMap<Object, Document> documents, Predicate<Document> matches,
			UnaryOperator<Document> projection, int skip, int limit) {
		super(id);
		this.documents = documents;
		this.matches = matches;
		this.projection = projection;
		this.toSkip = skip;
		this.allowed = limit > 0 ? limit : -1;
	}

	@Override
	public synchronized boolean isEmpty() {
		return this.done;
	}

	/**
	 * The next batch: up to {@code batchSize} documents ({@code 0} or less: no count
	 * limit) within {@link BatchCursor#MAX_BATCH_BYTES}.
	 */
	@Override
	public synchronized List<Document> takeDocuments(int batchSize) {
		this.lastUsed = System.nanoTime();
		if (this.done) {
			return new ArrayList<>();
		}
		return VersionPins.during(this.documents.getStore(), () -> batch(batchSize));
	}

	/**
	 * The documents of the next batch, read from the map as of one version: the caller
	 * keeps that version's chunks while the batch is read ({@link VersionPins}).
	 */
	private List<Document> batch(int batchSize) {
		List<Document> batch = new ArrayList<>();
		ByteBuf buffer = Unpooled.buffer();
		try {
			Cursor<Object, Document> cursor = this.documents.cursor(this.after);
			long bytes = 0;
			while ((batchSize <= 0 || batch.size() < batchSize) && this.allowed != 0) {
				if (!cursor.hasNext()) {
					this.done = true;
					break;
				}
				Object key = cursor.next();
				if (this.after != null && key.equals(this.after)) {
					continue;
				}
				Document document = cursor.getValue();
				if (!this.matches.test(document)) {
					this.after = key;
					continue;
				}
				if (this.toSkip > 0) {
					this.toSkip--;
					this.after = key;
					continue;
				}
				Document projected = this.projection.apply(document);
				int size = BatchCursor.bsonSize(projected, buffer);
				if (!batch.isEmpty() && bytes + size > BatchCursor.MAX_BATCH_BYTES) {
					break;
				}
				this.after = key;
				bytes += size;
				batch.add(projected);
				this.allowed--;
			}
			if (this.allowed == 0) {
				this.done = true;
			}
		}
		finally {
			buffer.release();
		}
		return batch;
	}

	@Override
	public boolean idle(Duration idle, long now) {
		return now - this.lastUsed > idle.toNanos();
	}

}
