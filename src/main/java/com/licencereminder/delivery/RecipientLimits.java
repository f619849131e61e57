package com.licencereminder.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sends a provider allows to one recipient in sliding windows (e.g. Aliyun: one call
 * a minute, five an hour, twenty a day to a number), kept in memory by the instance: a
 * sender {@link #tryAcquire takes a slot} before it calls the provider and defers the
 * send until one frees when there is none, so a digest or a retry never runs into the
 * provider's limit; a send that did not go out {@link #giveBack gives its slot back}.
 * With several instances each keeps its own count; the provider's refusal (classified
 * {@link FailureClass#RATE_LIMITED}) is the backstop. Keys whose sends are all older than
 * the longest window are forgotten.
 */
public final class RecipientLimits {

	private final Clock clock;

	private final List<Window> windows;

	private final Duration longest;

	private final Map<String, Deque<Instant>> sends = new HashMap<>();

	private int sinceSweep;

	/**
	 * @param clock the clock
	 * @param windows the limits
	 */
	public RecipientLimits(Clock clock, List<Window> windows) {
		this.clock = clock;
		this.windows = List.copyOf(windows);
		this.longest = windows.stream().map(Window::per).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
	}

	/**
	 * Takes a slot for a send to the key (a number, or a number and a template) when
	 * every window has one.
	 * @return empty when the slot is taken; else when every window will have one again
	 * (the send must wait until then)
	 */
	public synchronized Optional<Instant> tryAcquire(String key) {
		Instant now = clock.instant();
		if (++sinceSweep >= 1000) {
			sinceSweep = 0;
			sends.values().forEach(times -> prune(times, now));
			sends.values().removeIf(Deque::isEmpty);
		}
		Deque<Instant> times = sends.computeIfAbsent(key, k -> new ArrayDeque<>());
		prune(times, now);
		Instant free = null;
		for (Window window : windows) {
			Instant from = now.minus(window.per());
			List<Instant> within = times.stream().filter(at -> at.isAfter(from)).toList();
			if (within.size() >= window.sends()) {
				Instant leaves = within.get(within.size() - window.sends()).plus(window.per());
				free = free == null || leaves.isAfter(free) ? leaves : free;
			}
		}
		if (free != null) {
			return Optional.of(free);
		}
		times.addLast(now);
		return Optional.empty();
	}

	/**
	 * Gives back the latest slot taken for the key, for a send that did not reach the
	 * recipient (refused, or answered from an earlier attempt's record).
	 */
	public synchronized void giveBack(String key) {
		Deque<Instant> times = sends.get(key);
		if (times != null) {
			times.pollLast();
		}
	}

	private void prune(Deque<Instant> times, Instant now) {
		Instant oldest = now.minus(longest);
		while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
			times.removeFirst();
		}
	}

	/**
	 * At most {@code sends} in any {@code per}.
	 *
	 * @param sends the sends allowed
	 * @param per the window
	 */
	public record Window(int sends, Duration per) {

		/**
		 * @throws IllegalArgumentException for fewer than one send or a window that is
		 * not positive (a limit of none would hold sends back forever)
		 */
		public Window {
			if (sends < 1 || per == null || per.isNegative() || per.isZero()) {
				throw new IllegalArgumentException(
						"a limit allows at least one send in a positive time: " + sends + " per " + per);
			}
		}

	}

}
