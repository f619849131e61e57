package com.licencereminder.licence.importing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.licencereminder.LicenceReminderApplication;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicencePlanning;
import org.bson.Document;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The service without its web layer, as a separate JVM for {@code ImportCrashTests}; the
 * arguments are the service's settings. System property {@code node.import} names a list
 * to import at once. Prints {@code NODE ready <counts>}, then
 * {@code NODE progress <rows processed>} while an import runs,
 * {@code NODE repaired <ms since ready>} once every licence that was in the store when it
 * started is planned, and {@code NODE settled <ms since ready>} once no import is queued
 * or running, no licence awaits planning and every licence that expires and is not
 * revoked has its current plan ACTIVE, followed by {@code NODE counts <counts>} (JSON,
 * {@link #counts}); then it exits 0 when {@code node.exit-when-settled=true}, else it
 * runs until killed.
 */
final class ImportNode {

	private ImportNode() {
	}

	public static void main(String[] args) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LicenceReminderApplication.class)
			.web(WebApplicationType.NONE)
			.run(args);
		long ready = System.nanoTime();
		Instant readyAt = Instant.now();
		MongoTemplate mongo = context.getBean(MongoTemplate.class);
		System.out.println("NODE ready " + counts(mongo).toJson());
		String list = System.getProperty("node.import");
		if (list != null) {
			try (InputStream content = Files.newInputStream(Path.of(list))) {
				context.getBean(ImportQueue.class).submit("district.csv", content, null, "crash-test");
			}
		}
		LicencePlanning planning = context.getBean(LicencePlanning.class);
		boolean repaired = false;
		while (true) {
			if (!repaired && planning.awaiting(readyAt, 1).isEmpty()) {
				repaired = true;
				System.out.println("NODE repaired " + (System.nanoTime() - ready) / 1_000_000);
			}
			List<ImportJob> running = mongo.find(
					Query.query(Criteria.where("status").in(ImportStatus.QUEUED, ImportStatus.RUNNING)),
					ImportJob.class);
			running.forEach(job -> System.out.println("NODE progress " + job.rowsProcessed()));
			if (running.isEmpty() && planning.awaitingCount() == 0 && unplanned(mongo) <= 0) {
				System.out.println("NODE settled " + (System.nanoTime() - ready) / 1_000_000);
				System.out.println("NODE counts " + counts(mongo).toJson());
				break;
			}
			Thread.sleep(1000);
		}
		if (Boolean.getBoolean("node.exit-when-settled")) {
			context.close();
			System.exit(0);
		}
		Thread.currentThread().join();
	}

	/**
	 * Licences that expire, are not revoked, and have no ACTIVE plan for their current
	 * cycle.
	 */
	static long unplanned(MongoTemplate mongo) {
		return live(mongo) - mongo.getCollection("reminder_plans").countDocuments(new Document("state", "ACTIVE"));
	}

	private static long live(MongoTemplate mongo) {
		return mongo.count(
				Query.query(
						Criteria.where("validUntil").ne(null).and("status").nin("CANCELLED", "REVOKED", "WITHDRAWN")),
				Licence.class);
	}

	/** The import job, the licences, their plans and tasks, counted. */
	static Document counts(MongoTemplate mongo) {
		Document counts = new Document();
		Document job = mongo.getCollection("import_jobs").find().first();
		for (String field : List.of("status", "rowsTotal", "rowsProcessed", "rowsAccepted", "rowsRejected",
				"duplicates")) {
			counts.put(field, job == null ? null : job.get(field));
		}
		counts.put("licences", live(mongo));
		counts.put("awaitingPlanning", mongo.getCollection("licences")
			.countDocuments(new Document(LicencePlanning.FIELD, new Document("$exists", true))));
		Document plans = new Document();
		for (Document plan : mongo.getCollection("reminder_plans").find().projection(new Document("state", 1))) {
			plans.merge(plan.getString("state"), 1, (a, b) -> (Integer) a + (Integer) b);
		}
		counts.put("plans", plans);
		counts.put("tasks", mongo.getCollection("reminder_tasks").countDocuments());
		return counts;
	}

}
