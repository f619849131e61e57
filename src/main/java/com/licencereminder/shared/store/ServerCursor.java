package com.licencereminder.shared.store;

import java.time.Duration;

import de.bwaldvogel.mongo.backend.Cursor;

/**
 * A cursor this store hands out for {@code getMore}, closed by
 * {@link CursorBatches#close} once used up or idle.
 */
interface ServerCursor extends Cursor {

	/** Whether no batch was taken for longer than {@code idle} before {@code now}. */
	boolean idle(Duration idle, long now);

}
