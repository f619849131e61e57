package com.licencereminder.reminder;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

import com.mongodb.client.result.UpdateResult;

/**
 * The store as a process sees it that dies before its {@code n}-th write: every write before it
 * happens, that one and all after it throw {@link Crash}. Counts the writes the engine's planning
 * and stop conditions make (bulk executions, inserts, updates, findAndModify).
 */
final class CrashingMongo extends MongoTemplate {

	private final AtomicInteger writesLeft;

	private final AtomicInteger writes = new AtomicInteger();

	CrashingMongo(MongoTemplate store, int writesBeforeCrash) {
		super(store.getMongoDatabaseFactory(), store.getConverter());
		this.writesLeft = new AtomicInteger(writesBeforeCrash);
	}

	/** The writes made (before the crash). */
	int writes() {
		return writes.get();
	}

	private void write() {
		if (writesLeft.getAndDecrement() <= 0) {
			throw new Crash();
		}
		writes.incrementAndGet();
	}

	@Override
	public BulkOperations bulkOps(BulkMode mode, Class<?> entityClass) {
		BulkOperations bulk = super.bulkOps(mode, entityClass);
		return (BulkOperations) Proxy.newProxyInstance(BulkOperations.class.getClassLoader(),
				new Class<?>[] { BulkOperations.class }, (proxy, method, args) -> {
					if (method.getName().equals("execute")) {
						write();
					}
					try {
						Object result = method.invoke(bulk, args);
						return result == bulk ? proxy : result;
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	@Override
	public <T> T insert(T objectToSave) {
		write();
		return super.insert(objectToSave);
	}

	@Override
	public UpdateResult updateFirst(Query query, UpdateDefinition update, Class<?> entityClass) {
		write();
		return super.updateFirst(query, update, entityClass);
	}

	@Override
	public UpdateResult updateMulti(Query query, UpdateDefinition update, Class<?> entityClass) {
		write();
		return super.updateMulti(query, update, entityClass);
	}

	@Override
	public <T> T findAndModify(Query query, UpdateDefinition update, Class<T> entityClass) {
		write();
		return super.findAndModify(query, update, entityClass);
	}

	/** The simulated death of the process. */
	static final class Crash extends RuntimeException {

		Crash() {
			super("simulated crash before a write");
		}

	}

}
