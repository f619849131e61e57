package com.licencereminder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.function.BiConsumer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The sends of a district's lifetime, or of its first part, on a store that holds its
 * tasks: the tasks in the order they fall due, claimed, marked sending and marked sent
 * {@value #BATCH} at a time with the updates the engine makes (a history entry and
 * {@code updatedAt} with each step, the lease set and dropped, the attempt's id pushed),
 * and a delivery attempt of the size the delivery log keeps stored for each. What it
 * measures is the store file: how it grows while tasks are changed all over it for years,
 * as the dispatcher changes them, under the background compaction the store was started
 * with.
 */
final class LifetimeSends {

	private static final int BATCH = 500;

	/** The share of the sends after which the file's size is reported. */
	private static final int REPORTS = 5;

	/** Keep the last ten history entries, as the engine does. */
	private static final int HISTORY = -10;

	private final MongoDatabase db;

	private final Path file;

	private final BiConsumer<String, String> figure;

	/**
	 * @param db the store's database, holding {@code reminder_tasks} and the
	 * {@code delivery_attempts} collection with its indexes
	 * @param file the store's file, whose size is reported
	 * @param figure where the figures go (name, value)
	 */
	LifetimeSends(MongoDatabase db, Path file, BiConsumer<String, String> figure) {
		this.db = db;
		this.file = file;
		this.figure = figure;
	}

	/**
	 * Sends the {@code limit} tasks that fall due first (keeping only those while it
	 * reads every task's due time) in that order, reporting the file's size before and
	 * after each fifth of them.
	 */
	void run(long limit) throws IOException {
		MongoCollection<Document> tasks = this.db.getCollection("reminder_tasks");
		Comparator<Due> byDueTime = Comparator.comparing(Due::at);
		PriorityQueue<Due> earliest = new PriorityQueue<>(byDueTime.reversed());
		for (Document task : tasks.find(Filters.exists("dueAt")).projection(Projections.include("_id", "dueAt"))) {
			earliest.add(new Due(task.getString("_id"), task.getDate("dueAt")));
			if (earliest.size() > limit) {
				earliest.poll();
			}
		}
		List<Due> sent = new ArrayList<>(earliest);
		sent.sort(byDueTime);
		MongoCollection<Document> attempts = this.db.getCollection("delivery_attempts");
		long started = System.nanoTime();
		this.figure.accept("lifetime sends: store file before", megabytes(Files.size(this.file)));
		int reported = 0;
		for (int from = 0; from < sent.size(); from += BATCH) {
			List<Due> batch = sent.subList(from, Math.min(from + BATCH, sent.size()));
			send(tasks, attempts, batch);
			int share = (int) ((long) (from + batch.size()) * REPORTS / sent.size());
			if (share > reported) {
				reported = share;
				this.figure.accept(String.format("lifetime sends: store file after %,d sends", from + batch.size()),
						megabytes(Files.size(this.file))
								+ String.format(" (%.0f s)", (System.nanoTime() - started) / 1e9));
			}
		}
	}

	private static void send(MongoCollection<Document> tasks, MongoCollection<Document> attempts, List<Due> batch) {
		Date now = batch.get(batch.size() - 1).at();
		Date leaseUntil = new Date(now.getTime() + 120_000);
		Bson ids = Filters.in("_id", batch.stream().map(Due::id).toList());
		String token = UUID.randomUUID().toString();
		tasks.updateMany(ids, Updates.combine(step("CLAIMED", now), Updates.set("leaseOwner", "benchmark"),
				Updates.set("leaseUntil", leaseUntil), Updates.set("claimToken", token)));
		tasks.updateMany(ids, Updates.combine(step("SENDING", now), Updates.inc("attempts", 1),
				Updates.set("leaseUntil", leaseUntil)));
		List<WriteModel<Document>> outcomes = new ArrayList<>(batch.size());
		List<Document> stored = new ArrayList<>(batch.size());
		for (Due task : batch) {
			String attempt = UUID.randomUUID().toString();
			outcomes.add(new UpdateOneModel<>(Filters.eq("_id", task.id()),
					Updates.combine(step("SENT", now), Updates.set("reason", null), Updates.set("finishedAt", now),
							Updates.push("attemptIds", attempt), Updates.unset("leaseOwner"),
							Updates.unset("leaseUntil"), Updates.unset("claimToken"))));
			stored.add(attempt(attempt, task, now));
		}
		tasks.bulkWrite(outcomes);
		attempts.insertMany(stored);
	}

	/** The status, its history entry (the last ten kept) and {@code updatedAt}. */
	private static Bson step(String status, Date now) {
		return Updates.combine(
				Updates.pushEach("history", List.of(new Document("at", now).append("status", status)),
						new PushOptions().slice(HISTORY)),
				Updates.set("status", status), Updates.set("updatedAt", now));
	}

	/** A delivery attempt as the delivery log stores a sent text (about 900 bytes). */
	private static Document attempt(String id, Due task, Date now) {
		String licence = task.id().substring(0, task.id().indexOf(':'));
		return new Document("_id", id).append("reference", task.id())
			.append("channel", "SMS")
			.append("provider", "simulator")
			.append("recipient", String.format("+86138%08d", Math.floorMod(licence.hashCode(), 100_000_000)))
			.append("holderName", "杭州市西湖区某某餐饮管理有限公司")
			.append("licenceIds", List.of(licence))
			.append("stageOffsetDays", 30)
			.append("text",
					"【市场监管】您好，杭州市西湖区某某餐饮管理有限公司：您的食品经营许可证（JY13301060000000）将于2027年01月05日到期，"
							+ "请在到期前办理延续手续。如已办理请回复1确认，退订回T。")
			.append("fields",
					new Document("holder", "杭州市西湖区某某餐饮管理有限公司").append("licenceType", "食品经营许可证")
						.append("licenceNo", "JY13301060000000")
						.append("expiry", "2027-01-05"))
			.append("status", "SENT")
			.append("outcome", "DELIVERED")
			.append("providerId", "SM" + id.replace("-", ""))
			.append("possibleDuplicate", false)
			.append("timeline",
					List.of(new Document("status", "SENDING").append("at", now),
							new Document("status", "SENT").append("at", now)))
			.append("createdAt", now)
			.append("updatedAt", now);
	}

	private static String megabytes(long bytes) {
		return String.format("%,d MB", bytes >> 20);
	}

	private record Due(String id, Date at) {
	}

}
