package com.licencereminder.shared;

/**
 * Makes the store's writes survive a crash of this service before an action that must not
 * be forgotten, such as calling a provider: the write that records the action as started
 * has to be durable first, or a restart repeats the action without knowing it may be a
 * repeat.
 * <p>
 * On MongoDB ({@code spring.mongodb.uri} set) {@link #flush()} does nothing: the service
 * sets no write concern, so the server's default applies ({@code {w: "majority"}} on a
 * MongoDB 5.0+ replica set, acknowledged once a majority has the write in its journal),
 * and an acknowledged write lives in {@code mongod}, not in this process. On the embedded
 * H2 file store it writes the pending changes to the file (see
 * {@code shared.store.H2StoreDurability}).
 */
@FunctionalInterface
public interface StoreDurability {

	/**
	 * Returns once every write this service completed before the call (on any thread, to
	 * any collection) survives the service's process being killed ({@code kill -9}).
	 * Concurrent calls may share one commit.
	 */
	void flush();

	/**
	 * A mark of the store's commits so far, taken after a write: {@link #flushAfter} with
	 * it makes that write durable. The default (a store with nothing to commit) is 0.
	 */
	default long mark() {
		return 0;
	}

	/**
	 * Returns once every write this service completed before {@code mark} was taken
	 * survives a {@code kill -9}: at once when a commit begun since then has ended, else
	 * as {@link #flush()}.
	 */
	default void flushAfter(long mark) {
		flush();
	}

}
