package com.licencereminder.reminder;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import com.mongodb.client.result.UpdateResult;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

/**
 * The store with a hook around every write the engine makes (bulk executions, inserts,
 * updates, findAndModify), to put a reader or a crash between the writes of a
 * multi-document change: {@link #crashingBefore} dies before the n-th write,
 * {@link #pausing} pauses after each write so that other threads' work falls between the
 * writes.
 */
final class InterceptedMongo extends MongoTemplate {

	private final Hook hook;

	private InterceptedMongo(MongoDatabaseFactory factory, MongoConverter converter, Hook hook) {
		super(factory, converter);
		this.hook = hook;
	}

	/**
	 * A store whose writes from the {@code n}-th on throw {@link Crash}; the earlier ones
	 * happen.
	 */
	static InterceptedMongo crashingBefore(MongoTemplate store, int n) {
		AtomicInteger left = new AtomicInteger(n);
		return new InterceptedMongo(store.getMongoDatabaseFactory(), store.getConverter(), () -> {
			if (left.getAndDecrement() <= 0) {
				throw new Crash();
			}
		});
	}

	/**
	 * A store that pauses after each write, for a drawn time up to {@code most}; on
	 * threads whose name starts with {@code slowThreads} up to ten times that, so that
	 * the others' work falls between the writes of their multi-document changes.
	 */
	static InterceptedMongo pausing(MongoDatabaseFactory factory, MongoConverter converter, long seed, Duration most,
			String slowThreads) {
		Random random = new Random(seed);
		return new InterceptedMongo(factory, converter, new Hook() {

			@Override
			public void before() {
			}

			@Override
			public void after() {
				long bound = Thread.currentThread().getName().startsWith(slowThreads) ? most.toNanos() * 10
						: most.toNanos();
				long nanos;
				synchronized (random) {
					nanos = (long) (random.nextDouble() * bound);
				}
				LockSupport.parkNanos(nanos);
			}

		});
	}

	/** Counts the writes that happen. */
	static InterceptedMongo counting(MongoTemplate store, AtomicInteger writes) {
		return new InterceptedMongo(store.getMongoDatabaseFactory(), store.getConverter(), writes::incrementAndGet);
	}

	@Override
	public BulkOperations bulkOps(BulkMode mode, Class<?> entityClass) {
		BulkOperations bulk = super.bulkOps(mode, entityClass);
		return (BulkOperations) Proxy.newProxyInstance(BulkOperations.class.getClassLoader(),
				new Class<?>[] { BulkOperations.class }, (proxy, method, args) -> {
					boolean execute = method.getName().equals("execute");
					if (execute) {
						hook.before();
					}
					try {
						Object result = method.invoke(bulk, args);
						return result == bulk ? proxy : result;
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
					finally {
						if (execute) {
							hook.after();
						}
					}
				});
	}

	@Override
	public <T> T insert(T objectToSave) {
		return write(() -> super.insert(objectToSave));
	}

	@Override
	public UpdateResult updateFirst(Query query, UpdateDefinition update, Class<?> entityClass) {
		return write(() -> super.updateFirst(query, update, entityClass));
	}

	@Override
	public UpdateResult updateMulti(Query query, UpdateDefinition update, Class<?> entityClass) {
		return write(() -> super.updateMulti(query, update, entityClass));
	}

	@Override
	public <T> T findAndModify(Query query, UpdateDefinition update, FindAndModifyOptions options, Class<T> entityClass,
			String collectionName) {
		return write(() -> super.findAndModify(query, update, options, entityClass, collectionName));
	}

	private <T> T write(Supplier<T> operation) {
		hook.before();
		try {
			return operation.get();
		}
		finally {
			hook.after();
		}
	}

	/** What runs before and after each write. */
	@FunctionalInterface
	private interface Hook {

		void before();

		default void after() {
		}

	}

	/** The simulated death of the process. */
	static final class Crash extends RuntimeException {

		Crash() {
			super("simulated crash before a write");
		}

	}

}
