package com.licencereminder.shared.store;

import java.util.concurrent.TimeUnit;

import com.licencereminder.shared.StoreDurability;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.h2.mvstore.MVStore;

/**
 * {@link StoreDurability} of the embedded H2 file store: {@link MVStore#commit()} writes
 * the changes made since the last commit to the file as a new chunk, and waiting for H2's
 * background writer covers changes that its own (asynchronous) commit has taken but not
 * yet written. The chunk is written without {@code fsync}: the operating system's page
 * cache survives the death of the process, so that is enough for {@code kill -9}; a power
 * loss or kernel crash can still lose the last writes, which is out of scope for the
 * embedded, single-process store.
 * <p>
 * Group commit: a call is satisfied by any commit that <em>began</em> after the call did
 * (after its mark was taken, for {@link #flushAfter}), so callers arriving while a commit
 * runs wait for it to end and then share the next one, and a caller whose mark a commit
 * has since covered does not commit at all. Metrics: timer {@code store.flush} (each
 * call, waiting included) and counter {@code store.flush.commits} (the commits the calls
 * made).
 */
final class H2StoreDurability implements StoreDurability {

	private final MVStore store;

	private final Object lock = new Object();

	/** Commits begun; incremented only under {@link #lock}, read without it. */
	private volatile long begun;

	/** The number of the last commit that ended, guarded by {@link #lock}. */
	private long ended;

	private final Timer flushes;

	private final Counter commits;

	H2StoreDurability(MVStore store, MeterRegistry meters) {
		this.store = store;
		this.flushes = Timer.builder("store.flush")
			.description("Calls that made the embedded store's writes durable, waiting included")
			.register(meters);
		this.commits = Counter.builder("store.flush.commits")
			.description("Commits of the embedded store's file made for those calls")
			.register(meters);
	}

	@Override
	public void flush() {
		flushAfter(begun);
	}

	@Override
	public long mark() {
		return begun;
	}

	@Override
	public void flushAfter(long mark) {
		long started = System.nanoTime();
		synchronized (lock) {
			if (ended <= mark) {
				long commit = ++begun;
				store.commit();
				store.executeFilestoreOperation(() -> {
					// nothing: runs once H2's serialization and save queues are empty
				});
				ended = commit;
				commits.increment();
			}
		}
		flushes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
	}

}
