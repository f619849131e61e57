package com.licencereminder.reminder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import com.licencereminder.shared.Monitors;

/**
 * Hands the messages of a batch to the sending threads one at a time, made ready in waves
 * of as many as there are threads asking: a thread that asks when none is ready and no
 * wave is being made makes the next one, for itself and every thread asking with it, and
 * the others wait for it. So a message is made ready only when a thread is free to send
 * it, and no more messages are ready but unsent, or being sent, than there are threads:
 * after a crash at most that many are taken over as possibly sent (decision 0105,
 * amended). The writes of a wave are shared as those of a batch were. Once the batch is
 * no longer {@code open} (the instance is shutting down), the messages not yet made ready
 * are given back instead, so that another instance takes them at once.
 *
 * @param <S> a message to make ready
 * @param <R> a message made ready
 */
final class ReadyWaves<S, R> {

	private final Object lock = new Object();

	private final Deque<S> remaining;

	private final Function<List<S>, List<R>> makeReady;

	private final BooleanSupplier open;

	private final Consumer<List<S>> giveBack;

	/** Messages made ready and not yet taken, guarded by {@link #lock}. */
	private final Deque<R> ready = new ArrayDeque<>();

	/** Threads asking for a message, guarded by {@link #lock}. */
	private int asking;

	/** Whether a thread is making a wave ready, guarded by {@link #lock}. */
	private boolean making;

	/**
	 * @param messages the batch's messages, in the order to send them
	 * @param makeReady makes a wave ready; gives back those it made ready (none when it
	 * failed: their tasks are left to their lease)
	 * @param open whether to go on making waves ready; asked before each
	 * @param giveBack gives back the messages left once the batch is no longer open
	 */
	ReadyWaves(List<S> messages, Function<List<S>, List<R>> makeReady, BooleanSupplier open,
			Consumer<List<S>> giveBack) {
		this.remaining = new ArrayDeque<>(messages);
		this.makeReady = makeReady;
		this.open = open;
		this.giveBack = giveBack;
	}

	/**
	 * The next message made ready for this thread to send, or null when none is left (or
	 * the batch is no longer open and the rest was given back).
	 */
	R next() {
		while (true) {
			List<S> wave;
			boolean closed;
			synchronized (this.lock) {
				this.asking++;
				try {
					Monitors.awaitWhile(this.lock, () -> this.ready.isEmpty() && this.making);
					if (!this.ready.isEmpty()) {
						return this.ready.poll();
					}
					if (this.remaining.isEmpty()) {
						return null;
					}
					this.making = true;
					closed = !this.open.getAsBoolean();
					wave = new ArrayList<>();
					while ((closed || wave.size() < this.asking) && !this.remaining.isEmpty()) {
						wave.add(this.remaining.poll());
					}
				}
				finally {
					this.asking--;
				}
			}
			List<R> made = List.of();
			try {
				if (closed) {
					this.giveBack.accept(wave);
				}
				else {
					made = this.makeReady.apply(wave);
				}
			}
			finally {
				synchronized (this.lock) {
					this.ready.addAll(made);
					this.making = false;
					this.lock.notifyAll();
				}
			}
		}
	}

}
