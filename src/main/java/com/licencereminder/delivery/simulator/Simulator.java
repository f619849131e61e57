package com.licencereminder.delivery.simulator;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.ChannelSender.Lookup;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.RenderedMessage;
import com.licencereminder.delivery.SimulatedMessage;
import com.licencereminder.delivery.SimulatorControl;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The simulator behind every channel's {@link SimulatorSender}: applies the failure rules
 * and writes the outbox. Provider ids come from a counter document
 * ({@code simulator_sequence}) that each instance advances a block of 100 numbers at a
 * time, so they stay unique across restarts and instances on the same store; with several
 * instances the outbox's order (by number) interleaves their blocks. Like a provider, it
 * answers at once: the outbox entries are written in batches, at least every 100 ms and
 * whenever 100 are waiting, and before the outbox is read; a crash can lose the last of
 * them from the outbox (the delivery attempts still record those sends). A send that
 * times out after it was sent is written at once, so that a lookup of its attempt, which
 * reads the outbox, finds it even after a crash.
 */
@Component
class Simulator implements SimulatorControl, SmartInitializingSingleton, DisposableBean {

	static final String SEQUENCE = "simulator_sequence";

	/** The outbox is written at least this often... */
	private static final Duration WRITE_EVERY = Duration.ofMillis(100);

	/** ...and whenever this many entries are waiting. */
	private static final int WRITE_BATCH = 100;

	private static final Logger log = LoggerFactory.getLogger(Simulator.class);

	/** Sequence numbers reserved per write of the counter. */
	private static final int BLOCK = 100;

	private final Object blockLock = new Object();

	/**
	 * This instance's reserved numbers: {@code blockNext} to {@code blockLast}, guarded
	 * by {@link #blockLock}.
	 */
	private long blockNext = 1;

	private long blockLast;

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Map<Channel, Rule> channelRules = new ConcurrentHashMap<>();

	private final Map<String, Rule> recipientRules = new ConcurrentHashMap<>();

	/** Entries sent but not yet written, guarded by itself. */
	private final List<OutboxEntry> pending = new ArrayList<>();

	/** Held while a batch is written, so that batches are written in order. */
	private final Object writing = new Object();

	private final ScheduledExecutorService writer;

	Simulator(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
		this.writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "simulator-outbox");
			thread.setDaemon(true);
			return thread;
		});
		writer.scheduleWithFixedDelay(this::flushQuietly, WRITE_EVERY.toMillis(), WRITE_EVERY.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Creates the outbox's index at start-up: by sequence, unique, so the embedded store
	 * uses it too.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		mongo.indexOps(OutboxEntry.class).createIndex(new Index().on("seq", Sort.Direction.DESC).unique().named("seq"));
	}

	DeliveryResult send(Channel channel, String attemptId, String recipient, RenderedMessage message) {
		Rule rule = recipientRules.get(recipient);
		if (rule == null) {
			rule = channelRules.get(channel);
			if (rule != null && rule.remaining().getAndDecrement() <= 0) {
				channelRules.remove(channel, rule);
				rule = null;
			}
		}
		if (rule != null && !rule.sent()) {
			return failure(rule, attemptId);
		}
		long seq = next();
		OutboxEntry entry = new OutboxEntry("SIM-" + seq, seq, channel, recipient, message.text(), message.fields(),
				clock.instant(), attemptId);
		boolean full;
		synchronized (pending) {
			pending.add(entry);
			full = pending.size() >= WRITE_BATCH;
		}
		if (full || rule != null) {
			flush();
		}
		return rule != null ? failure(rule, attemptId)
				: new DeliveryResult(Outcome.SENT, attemptId, entry.id(), null, null);
	}

	/**
	 * Whether the attempt is in the outbox, as its provider id, or certainly not sent.
	 */
	Lookup lookup(String attemptId) {
		synchronized (pending) {
			for (OutboxEntry entry : pending) {
				if (attemptId.equals(entry.attemptId())) {
					return Lookup.sent(entry.id());
				}
			}
		}
		OutboxEntry entry = mongo.findOne(query(where("attemptId").is(attemptId)), OutboxEntry.class);
		return entry == null ? Lookup.notSent() : Lookup.sent(entry.id());
	}

	private static DeliveryResult failure(Rule rule, String attemptId) {
		return new DeliveryResult(rule.outcome(), attemptId, null, rule.errorCode(),
				DeliveryResult.TIMEOUT.equals(rule.errorCode()) ? "Simulated read timeout"
						: "Simulated " + rule.outcome().name().toLowerCase().replace('_', ' '));
	}

	@Override
	public void failNext(Channel channel, Outcome outcome, String errorCode, int times) {
		if (times < 1) {
			throw new IllegalArgumentException("times must be at least 1");
		}
		channelRules.put(channel, new Rule(failure(outcome), errorCode, new AtomicInteger(times), false));
	}

	@Override
	public void failRecipient(String recipient, Outcome outcome, String errorCode) {
		recipientRules.put(recipient,
				new Rule(failure(outcome), errorCode, new AtomicInteger(Integer.MAX_VALUE), false));
	}

	@Override
	public void timeOutNext(Channel channel, boolean sent, int times) {
		if (times < 1) {
			throw new IllegalArgumentException("times must be at least 1");
		}
		channelRules.put(channel,
				new Rule(Outcome.TRANSIENT_FAILURE, DeliveryResult.TIMEOUT, new AtomicInteger(times), sent));
	}

	/**
	 * Writes the entries not yet in the outbox collection, in the order they were sent.
	 */
	void flush() {
		synchronized (writing) {
			List<OutboxEntry> batch;
			synchronized (pending) {
				if (pending.isEmpty()) {
					return;
				}
				batch = new ArrayList<>(pending);
				pending.clear();
			}
			mongo.insert(batch, OutboxEntry.class);
		}
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			log.warn(
					"Could not write the simulator's outbox; those simulated messages are not shown (their delivery attempts are)",
					ex);
		}
	}

	/** Writes what is pending and stops the writer. */
	@Override
	public void destroy() {
		writer.shutdown();
		flushQuietly();
	}

	@Override
	public void reset() {
		channelRules.clear();
		recipientRules.clear();
		synchronized (writing) {
			synchronized (pending) {
				pending.clear();
			}
			mongo.remove(new Query(), OutboxEntry.class);
		}
		synchronized (blockLock) {
			blockNext = blockLast + 1;
		}
	}

	@Override
	public List<SimulatedMessage> outbox(int limit) {
		flush();
		return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "seq")).limit(limit), OutboxEntry.class)
			.stream()
			.map(OutboxEntry::toMessage)
			.toList();
	}

	/**
	 * The next number of this instance's block, reserving a new block when it is used up.
	 */
	private long next() {
		synchronized (blockLock) {
			if (blockNext > blockLast) {
				Document counter = mongo.findAndModify(query(where("_id").is("outbox")),
						new Update().inc("value", (long) BLOCK),
						FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, SEQUENCE);
				blockLast = ((Number) counter.get("value")).longValue();
				blockNext = blockLast - BLOCK + 1;
			}
			return blockNext++;
		}
	}

	private static Outcome failure(Outcome outcome) {
		if (outcome == null || outcome == Outcome.SENT) {
			throw new IllegalArgumentException("a simulated failure is TRANSIENT_FAILURE or PERMANENT_FAILURE");
		}
		return outcome;
	}

	/**
	 * A failure to simulate; {@code sent}: the message goes out all the same (a timeout
	 * after sending).
	 */
	private record Rule(Outcome outcome, String errorCode, AtomicInteger remaining, boolean sent) {
	}

}
