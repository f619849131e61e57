package com.licencereminder.shared;

import java.util.function.BooleanSupplier;

/** Waiting on an object's monitor for threads that must not give up their turn. */
public final class Monitors {

	private Monitors() {
	}

	/**
	 * Waits on {@code monitor}, which the caller holds, for as long as {@code condition}
	 * holds. An interrupt does not end the wait (the thread would lose what it waits for,
	 * which another thread is about to hand it); it is kept and set again on return.
	 */
	public static void awaitWhile(Object monitor, BooleanSupplier condition) {
		boolean interrupted = false;
		while (condition.getAsBoolean()) {
			try {
				monitor.wait();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
