package com.licencereminder.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.licencereminder.delivery.ReferenceClaims.Completion;
import com.licencereminder.shared.Monitors;
import com.licencereminder.shared.StoreDurability;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Records the results of sends in groups, as a database's group commit does. A thread
 * that brings a result while no group is being recorded becomes the group's leader: it
 * records its result together with all that arrived while the previous group was being
 * recorded ({@link ReferenceClaims#completeAll}: one bulk write for the attempts, one for
 * the references) and hands every thread of the group its result. The others wait for
 * that.
 * <p>
 * A result is made durable before its thread calls a provider again
 * ({@link #durableBeforeNextSend}), not when it is recorded: the commit that makes the
 * thread's next message ready (a wave of {@code Deliveries.prepare}) usually covers it,
 * so that one commit serves both. So after a crash at most one send per sending thread
 * can be repeated: the one under way, or the last one whose result was not yet durable,
 * never both; a result of a thread that sends no more is made durable by the store's own
 * commit within its {@code commit-delay}. Decision 0106, amended.
 * <p>
 * Metrics: gauge {@code delivery.results.waiting} (results waiting for the group being
 * recorded) and distribution summary {@code delivery.results.group} (results per group).
 */
@Component
class ResultGroups {

	private final ReferenceClaims claims;

	private final StoreDurability durability;

	private final Object lock = new Object();

	/**
	 * For each thread, the store's {@link StoreDurability#mark() mark} after its last
	 * result was written; null when it has none.
	 */
	private final ThreadLocal<Long> lastWritten = new ThreadLocal<>();

	/** Results brought while a group was being recorded, guarded by {@link #lock}. */
	private List<Pending> waiting = new ArrayList<>();

	/** Whether a leader is recording a group, guarded by {@link #lock}. */
	private boolean recording;

	private final DistributionSummary groups;

	ResultGroups(ReferenceClaims claims, StoreDurability durability, MeterRegistry meters) {
		this.claims = claims;
		this.durability = durability;
		Gauge.builder("delivery.results.waiting", this, ResultGroups::waiting)
			.description("Results of sends waiting for the group being recorded")
			.register(meters);
		this.groups = DistributionSummary.builder("delivery.results.group")
			.description("Results of sends recorded together")
			.register(meters);
	}

	private int waiting() {
		synchronized (this.lock) {
			return this.waiting.size();
		}
	}

	/**
	 * Records the result of an attempt as {@link ReferenceClaims#complete} does, together
	 * with the results other threads bring meanwhile. The result is made durable before
	 * the calling thread's next {@link #durableBeforeNextSend}.
	 * @return the result the caller should act on
	 * @throws RuntimeException when the store refuses the group's writes: the results of
	 * the whole group are then unrecorded, their attempts taken over as possible
	 * duplicates after {@code licence-reminder.delivery.in-flight-timeout}
	 */
	DeliveryResult record(Completion completion) {
		Pending mine = new Pending(completion);
		List<Pending> group;
		synchronized (this.lock) {
			this.waiting.add(mine);
			Monitors.awaitWhile(this.lock, () -> this.recording && !mine.done);
			if (mine.done) {
				return outcome(mine);
			}
			this.recording = true;
			group = this.waiting;
			this.waiting = new ArrayList<>();
		}
		this.groups.record(group.size());
		Map<String, DeliveryResult> results = null;
		long written = 0;
		RuntimeException failure = null;
		try {
			results = this.claims.completeAll(group.stream().map(Pending::completion).toList());
			written = this.durability.mark();
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		finally {
			synchronized (this.lock) {
				for (Pending pending : group) {
					pending.done = true;
					pending.written = written;
					pending.result = results == null ? null : results.get(pending.completion.attemptId());
					pending.failure = results == null && failure == null
							? new IllegalStateException("Recording the group's results did not finish") : failure;
				}
				this.recording = false;
				this.lock.notifyAll();
			}
		}
		return outcome(mine);
	}

	/**
	 * The result of a recorded group for the calling thread, which remembers its mark.
	 */
	private DeliveryResult outcome(Pending mine) {
		DeliveryResult result = mine.outcome();
		this.lastWritten.set(mine.written);
		return result;
	}

	/**
	 * Makes the calling thread's last recorded result durable, unless a commit begun
	 * since it was written has done so already; called before the thread calls a
	 * provider.
	 */
	void durableBeforeNextSend() {
		Long written = this.lastWritten.get();
		if (written != null) {
			this.durability.flushAfter(written);
			this.lastWritten.remove();
		}
	}

	/** A result waiting to be recorded, and once {@code done}, what recording it gave. */
	private static final class Pending {

		private final Completion completion;

		private boolean done;

		private DeliveryResult result;

		private long written;

		private RuntimeException failure;

		private Pending(Completion completion) {
			this.completion = completion;
		}

		private Completion completion() {
			return this.completion;
		}

		private DeliveryResult outcome() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.result;
		}

	}

}
