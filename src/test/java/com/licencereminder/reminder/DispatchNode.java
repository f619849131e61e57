package com.licencereminder.reminder;

import java.time.Clock;
import java.util.List;

import com.licencereminder.LicenceReminderApplication;
import org.quartz.Scheduler;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The service without its web layer, as a separate JVM for {@link DispatcherCrashTests}:
 * the arguments are the service's settings ({@code --licence-reminder...}). Quartz starts
 * only after the optional seeding, so the dispatcher never sees half a seed.
 * <p>
 * System properties: {@code node.seed} seeds that many due SMS tasks
 * ({@link DueSmsTasks}) when the store has none; {@code node.exit-when-done=true} closes
 * the service once no task is open any more and exits 0 (otherwise it runs until killed).
 * Prints {@code NODE ...} lines on stdout.
 */
final class DispatchNode {

	private DispatchNode() {
	}

	public static void main(String[] args) throws Exception {
		int seed = Integer.getInteger("node.seed", 0);
		boolean exitWhenDone = Boolean.getBoolean("node.exit-when-done");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LicenceReminderApplication.class)
			.web(WebApplicationType.NONE)
			.run(args);
		MongoTemplate mongo = context.getBean(MongoTemplate.class);
		if (seed > 0 && mongo.count(new Query(), ReminderTask.class) == 0) {
			DueSmsTasks.seed(mongo, seed, context.getBean(Clock.class));
			System.out.println("NODE seeded " + seed);
		}
		context.getBean(Scheduler.class).start();
		System.out.println("NODE dispatching");
		if (!exitWhenDone) {
			Thread.currentThread().join();
		}
		Query open = Query
			.query(Criteria.where("status").in(List.of(TaskStatus.PENDING, TaskStatus.CLAIMED, TaskStatus.SENDING)));
		while (mongo.count(open, ReminderTask.class) > 0) {
			Thread.sleep(500);
		}
		System.out.println("NODE done");
		context.close();
		System.exit(0);
	}

}
