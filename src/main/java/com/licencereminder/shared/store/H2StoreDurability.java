package com.licencereminder.shared.store;

import com.licencereminder.shared.StoreDurability;
import org.h2.mvstore.MVStore;

/**
 * {@link StoreDurability} of the embedded H2 file store: {@link MVStore#commit()} writes the
 * changes made since the last commit to the file as a new chunk, and waiting for H2's background
 * writer covers changes that its own (asynchronous) commit has taken but not yet written. The
 * chunk is written without {@code fsync}: the operating system's page cache survives the death of
 * the process, so that is enough for {@code kill -9}; a power loss or kernel crash can still lose
 * the last writes, which is out of scope for the embedded, single-process store.
 * <p>
 * Group commit: a call is satisfied by any commit that <em>began</em> after the call did, so
 * callers arriving while a commit runs wait for it to end and then share the next one.
 */
final class H2StoreDurability implements StoreDurability {

	private final MVStore store;

	private final Object lock = new Object();

	/** Commits begun; incremented only under {@link #lock}, read without it. */
	private volatile long begun;

	/** The number of the last commit that ended, guarded by {@link #lock}. */
	private long ended;

	H2StoreDurability(MVStore store) {
		this.store = store;
	}

	@Override
	public void flush() {
		long seen = begun;
		synchronized (lock) {
			if (ended > seen) {
				return;
			}
			long commit = ++begun;
			store.commit();
			store.executeFilestoreOperation(() -> {
				// nothing: runs once H2's serialization and save queues are empty
			});
			ended = commit;
		}
	}

}
