package com.licencereminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.licencereminder.delivery.SimulatorControl;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceBuilder;
import com.licencereminder.licence.LicencePlanning;
import com.licencereminder.reminder.followup.FollowUps;
import com.licencereminder.shared.MutableClock;
import com.licencereminder.shared.Role;
import com.licencereminder.shared.TestStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Planning writes several documents with no transaction: a dispatcher may read any prefix
 * of them, and a crash may leave any prefix. For every prefix, the dispatcher neither
 * sends nor cancels on a guess, and the repair completes the plan so that every owed
 * reminder goes out once. The planner here dies before its n-th write
 * ({@link InterceptedMongo#crashingBefore}), for every n.
 */
@SpringBootTest(
		properties = { "licence-reminder.dispatch.enabled=false", "licence-reminder.send-windows.enabled=false" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PlanningPrefixTests {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	/**
	 * 2026-11-27 11:00 in Shanghai; the licences expire 20 days later, so the 30-day
	 * stage is owed now.
	 */
	static final Instant NOW = ZonedDateTime.of(2026, 11, 27, 11, 0, 0, 0, ZONE).toInstant();

	static final LocalDate UNTIL = LocalDate.of(2026, 12, 17);

	static final List<String> NUMBERS = List.of("JY1", "JY2", "JY3");

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(NOW, ZONE);
		}

	}

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MutableClock clock;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	ReminderEvents events;

	@Autowired
	Acknowledgements acknowledgements;

	@Autowired
	ReminderPolicies policies;

	@Autowired
	SendWindows windows;

	@Autowired
	LicencePlanning licencePlanning;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	DispatchProperties properties;

	@Autowired
	SimulatorControl simulator;

	@BeforeEach
	void reset() {
		TestStores.clear(mongo);
		simulator.reset();
		clock.set(NOW);
	}

	@Test
	void everyPrefixOfPlanningIsLeftAloneByTheDispatcherAndCompletedByTheRepair() {
		int writes = writesOfCompletePlanning();
		assertThat(writes).as("plans, tasks, activation").isGreaterThanOrEqualTo(3);
		for (int prefix = 0; prefix <= writes; prefix++) {
			reset();
			List<Licence> licences = importMarked();
			assertThat(planCutShortAfter(prefix, licences)).as("prefix %d: cut short", prefix)
				.isEqualTo(prefix < writes);

			drain();
			assertThat(mongo.findAll(ReminderTask.class))
				.as("prefix %d: nothing cancelled or failed on a guess", prefix)
				.noneMatch(task -> task.status() == TaskStatus.CANCELLED || task.status() == TaskStatus.FAILED);
			assertThat(simulator.outbox(100)).as("prefix %d: sent only from a complete plan", prefix)
				.hasSize(prefix >= writes ? NUMBERS.size() : 0);

			events.repair(clock.instant());
			clock.advance(properties.undecidedRetry().plusSeconds(1));
			drain();

			assertThat(licencePlanning.awaitingCount()).as("prefix %d: no licence left unplanned", prefix).isZero();
			for (Licence licence : licences) {
				assertThat(mongo.findById(ReminderPlan.idOf(licence.id(), 1), ReminderPlan.class).state())
					.as("prefix %d", prefix)
					.isEqualTo(ReminderPlan.State.ACTIVE);
				assertThat(task(licence, 30, ReminderChannel.SMS).status()).as("prefix %d", prefix)
					.isEqualTo(TaskStatus.SENT);
			}
			assertThat(simulator.outbox(100)).as("prefix %d: each owed reminder sent once", prefix)
				.hasSize(NUMBERS.size());
		}
	}

	@Test
	void aTaskWhosePlanIsStillBeingWrittenIsPutBackWithItsReasonNotCancelled() {
		List<Licence> licences = importMarked();
		planCutShortAfter(2, licences);
		assertThat(mongo.findAll(ReminderPlan.class)).allMatch(plan -> plan.state() == ReminderPlan.State.PLANNING);

		dispatcher.dispatchOnce();

		ReminderTask task = task(licences.get(0), 30, ReminderChannel.SMS);
		assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
		assertThat(task.dueAt()).isEqualTo(NOW.plus(properties.undecidedRetry()));
		assertThat(task.history()).extracting(ReminderTask.Change::status, ReminderTask.Change::reason)
			.containsSubsequence(tuple(TaskStatus.CLAIMED, null),
					tuple(TaskStatus.PENDING, "reminder.defer.plan-not-ready"));
	}

	@Test
	void theOverviewShowsLicencesAwaitingPlanningAndRemindersPutOffForJudging() throws Exception {
		List<Licence> licences = importMarked();
		planCutShortAfter(2, licences);
		dispatcher.dispatchOnce();

		String page = mvc.perform(get("/").with(user("clerk").roles(Role.OPERATOR.name())))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(figure(page, "engine-awaiting")).isEqualTo(NUMBERS.size());
		assertThat(figure(page, "engine-undecided")).as("the text and the mini-program message of each due stage")
			.isEqualTo(2 * NUMBERS.size());
	}

	/** The value of the dashboard figure with this id. */
	private static int figure(String page, String id) {
		Matcher value = Pattern.compile("id=\"" + id + "\"[^>]*>\\s*<span class=\"value\">(\\d+)</span>").matcher(page);
		assertThat(value.find()).as("figure %s on the page", id).isTrue();
		return Integer.parseInt(value.group(1));
	}

	@Test
	void anAcknowledgementWhilePlanningIsCutShortStopsTheCycle() {
		List<Licence> licences = importMarked();
		planCutShortAfter(2, licences);
		acknowledgements.acknowledge(licences.get(0).id(), "operator", null);

		events.repair(clock.instant());
		drain();

		assertThat(mongo.findById(ReminderPlan.idOf(licences.get(0).id(), 1), ReminderPlan.class).state())
			.isEqualTo(ReminderPlan.State.ACKNOWLEDGED);
		assertThat(tasksOf(licences.get(0))).isNotEmpty()
			.noneMatch(task -> task.status() == TaskStatus.SENT || task.status().isOpen())
			.filteredOn(task -> task.status() == TaskStatus.CANCELLED)
			.isNotEmpty()
			.allMatch(task -> task.reason().equals("reminder.cancel.acknowledged"));
		assertThat(simulator.outbox(100)).hasSize(NUMBERS.size() - 1);
	}

	@Test
	void anAcknowledgementBeforeTheCycleIsPlannedLeavesNothingToSend() {
		List<Licence> licences = importMarked();
		acknowledgements.acknowledge(licences.get(0).id(), "operator", null);

		events.repair(clock.instant());
		drain();

		assertThat(tasksOf(licences.get(0)))
			.noneMatch(task -> task.status() == TaskStatus.SENT || task.status().isOpen());
		assertThat(simulator.outbox(100)).hasSize(NUMBERS.size() - 1);
	}

	@Test
	void aTaskWithoutAnyPlanIsPlannedAgainAndSentNotCancelled() {
		List<Licence> licences = importMarked();
		events.repair(clock.instant());
		mongo.remove(new Query(), ReminderPlan.class);
		licencePlanning.planned(licences);

		dispatcher.dispatchOnce();
		assertThat(task(licences.get(0), 30, ReminderChannel.SMS).history()).extracting(ReminderTask.Change::reason)
			.contains("reminder.defer.plan-missing");
		assertThat(mongo.findAll(ReminderPlan.class)).hasSize(NUMBERS.size());

		clock.advance(properties.undecidedRetry().plusSeconds(1));
		drain();
		assertThat(simulator.outbox(100)).hasSize(NUMBERS.size());
	}

	/** How many writes the planner makes to plan the licences completely. */
	private int writesOfCompletePlanning() {
		AtomicInteger writes = new AtomicInteger();
		planner(InterceptedMongo.counting(mongo, writes)).plan(importMarked());
		return writes.get();
	}

	/**
	 * Plans the licences with a planner that dies before its write number {@code writes};
	 * returns whether it died.
	 */
	private boolean planCutShortAfter(int writes, List<Licence> licences) {
		try {
			planner(InterceptedMongo.crashingBefore(mongo, writes)).plan(licences);
			return false;
		}
		catch (InterceptedMongo.Crash crash) {
			return true;
		}
	}

	private Planner planner(MongoTemplate store) {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		TaskStops stops = new TaskStops(store, clock, meters);
		return new Planner(store, policies, windows, stops, new FollowUps(store, publisher, clock), licencePlanning,
				clock, meters);
	}

	/**
	 * Three licences as an import leaves them: written and marked for planning, not
	 * planned.
	 */
	private List<Licence> importMarked() {
		List<Licence> licences = new ArrayList<>();
		for (int i = 0; i < NUMBERS.size(); i++) {
			String number = NUMBERS.get(i);
			Licence licence = LicenceBuilder.valid("食品经营许可证", number, UNTIL)
				.holder("店" + i)
				.mobiles("+8613800000" + (100 + i))
				.fingerprint("f" + i)
				.source("import", i + 2)
				.at(NOW)
				.build();
			Document document = new Document();
			mongo.getConverter().write(licence, document);
			document.put(LicencePlanning.FIELD, Date.from(NOW));
			mongo.insert(document, mongo.getCollectionName(Licence.class));
			licences.add(licence);
		}
		return licences;
	}

	private void drain() {
		while (dispatcher.dispatchOnce() > 0) {
			// until nothing is due
		}
	}

	private ReminderTask task(Licence licence, int offsetDays, ReminderChannel channel) {
		return mongo.findById(ReminderTask.idOf(licence.id(), 1, offsetDays, channel), ReminderTask.class);
	}

	private List<ReminderTask> tasksOf(Licence licence) {
		return mongo.find(Query.query(Criteria.where("licenceId").is(licence.id())), ReminderTask.class);
	}

}
