package com.licencereminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.SimulatedMessage;
import com.licencereminder.delivery.SimulatorControl;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.Licences;
import com.licencereminder.licence.importing.ImportApi;
import com.licencereminder.reminder.followup.FollowUp;
import com.licencereminder.shared.MutableClock;
import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The engine end to end on the embedded store, driven by a clock the test moves: import,
 * plan, dispatch through the simulator, renewal, acknowledgement, retries and fallback to
 * the follow-up list. The Quartz dispatch job is off here; the test calls the dispatcher
 * itself.
 */
@SpringBootTest(
		properties = { "licence-reminder.dispatch.enabled=false", "licence-reminder.send-windows.enabled=false" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ReminderEngineTests {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	/**
	 * 2026-11-27 11:00 in Shanghai: the 10:00 seven-day stage of a licence expiring
	 * 2026-12-04 has just passed.
	 */
	static final Instant NOW = ZonedDateTime.of(2026, 11, 27, 11, 0, 0, 0, ZONE).toInstant();

	static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

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
	Licences licences;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	ReminderEvents events;

	@Autowired
	SimulatorControl simulator;

	@BeforeEach
	void reset() {
		TestStores.clear(mongo);
		simulator.reset();
		clock.set(NOW);
	}

	@Test
	void anImportPlansExactlyTheRightTasks() throws Exception {
		importCsv(list(TODAY.plusDays(7), TODAY.plusDays(30), TODAY.plusDays(400)) + "丁诊所,卫生许可证,WS4,长期,13812345674,\n");

		Map<String, ReminderTask> seven = tasksOf("JY7");
		assertThat(statuses(seven)).containsExactlyInAnyOrderEntriesOf(Map.of("90:SMS", TaskStatus.SKIPPED,
				"90:MINI_PROGRAM", TaskStatus.SKIPPED, "30:SMS", TaskStatus.SKIPPED, "30:MINI_PROGRAM",
				TaskStatus.SKIPPED, "7:SMS", TaskStatus.PENDING, "7:MINI_PROGRAM", TaskStatus.PENDING, "7:VOICE",
				TaskStatus.PENDING, "3:MANUAL", TaskStatus.PENDING, "0:SMS", TaskStatus.PENDING));
		assertThat(seven.get("90:SMS").reason()).isEqualTo("reminder.skip.catch-up");
		assertThat(seven.get("7:SMS").dueAt()).isEqualTo(NOW);
		assertThat(seven.get("3:MANUAL").dueAt())
			.isEqualTo(ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZONE).toInstant());

		Map<String, ReminderTask> thirty = tasksOf("JY30");
		assertThat(thirty.get("90:SMS").status()).isEqualTo(TaskStatus.SKIPPED);
		assertThat(thirty.get("30:SMS").status()).isEqualTo(TaskStatus.PENDING);
		assertThat(thirty.get("30:SMS").dueAt()).isEqualTo(NOW);
		assertThat(thirty.get("7:SMS").dueAt())
			.isEqualTo(ZonedDateTime.of(2026, 12, 20, 10, 0, 0, 0, ZONE).toInstant());

		Map<String, ReminderTask> far = tasksOf("JY400");
		assertThat(far.values()).allSatisfy(task -> assertThat(task.dueAt()).isAfter(NOW));
		assertThat(far.get("90:SMS").status()).isEqualTo(TaskStatus.PENDING);

		assertThat(mongo.count(new Query(), ReminderPlan.class)).isEqualTo(3);
		assertThat(tasksOf("WS4")).isEmpty();
	}

	@Test
	void planningIsIdempotent() throws Exception {
		importCsv(list(TODAY.plusDays(7), TODAY.plusDays(30), TODAY.plusDays(400)));
		List<ReminderTask> before = mongo.findAll(ReminderTask.class);

		clock.advance(Duration.ofHours(5));
		int created = new Sweep(licences, planner()).run();

		assertThat(created).isZero();
		assertThat(mongo.findAll(ReminderTask.class)).containsExactlyInAnyOrderElementsOf(before);
	}

	@Test
	void dueTasksAreSentThroughTheSimulatorAndShowInTheLicenceDetail() throws Exception {
		importCsv(list(TODAY.plusDays(7), TODAY.plusDays(30), TODAY.plusDays(400)));

		dispatcher.dispatchOnce();

		List<SimulatedMessage> outbox = simulator.outbox(100);
		assertThat(outbox).extracting(SimulatedMessage::channel)
			.containsExactlyInAnyOrder(Channel.SMS, Channel.VOICE, Channel.SMS);
		assertThat(outbox).filteredOn(m -> m.recipient().equals("+8613812345677") && m.channel() == Channel.SMS)
			.singleElement()
			.satisfies(m -> assertThat(m.text()).contains("JY7").contains("甲店"));
		assertThat(tasksOf("JY7").get("7:SMS").status()).isEqualTo(TaskStatus.SENT);
		assertThat(tasksOf("JY7").get("7:SMS").attemptIds()).hasSize(1);
		assertThat(tasksOf("JY400").values()).noneMatch(task -> task.status() == TaskStatus.SENT);

		mvc.perform(get("/api/licences/" + Licence.idFor("食品经营许可证", "JY7")).with(httpBasic("admin", "test-secret")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.reminders[?(@.id =~ /.*:7:SMS/)].status").value("SENT"))
			.andExpect(jsonPath("$.reminders[?(@.id =~ /.*:90:SMS/)].reason")
				.value(org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.startsWith("导入时该阶段已过"))))
			.andExpect(jsonPath("$.deliveries.length()").value(2))
			.andExpect(
					jsonPath("$.deliveries[*].channel").value(org.hamcrest.Matchers.containsInAnyOrder("SMS", "VOICE")))
			.andExpect(jsonPath("$.deliveries[0].status").value("SENT"))
			.andExpect(jsonPath("$.reminders[?(@.id =~ /.*:7:SMS/)].history[*].status")
				.value(org.hamcrest.Matchers.contains("PENDING", "CLAIMED", "SENDING", "SENT")));

		assertThat(dispatcher.dispatchOnce()).isZero();
		assertThat(simulator.outbox(100)).hasSize(3);
	}

	@Test
	void aRenewalThroughReImportCancelsTheOldCycleAndPlansTheNew() throws Exception {
		importCsv(list(TODAY.plusDays(7), TODAY.plusDays(30), TODAY.plusDays(400)));

		importCsv(list(TODAY.plusDays(7 + 1825), TODAY.plusDays(30), TODAY.plusDays(400)));

		String id = Licence.idFor("食品经营许可证", "JY7");
		List<ReminderTask> oldCycle = mongo.find(Query
			.query(org.springframework.data.mongodb.core.query.Criteria.where("licenceId").is(id).and("cycle").is(1)),
				ReminderTask.class);
		assertThat(oldCycle).filteredOn(task -> task.status() != TaskStatus.SKIPPED).isNotEmpty().allSatisfy(task -> {
			assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
			assertThat(task.reason()).isEqualTo("reminder.cancel.renewed");
		});
		assertThat(mongo.findById(ReminderPlan.idOf(id, 1), ReminderPlan.class).state())
			.isEqualTo(ReminderPlan.State.SUPERSEDED);
		Map<String, ReminderTask> newCycle = tasksOf("JY7");
		assertThat(newCycle.get("90:SMS").status()).isEqualTo(TaskStatus.PENDING);
		assertThat(newCycle.values()).allSatisfy(task -> assertThat(task.cycle()).isEqualTo(2));

		dispatcher.dispatchOnce();
		assertThat(simulator.outbox(100)).noneMatch(m -> m.recipient().equals("+8613812345677"));
	}

	@Test
	void acknowledgementStopsTheLadder() throws Exception {
		importCsv(list(TODAY.plusDays(7), TODAY.plusDays(30), TODAY.plusDays(400)));
		String id = Licence.idFor("食品经营许可证", "JY30");

		mvc.perform(post("/api/licences/" + id + "/acknowledge").with(httpBasic("admin", "test-secret"))
			.contentType("application/json")
			.content("{\"note\":\"phoned the office\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cycle").value(1));

		assertThat(tasksOf("JY30").values()).filteredOn(task -> task.status() != TaskStatus.SKIPPED)
			.allSatisfy(task -> {
				assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
				assertThat(task.reason()).isEqualTo("reminder.cancel.acknowledged");
				assertThat(task.reasonArgs()).containsExactly("admin: phoned the office");
			});
		dispatcher.dispatchOnce();
		assertThat(simulator.outbox(100)).noneMatch(m -> m.recipient().equals("+8613812345678"));
		mvc.perform(post("/api/licences/nope/acknowledge").with(httpBasic("admin", "test-secret")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aTaskWhoseLicenceLostTheContactSinceItWasPlannedIsCancelledNotSent() throws Exception {
		importCsv(list(TODAY.plusDays(7), TODAY.plusDays(30), TODAY.plusDays(400)));
		String id = Licence.idFor("食品经营许可证", "JY30");
		mongo.updateFirst(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id)),
				new org.springframework.data.mongodb.core.query.Update().set("mobiles", List.of()), Licence.class);

		dispatcher.dispatchOnce();

		ReminderTask task = tasksOf("JY30").get("30:SMS");
		assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
		assertThat(task.reason()).isEqualTo("reminder.skip.no-mobile");
		assertThat(simulator.outbox(100)).noneMatch(m -> m.recipient().equals("+8613812345678"));
	}

	@Test
	void aTransientFailureIsRetriedLaterWithinTheStage() throws Exception {
		importCsv(list(TODAY.plusDays(7), TODAY.plusDays(30), TODAY.plusDays(400)));
		simulator.failRecipient("+8613812345678", Outcome.TRANSIENT_FAILURE, "20429");

		dispatcher.dispatchOnce();

		ReminderTask task = tasksOf("JY30").get("30:SMS");
		assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
		assertThat(task.attempts()).isEqualTo(1);
		assertThat(task.errorCode()).isEqualTo("20429");
		assertThat(task.dueAt()).isAfter(NOW).isBefore(NOW.plus(Duration.ofMinutes(2)));

		simulator.reset();
		clock.advance(Duration.ofMinutes(2));
		dispatcher.dispatchOnce();
		assertThat(tasksOf("JY30").get("30:SMS").status()).isEqualTo(TaskStatus.SENT);
		assertThat(tasksOf("JY30").get("30:SMS").attempts()).isEqualTo(2);
	}

	@Test
	void aSendThatGotNoAnswerButWentOutIsNotSentAgain() throws Exception {
		importCsv("企业名称,证照名称,证照编号,有效期至,联系电话\n乙店,食品经营许可证,JY30," + TODAY.plusDays(30) + ",13812345678\n");
		simulator.timeOutNext(Channel.SMS, true, 1);

		dispatcher.dispatchOnce();
		assertThat(tasksOf("JY30").get("30:SMS").status()).isEqualTo(TaskStatus.PENDING);
		assertThat(tasksOf("JY30").get("30:SMS").errorCode()).isEqualTo(DeliveryResult.TIMEOUT);
		assertThat(simulator.outbox(10)).hasSize(1);

		clock.advance(Duration.ofMinutes(2));
		dispatcher.dispatchOnce();

		ReminderTask task = tasksOf("JY30").get("30:SMS");
		assertThat(task.status()).isEqualTo(TaskStatus.SENT);
		assertThat(task.possibleDuplicate()).isFalse();
		assertThat(simulator.outbox(10)).as("the provider had it: not sent again").hasSize(1);
	}

	@Test
	void aSendThatGotNoAnswerAndDidNotGoOutIsSentOnceWhenRetried() throws Exception {
		importCsv("企业名称,证照名称,证照编号,有效期至,联系电话\n乙店,食品经营许可证,JY30," + TODAY.plusDays(30) + ",13812345678\n");
		simulator.timeOutNext(Channel.SMS, false, 1);

		dispatcher.dispatchOnce();
		assertThat(simulator.outbox(10)).isEmpty();

		clock.advance(Duration.ofMinutes(2));
		dispatcher.dispatchOnce();

		ReminderTask task = tasksOf("JY30").get("30:SMS");
		assertThat(task.status()).isEqualTo(TaskStatus.SENT);
		assertThat(task.possibleDuplicate()).isFalse();
		assertThat(simulator.outbox(10)).hasSize(1);
	}

	@Test
	void aSendRefusedByAnOpenCircuitIsDeferredWithoutUsingAnAttempt() throws Exception {
		importCsv(list(TODAY.plusDays(7), TODAY.plusDays(30), TODAY.plusDays(400)));
		simulator.failRecipient("+8613812345678", Outcome.TRANSIENT_FAILURE,
				com.licencereminder.delivery.DeliveryResult.CIRCUIT_OPEN);

		dispatcher.dispatchOnce();

		ReminderTask task = tasksOf("JY30").get("30:SMS");
		assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
		assertThat(task.attempts()).isZero();
		assertThat(task.errorCode()).isEqualTo("CIRCUIT_OPEN");
		assertThat(task.dueAt()).isEqualTo(NOW.plus(Duration.ofSeconds(30)));
	}

	@Test
	void aProvidersLimitForTheNumberDefersTheSendUntilTheLimitLiftsWithoutUsingAnAttempt() throws Exception {
		importCsv(list(TODAY.plusDays(7), TODAY.plusDays(30), TODAY.plusDays(400)));
		simulator.failRecipient("+8613812345678", Outcome.TRANSIENT_FAILURE, "LimitExceeded.PhoneNumberOneHourLimit");

		dispatcher.dispatchOnce();

		ReminderTask task = tasksOf("JY30").get("30:SMS");
		assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
		assertThat(task.attempts()).isZero();
		assertThat(task.history().get(task.history().size() - 1).reason()).isEqualTo("reminder.defer.provider");
		assertThat(task.dueAt()).as("when the provider's hourly limit lets it through, not the engine's 30 s")
			.isEqualTo(NOW.plus(Duration.ofHours(1)));
	}

	@Test
	void aLimitThatLiftsOnlyAfterTheStagesDeadlineFailsTheTaskWithThatReason() throws Exception {
		importCsv("企业名称,证照名称,证照编号,有效期至,联系电话\n戊店,食品经营许可证,JY0," + TODAY + ",13812345609\n");
		simulator.failRecipient("+8613812345609", Outcome.TRANSIENT_FAILURE, "LimitExceeded.PhoneNumberDailyLimit");

		dispatcher.dispatchOnce();

		ReminderTask task = tasksOf("JY0").get("0:SMS");
		assertThat(task.status()).as("tomorrow is past the last valid day").isEqualTo(TaskStatus.FAILED);
		assertThat(task.reason()).isEqualTo("reminder.fail.limit-past-deadline");
		assertThat(task.errorCode()).isEqualTo("LimitExceeded.PhoneNumberDailyLimit");
	}

	@Test
	void aNumberTheProviderCallsInvalidIsDroppedForTheLicencesNextNumber() throws Exception {
		importCsv("企业名称,证照名称,证照编号,有效期至,联系电话\n丁店,食品经营许可证,JY31," + TODAY.plusDays(30) + ",13812345601、13812345602\n");
		simulator.failRecipient("+8613812345601", Outcome.PERMANENT_FAILURE, "isv.MOBILE_NUMBER_ILLEGAL");

		dispatcher.dispatchOnce();

		ReminderTask task = tasksOf("JY31").get("30:SMS");
		assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
		assertThat(task.history().get(task.history().size() - 1).reason()).isEqualTo("reminder.defer.next-number");
		assertThat(task.wrongNumbers()).containsExactly("+8613812345601");

		dispatcher.dispatchOnce();

		assertThat(tasksOf("JY31").get("30:SMS").status()).isEqualTo(TaskStatus.SENT);
		assertThat(simulator.outbox(10)).filteredOn(m -> m.channel() == Channel.SMS)
			.extracting(m -> m.recipient())
			.containsExactly("+8613812345602");
		String id = Licence.idFor("食品经营许可证", "JY31");
		assertThat(mongo.findById(FollowUp.idOf(id, 1, FollowUp.Reason.NO_WORKING_CHANNEL), FollowUp.class)).isNull();
	}

	@Test
	void whenEveryNumberIsInvalidTheTaskFailsAndTheStageFallsBack() throws Exception {
		importCsv("企业名称,证照名称,证照编号,有效期至,联系电话\n丁店,食品经营许可证,JY31," + TODAY.plusDays(30) + ",13812345601、13812345602\n");
		simulator.failRecipient("+8613812345601", Outcome.PERMANENT_FAILURE, "isv.MOBILE_NUMBER_ILLEGAL");
		simulator.failRecipient("+8613812345602", Outcome.PERMANENT_FAILURE, "21614");

		dispatcher.dispatchOnce();
		dispatcher.dispatchOnce();

		ReminderTask task = tasksOf("JY31").get("30:SMS");
		assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
		assertThat(task.reason()).isEqualTo("reminder.fail.permanent");
		assertThat(task.errorCode()).isEqualTo("21614");
		assertThat(task.attemptIds()).hasSize(2);
	}

	@Test
	void aPermanentFailureOnEveryChannelOfAStagePutsTheLicenceOnTheFollowUpList() throws Exception {
		importCsv(list(TODAY.plusDays(7), TODAY.plusDays(30), TODAY.plusDays(400)));
		simulator.failRecipient("+8613812345677", Outcome.PERMANENT_FAILURE, "21211");

		dispatcher.dispatchOnce();

		Map<String, ReminderTask> seven = tasksOf("JY7");
		assertThat(seven.get("7:SMS").status()).isEqualTo(TaskStatus.FAILED);
		assertThat(seven.get("7:SMS").reason()).isEqualTo("reminder.fail.permanent");
		assertThat(seven.get("7:VOICE").status()).isEqualTo(TaskStatus.FAILED);
		String id = Licence.idFor("食品经营许可证", "JY7");
		assertThat(mongo.findById(FollowUp.idOf(id, 1, FollowUp.Reason.NO_WORKING_CHANNEL), FollowUp.class))
			.isNotNull();

		mvc.perform(get("/api/follow-ups").with(httpBasic("admin", "test-secret")))
			.andExpect(jsonPath("$.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].reason").value("NO_WORKING_CHANNEL"))
			.andExpect(jsonPath("$.content[0].holderName").value("甲店"));
	}

	@Test
	void theManualStagePutsTheLicenceOnTheFollowUpListAndRenewedThereAcknowledges() throws Exception {
		importCsv(list(TODAY.plusDays(7), TODAY.plusDays(30), TODAY.plusDays(400)));
		dispatcher.dispatchOnce();
		clock.set(ZonedDateTime.of(2026, 12, 1, 9, 0, 1, 0, ZONE).toInstant());

		dispatcher.dispatchOnce();

		String id = Licence.idFor("食品经营许可证", "JY7");
		String itemId = FollowUp.idOf(id, 1, FollowUp.Reason.MANUAL_STAGE);
		assertThat(mongo.findById(itemId, FollowUp.class).status()).isEqualTo(FollowUp.Status.OPEN);
		assertThat(tasksOf("JY7").get("3:MANUAL").status()).isEqualTo(TaskStatus.SENT);

		mvc.perform(post("/api/follow-ups/" + itemId + "/outcome").with(httpBasic("admin", "test-secret"))
			.contentType("application/json")
			.content("{\"result\":\"RENEWED\",\"note\":\"visited, renewal filed\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DONE"));
		assertThat(tasksOf("JY7").get("0:SMS").status()).isEqualTo(TaskStatus.CANCELLED);
		assertThat(mongo.findById(ReminderPlan.idOf(id, 1), ReminderPlan.class).state())
			.isEqualTo(ReminderPlan.State.ACKNOWLEDGED);
	}

	@Test
	void severalLicencesOfOneHolderDueTheSameDayBecomeOneMessage() throws Exception {
		importCsv("企业名称,统一社会信用代码,证照名称,证照编号,有效期至,联系电话\n" + "甲公司,91350100M000100Y43,食品经营许可证,JYA," + TODAY.plusDays(30)
				+ ",13812345600\n" + "甲公司,91350100M000100Y43,卫生许可证,WSA," + TODAY.plusDays(30) + ",13812345600\n");

		dispatcher.dispatchOnce();

		assertThat(simulator.outbox(100)).filteredOn(m -> m.channel() == Channel.SMS)
			.singleElement()
			.satisfies(m -> assertThat(m.text()).contains("JYA").contains("WSA"));
		assertThat(tasksOf("JYA").get("30:SMS").status()).isEqualTo(TaskStatus.SENT);
		assertThat(tasksOf("WSA").get("30:SMS").status()).isEqualTo(TaskStatus.SENT);
	}

	private Planner planner() {
		return applicationPlanner;
	}

	@Autowired
	Planner applicationPlanner;

	static String list(LocalDate seven, LocalDate thirty, LocalDate far) {
		return "企业名称,证照名称,证照编号,有效期至,联系电话\n" + "甲店,食品经营许可证,JY7," + seven + ",13812345677\n" + "乙店,食品经营许可证,JY30," + thirty
				+ ",13812345678\n" + "丙店,食品经营许可证,JY400," + far + ",13812345679\n";
	}

	void importCsv(String csv) throws Exception {
		assertThat(new ImportApi(mvc).importAndWait("list.csv", csv.getBytes(StandardCharsets.UTF_8)))
			.containsEntry("status", "COMPLETED");
		await().atMost(Duration.ofSeconds(30)).until(() -> !events.isPlanning());
	}

	/**
	 * The current cycle's tasks of the licence with this number, keyed "offset:channel".
	 */
	Map<String, ReminderTask> tasksOf(String number) {
		String type = number.startsWith("WS") ? "卫生许可证" : "食品经营许可证";
		Licence licence = mongo.findById(Licence.idFor(type, number), Licence.class);
		return mongo
			.find(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("licenceId")
				.is(licence.id())
				.and("cycle")
				.is(licence.cycle())), ReminderTask.class)
			.stream()
			.collect(Collectors.toMap(task -> task.offsetDays() + ":" + task.channel(), Function.identity()));
	}

	static Map<String, TaskStatus> statuses(Map<String, ReminderTask> tasks) {
		return tasks.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().status()));
	}

}
