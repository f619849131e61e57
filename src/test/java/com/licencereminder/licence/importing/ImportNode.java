package com.licencereminder.licence.importing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.licencereminder.LicenceReminderApplication;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicencePlanning;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The service without its web layer, as a separate JVM for {@code ImportCrashTests}; the arguments
 * are the service's settings. System property {@code node.import} names a list to import at once.
 * Prints {@code NODE ready}, then {@code NODE progress <rows processed>} while an import runs, and
 * {@code NODE settled <ms since ready>} once no import is queued or running, no licence awaits
 * planning and every licence that expires and is not revoked has its current plan ACTIVE; then it
 * exits 0 when {@code node.exit-when-settled=true}, else it runs until killed.
 */
final class ImportNode {

	private ImportNode() {
	}

	public static void main(String[] args) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LicenceReminderApplication.class)
			.web(WebApplicationType.NONE)
			.run(args);
		long ready = System.nanoTime();
		System.out.println("NODE ready");
		String list = System.getProperty("node.import");
		if (list != null) {
			try (InputStream content = Files.newInputStream(Path.of(list))) {
				context.getBean(Imports.class).submit("district.csv", content, null, "crash-test");
			}
		}
		MongoTemplate mongo = context.getBean(MongoTemplate.class);
		LicencePlanning planning = context.getBean(LicencePlanning.class);
		while (true) {
			List<ImportJob> running = mongo.find(
					Query.query(Criteria.where("status").in(ImportStatus.QUEUED, ImportStatus.RUNNING)), ImportJob.class);
			running.forEach(job -> System.out.println("NODE progress " + job.rowsProcessed()));
			if (running.isEmpty() && planning.awaitingCount() == 0 && unplanned(mongo) <= 0) {
				System.out.println("NODE settled " + (System.nanoTime() - ready) / 1_000_000);
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

	/** Licences that expire, are not revoked, and have no ACTIVE plan for their current cycle. */
	static long unplanned(MongoTemplate mongo) {
		long live = mongo.count(Query.query(Criteria.where("validUntil").ne(null)
			.and("status").nin("CANCELLED", "REVOKED", "WITHDRAWN")), Licence.class);
		long active = mongo.getCollection("reminder_plans").countDocuments(new org.bson.Document("state", "ACTIVE"));
		return live - active;
	}

}
