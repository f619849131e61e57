package com.licencereminder.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The SMS opt-out list, keyed by E.164 number.
 * <p>
 * Every text checks it, so the numbers are also held in memory: a number found there is
 * confirmed by an {@code _id} lookup (opt-outs are few; the store stays the authority),
 * and a number not found there is taken as not opted out. The memory copy takes this
 * instance's opt-outs at once and the ones other instances record within
 * {@link #REFRESH}: at most that often, a check first reads the opt-outs recorded since
 * the newest one it has seen, less {@link #OVERLAP} for clocks that differ between
 * instances (the {@code at} index serves the read). Opt-outs are never removed.
 */
@Component
class OptOuts {

	/** How stale the memory copy may be, for opt-outs recorded by other instances. */
	static final Duration REFRESH = Duration.ofSeconds(1);

	/** How far back each refresh reads before the newest opt-out seen. */
	static final Duration OVERLAP = Duration.ofMinutes(10);

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Set<String> known = ConcurrentHashMap.newKeySet();

	private final Object refreshing = new Object();

	/** The newest {@code at} read so far, guarded by {@link #refreshing}. */
	private Instant newest = Instant.EPOCH.plus(OVERLAP);

	/** {@link System#nanoTime()} of the last refresh; a cache age, not business time. */
	private volatile long refreshedAt;

	private volatile boolean loaded;

	OptOuts(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Whether the number opted out of text messages. */
	boolean isOptedOut(String number) {
		if (number == null) {
			return false;
		}
		refreshIfStale();
		if (!known.contains(number)) {
			return false;
		}
		if (mongo.findById(number, OptOut.class) != null) {
			return true;
		}
		known.remove(number);
		return false;
	}

	/** Records that the number opted out; repeating it keeps the first record. */
	void optOut(String number, String source) {
		if (mongo.findById(number, OptOut.class) == null) {
			mongo.save(new OptOut(number, clock.instant(), source));
		}
		known.add(number);
	}

	private void refreshIfStale() {
		if (loaded && System.nanoTime() - refreshedAt < REFRESH.toNanos()) {
			return;
		}
		synchronized (refreshing) {
			if (loaded && System.nanoTime() - refreshedAt < REFRESH.toNanos()) {
				return;
			}
			Query recent = Query.query(Criteria.where("at").gte(newest.minus(OVERLAP)));
			for (OptOut optOut : mongo.find(recent, OptOut.class)) {
				known.add(optOut.number());
				if (optOut.at() != null && optOut.at().isAfter(newest)) {
					newest = optOut.at();
				}
			}
			refreshedAt = System.nanoTime();
			loaded = true;
		}
	}

}
