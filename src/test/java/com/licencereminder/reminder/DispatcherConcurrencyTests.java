package com.licencereminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.DeliveryRequest;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.SimulatorControl;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceBuilder;
import com.licencereminder.shared.MutableClock;
import com.licencereminder.shared.StoreCommands;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.bson.Document;
import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;

/**
 * Several dispatcher instances on one store never send a task twice, and a crashed
 * instance's claimed tasks are taken over once its lease runs out.
 */
@SpringBootTest(properties = { "licence-reminder.dispatch.enabled=false", "licence-reminder.send-windows.enabled=false",
		"licence-reminder.dispatch.batch-size=100" })
@ActiveProfiles("test")
class DispatcherConcurrencyTests {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	static final Instant NOW = ZonedDateTime.of(2026, 11, 27, 11, 0, 0, 0, ZONE).toInstant();

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(NOW, ZONE);
		}

		@Bean
		StoreCommands storeCommands() {
			return new StoreCommands();
		}

		@Bean
		MongoClientSettingsBuilderCustomizer recordedCommands(StoreCommands commands) {
			return commands.customizer();
		}

	}

	@Autowired
	ApplicationContext context;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MutableClock clock;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	DispatchProperties properties;

	@Autowired
	SendWindows windows;

	@Autowired
	SimulatorControl simulator;

	@Autowired
	StoreCommands commands;

	@Autowired
	Deliveries deliveries;

	@BeforeEach
	void reset() {
		TestStores.clear(mongo);
		simulator.reset();
		clock.set(NOW);
	}

	@Test
	void twoInstancesDispatchEveryDueTaskExactlyOnce() throws Exception {
		int count = Integer.getInteger("concurrency.tasks", 2_000);
		List<String> taskIds = seedDueTasks(count);
		Dispatcher other = secondInstance();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CyclicBarrier start = new CyclicBarrier(2);
		try {
			CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> drain(dispatcher, start), pool);
			CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> drain(other, start), pool);
			int claimedByA = a.get();
			int claimedByB = b.get();

			assertThat(claimedByA + claimedByB).isEqualTo(count);
			assertThat(claimedByA).isPositive();
			assertThat(claimedByB).isPositive();
		}
		finally {
			pool.shutdownNow();
		}
		Map<TaskStatus, Long> statuses = mongo.findAll(ReminderTask.class)
			.stream()
			.collect(Collectors.groupingBy(ReminderTask::status, Collectors.counting()));
		assertThat(statuses).containsExactly(Map.entry(TaskStatus.SENT, (long) count));
		List<Document> attempts = mongo.getCollection("delivery_attempts").find().into(new ArrayList<>());
		assertThat(attempts).hasSize(count);
		assertThat(attempts.stream().map(attempt -> attempt.getString("reference")).distinct()).hasSize(count);
		assertThat(attempts.stream().map(attempt -> attempt.getString("reference")).collect(Collectors.toSet()))
			.containsExactlyInAnyOrderElementsOf(taskIds);
	}

	/**
	 * A batch's messages are made ready in waves of at most {@code dispatch.concurrency}
	 * (16): each wave's tasks marked SENDING with one update, then its attempts recorded
	 * with one insert; and at no point are more attempts recorded without their result
	 * than there are sending threads, so that a crash can flag no more than that many as
	 * possibly sent. Every task is marked once, and every one is sent.
	 */
	@Test
	void aBatchIsMadeReadyInWavesOfAtMostTheConcurrencyWithOneWriteOfEachKindPerWave() {
		List<String> ids = seedDueTasks(20);
		int concurrency = properties.concurrency();
		commands.record();

		assertThat(dispatcher.dispatchOnce()).isEqualTo(20);

		List<BsonDocument> sent = commands.stop();
		List<String> marked = new ArrayList<>();
		int unanswered = 0;
		int mostUnanswered = 0;
		boolean markedBeforeInsert = false;
		for (BsonDocument command : sent) {
			if (StoreCommands.is(command, "update", ReminderTask.COLLECTION) && sets(command, "SENDING")) {
				List<String> wave = command.getArray("updates")
					.get(0)
					.asDocument()
					.getDocument("q")
					.getDocument("_id")
					.getArray("$in")
					.stream()
					.map(id -> id.asString().getValue())
					.toList();
				assertThat(wave).hasSizeLessThanOrEqualTo(concurrency);
				marked.addAll(wave);
				markedBeforeInsert = true;
			}
			else if (StoreCommands.is(command, "insert", "delivery_attempts")) {
				assertThat(markedBeforeInsert).as("the wave's tasks marked SENDING first").isTrue();
				markedBeforeInsert = false;
				unanswered += command.getArray("documents").size();
				mostUnanswered = Math.max(mostUnanswered, unanswered);
			}
			else if (StoreCommands.is(command, "update", "delivery_attempts")) {
				unanswered -= command.getArray("updates").size();
			}
		}
		assertThat(marked).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(mostUnanswered).as("attempts recorded without their result at once")
			.isPositive()
			.isLessThanOrEqualTo(concurrency);
		assertThat(mongo.findAll(ReminderTask.class))
			.allSatisfy(task -> assertThat(task.status()).isEqualTo(TaskStatus.SENT));
	}

	private static boolean sets(BsonDocument update, String status) {
		return update.getArray("updates")
			.stream()
			.anyMatch(one -> one.asDocument()
				.getDocument("u")
				.getDocument("$set", new BsonDocument())
				.get("status", new BsonString(""))
				.equals(new BsonString(status)));
	}

	/**
	 * A request made ready that waits past the in-flight timeout (the default, two
	 * minutes) before its turn, in a slow batch, is not sent once another request has
	 * taken its reference over: it answers with that request's result, and the recipient
	 * gets one message.
	 */
	@Test
	void aReadyRequestWhoseReferenceWasTakenOverWhileItWaitedIsNotSentAgain() {
		DeliveryRequest request = new DeliveryRequest("task-slow", Channel.SMS, "+8613800000001", "甲店", 30,
				List.of(new DeliveryRequest.LicenceLine("licence-1", 1, "食品经营许可证", "JY1", LocalDate.of(2026, 12, 27),
						"魏都区市场监管局")),
				false);
		Deliveries.Ready waiting = deliveries.prepare(List.of(request)).get(0);
		clock.advance(Duration.ofMinutes(2).plusSeconds(1));
		DeliveryResult other = deliveries.send(request);

		DeliveryResult late = deliveries.send(waiting);

		assertThat(other.outcome()).isEqualTo(DeliveryResult.Outcome.SENT);
		assertThat(late.outcome()).isEqualTo(DeliveryResult.Outcome.SENT);
		assertThat(late.attemptId()).isEqualTo(other.attemptId());
		assertThat(simulator.outbox(10)).hasSize(1);
		assertThat(mongo.getCollection("delivery_attempts").countDocuments()).isEqualTo(1);
	}

	@Test
	void aCrashedInstancesClaimsAreTakenOverAfterTheLease() {
		seedDueTasks(100);
		Claims crashed = Dispatchers.claims(context);
		List<ReminderTask> lost = crashed.claim(clock.instant());
		assertThat(lost).hasSize(100);

		assertThat(dispatcher.dispatchOnce()).isZero();

		clock.advance(properties.lease().plusSeconds(1));
		while (dispatcher.dispatchOnce() > 0) {
			// drain
		}

		assertThat(mongo.findAll(ReminderTask.class)).hasSize(100).allSatisfy(task -> {
			assertThat(task.status()).isEqualTo(TaskStatus.SENT);
			assertThat(task.possibleDuplicate()).isFalse();
		});
		assertThat(simulator.outbox(1000)).hasSize(100);
	}

	@Test
	void aTaskCaughtMidSendByACrashIsSentAgainOnlyIfItWasNotSentAndIsFlagged() {
		List<String> ids = seedDueTasks(2);
		Dispatchers.claims(context).claim(clock.instant());
		mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)),
				new org.springframework.data.mongodb.core.query.Update().set("status", TaskStatus.SENDING),
				ReminderTask.class);

		clock.advance(properties.lease().plusSeconds(1));
		dispatcher.dispatchOnce();

		assertThat(mongo.findAll(ReminderTask.class)).allSatisfy(task -> {
			assertThat(task.status()).isEqualTo(TaskStatus.SENT);
			assertThat(task.possibleDuplicate()).isTrue();
		});
	}

	@Test
	void shutdownReleasesClaimedButUnstartedTasks() {
		seedDueTasks(5);
		Claims leases = Dispatchers.claims(context);
		Dispatcher leaving = Dispatchers.another(context, properties, leases);
		leases.claim(clock.instant());

		leaving.releaseUnstarted();

		assertThat(dispatcher.dispatchOnce()).isEqualTo(5);
		assertThat(leaving.dispatchOnce()).isZero();
	}

	private int drain(Dispatcher instance, CyclicBarrier start) {
		try {
			start.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return drain(instance);
	}

	/**
	 * Dispatches until no task is pending any more (a lost claim race is not the end).
	 */
	private int drain(Dispatcher instance) {
		int total = 0;
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (System.nanoTime() < deadline) {
			int claimed = instance.dispatchOnce();
			total += claimed;
			if (claimed == 0 && mongo.count(Query.query(Criteria.where("status").is(TaskStatus.PENDING)),
					ReminderTask.class) == 0) {
				break;
			}
		}
		return total;
	}

	private Dispatcher secondInstance() {
		return Dispatchers.another(context);
	}

	/**
	 * One licence, one active plan and one due SMS task per index, each holder distinct
	 * (no digests).
	 */
	private List<String> seedDueTasks(int count) {
		LocalDate until = LocalDate.of(2026, 12, 27);
		List<Licence> licences = new ArrayList<>();
		List<ReminderPlan> plans = new ArrayList<>();
		List<ReminderTask> tasks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String number = "JY" + i;
			String id = Licence.idFor("食品经营许可证", number);
			String mobile = "+86138" + String.format("%08d", i);
			licences.add(LicenceBuilder.valid("食品经营许可证", number, until)
				.holder("店" + i)
				.mobiles(mobile)
				.fingerprint("f" + i)
				.source("seed", i + 2)
				.at(NOW)
				.build());
			ReminderTask task = ReminderTask.pending(id, 1, 30, ReminderChannel.SMS, NOW, NOW, mobile + ":SMS", NOW);
			tasks.add(task);
			plans.add(new ReminderPlan(ReminderPlan.idOf(id, 1), id, 1, until, ReminderPlan.State.ACTIVE,
					List.of(task.id()), null, null, null, NOW));
		}
		mongo.bulkOps(BulkMode.UNORDERED, Licence.class).insert(licences).execute();
		mongo.bulkOps(BulkMode.UNORDERED, ReminderPlan.class).insert(plans).execute();
		mongo.bulkOps(BulkMode.UNORDERED, ReminderTask.class).insert(tasks).execute();
		return tasks.stream().map(ReminderTask::id).toList();
	}

}
