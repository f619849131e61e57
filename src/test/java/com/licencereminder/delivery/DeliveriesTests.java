package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.licencereminder.delivery.ChannelSender.Lookup;
import com.licencereminder.delivery.DeliveryAttempt.StatusChange;
import com.licencereminder.delivery.DeliveryRequest.LicenceLine;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.shared.MutableClock;
import com.licencereminder.shared.StoreDurability;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@link Deliveries#send} on the embedded store with the simulator for SMS and
 * mini-program and a stand-in "real" voice provider, which shows that a routed real
 * sender wins over the simulator and lets the tests see the attempt as it was when the
 * provider was called.
 */
@SpringBootTest(
		properties = { "licence-reminder.delivery.lookup-timeout=500ms", "licence-reminder.routing.voice=test-voice" })
@ActiveProfiles("test")
class DeliveriesTests {

	static final String MOBILE = "+8613812345678";

	static final String OPENID = "oABCDEFGHIJKLMNOPQRSTUVWXYZ0";

	@Autowired
	Deliveries deliveries;

	@Autowired
	SimulatorControl simulator;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Clock clock;

	@Autowired
	OptOuts optOuts;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TestVoice voice;

	@Autowired
	ProviderReports reports;

	@Autowired
	RecordingDurability durability;

	@BeforeEach
	void cleanStore() {
		mongo.remove(new Query(), DeliveryAttempt.class);
		mongo.remove(new Query(), DeliveryReference.class);
		mongo.remove(new Query(), OptOut.class);
		simulator.reset();
		voice.seen.clear();
		voice.timeOutOnce.clear();
		voice.answer = null;
		voice.limits = TestVoice.twoAnHour(voice.limitClock);
		durability.events.clear();
		durability.flushes.set(0);
		durability.hold.set(null);
		durability.failAfterHeld.set(false);
	}

	static DeliveryRequest request(String reference, Channel channel, String recipient, LocalDate validUntil) {
		return new DeliveryRequest(reference, channel, recipient, "许昌市魏都区甲餐饮店", 30,
				List.of(new LicenceLine("licence-1", 1, "食品经营许可证", "JY14110020000001", validUntil, "魏都区市场监管局")), false);
	}

	LocalDate today() {
		return LocalDate.now(clock);
	}

	List<DeliveryAttempt> attempts(String reference) {
		return mongo
			.find(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("reference").is(reference))
				.with(Sort.by("createdAt", "_id")), DeliveryAttempt.class);
	}

	@Test
	void preparedRequestsAreClaimedRecordedAndMadeDurableTogetherBeforeAnyProviderIsCalled() {
		LocalDate until = today().plusDays(30);
		List<Deliveries.Ready> ready = deliveries
			.prepare(List.of(request("task-1", Channel.VOICE, "+8613800000001", until),
					request("task-2", Channel.VOICE, "+8613800000002", until),
					request("task-3", Channel.VOICE, "+8613800000003", until)));

		assertThat(durability.events).hasSize(3)
			.allMatch(event -> event.startsWith("flush: reference task-") && event.endsWith("attempt SENDING"));
		assertThat(durability.flushes).as("one flush for the three").hasValue(1);
		assertThat(voice.seen).isEmpty();

		assertThat(ready).allSatisfy(one -> assertThat(deliveries.send(one).outcome()).isEqualTo(Outcome.SENT));

		assertThat(durability.events.stream().filter(event -> event.startsWith("provider called for "))).hasSize(3);
		assertThat(durability.flushes).as("and each result made durable before the thread's next send").hasValue(3);
		assertThat(voice.seen).hasSize(3)
			.allSatisfy(attempt -> assertThat(attempt.status()).isEqualTo(AttemptStatus.SENDING));
		assertThat(List.of("task-1", "task-2", "task-3"))
			.allSatisfy(reference -> assertThat(attempts(reference)).singleElement()
				.satisfies(attempt -> assertThat(attempt.status()).isEqualTo(AttemptStatus.SENT)));
	}

	/**
	 * Sends answered while an earlier result is being recorded wait for it, and are then
	 * recorded as one group: one write of each kind for the three, and no commit of their
	 * own (each is made durable before its thread's next send).
	 */
	@Test
	void readySendsAnsweredWhileAResultIsRecordedAreRecordedTogether() throws Exception {
		List<Deliveries.Ready> ready = fourReady();
		DistributionSummary groups = meters.get("delivery.results.group").summary();
		long groupsBefore = groups.count();
		double resultsBefore = groups.totalAmount();
		CountDownLatch held = durability.holdNextMark();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<DeliveryResult>> sends = ready.stream()
				.map(one -> pool.submit(() -> deliveries.send(one)))
				.toList();
			await().atMost(Duration.ofSeconds(10)).until(() -> waitingResults() == 3);
			assertThat(mongo.find(Query.query(Criteria.where("status").is(AttemptStatus.SENT)), DeliveryAttempt.class))
				.as("the leader's result is written, the others wait")
				.hasSize(1);
			held.countDown();

			for (Future<DeliveryResult> send : sends) {
				assertThat(send.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.SENT);
			}
		}
		finally {
			held.countDown();
			pool.shutdownNow();
		}
		assertThat(groups.count() - groupsBefore).as("the leader's group and one for the three").isEqualTo(2);
		assertThat(groups.totalAmount() - resultsBefore).isEqualTo(4);
		assertThat(durability.flushes).as("only prepare's").hasValue(1);
		assertThat(mongo.findAll(DeliveryAttempt.class))
			.allSatisfy(attempt -> assertThat(attempt.status()).isEqualTo(AttemptStatus.SENT));
		assertThat(mongo.findAll(DeliveryReference.class)).hasSize(4).allSatisfy(reference -> {
			assertThat(reference.pendingAttemptId()).isNull();
			assertThat(reference.sent().outcome()).isEqualTo(Outcome.SENT);
		});
	}

	@Test
	void whenRecordingAGroupFailsEverySendOfTheGroupFailsAndTheOthersAreUnaffected() throws Exception {
		List<Deliveries.Ready> ready = fourReady();
		CountDownLatch held = durability.holdNextMark();
		durability.failAfterHeld.set(true);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<DeliveryResult>> sends;
		try {
			sends = ready.stream().map(one -> pool.submit(() -> deliveries.send(one))).toList();
			await().atMost(Duration.ofSeconds(10)).until(() -> waitingResults() == 3);
			held.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> sends.stream().allMatch(Future::isDone));
		}
		finally {
			held.countDown();
			pool.shutdownNow();
		}
		List<Throwable> failures = new ArrayList<>();
		int sent = 0;
		for (Future<DeliveryResult> send : sends) {
			try {
				assertThat(send.get().outcome()).isEqualTo(Outcome.SENT);
				sent++;
			}
			catch (ExecutionException ex) {
				failures.add(ex.getCause());
			}
		}
		assertThat(sent).as("the leader, whose own group was committed").isEqualTo(1);
		assertThat(failures).hasSize(3)
			.allSatisfy(failure -> assertThat(failure).hasMessageContaining("the disk is full"));
	}

	/**
	 * In a group recorded together, an attempt that the provider's callback moved on
	 * before the send's answer keeps the reported status, and its failure is what its
	 * caller gets; the other result of the group is recorded as sent.
	 */
	@Test
	void aFailureReportedBeforeTheAnswerIsWhatTheCallerGetsInAGroupWithASentResult() throws Exception {
		LocalDate until = today().plusDays(30);
		List<Deliveries.Ready> ready = deliveries
			.prepare(List.of(request("task-1", Channel.VOICE, "+8613800000001", until),
					request("task-2", Channel.VOICE, TestVoice.UNANSWERED_BEFORE_THE_ANSWER, until),
					request("task-3", Channel.VOICE, "+8613800000003", until)));
		CountDownLatch held = durability.holdNextMark();
		ExecutorService pool = Executors.newFixedThreadPool(3);
		List<DeliveryResult> results;
		try {
			Future<DeliveryResult> leader = pool.submit(() -> deliveries.send(ready.get(0)));
			await().atMost(Duration.ofSeconds(10)).until(() -> durability.hold.get() == null);
			Future<DeliveryResult> reported = pool.submit(() -> deliveries.send(ready.get(1)));
			Future<DeliveryResult> sent = pool.submit(() -> deliveries.send(ready.get(2)));
			await().atMost(Duration.ofSeconds(10)).until(() -> waitingResults() == 2);
			held.countDown();
			results = List.of(leader.get(10, TimeUnit.SECONDS), reported.get(10, TimeUnit.SECONDS),
					sent.get(10, TimeUnit.SECONDS));
		}
		finally {
			held.countDown();
			pool.shutdownNow();
		}

		assertThat(results.get(1).outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(results.get(1).errorCode()).isEqualTo("no-answer");
		DeliveryAttempt unanswered = mongo.findById(results.get(1).attemptId(), DeliveryAttempt.class);
		assertThat(unanswered.status()).isEqualTo(AttemptStatus.UNDELIVERED);
		assertThat(unanswered.providerId()).isEqualTo("CA-" + unanswered.id());
		assertThat(mongo.findById("task-2", DeliveryReference.class)).satisfies(reference -> {
			assertThat(reference.sent()).as("free for the retry").isNull();
			assertThat(reference.pendingAttemptId()).isNull();
		});
		assertThat(results.get(2).outcome()).isEqualTo(Outcome.SENT);
		DeliveryAttempt sent = mongo.findById(results.get(2).attemptId(), DeliveryAttempt.class);
		assertThat(sent.status()).isEqualTo(AttemptStatus.SENT);
		assertThat(sent.timeline()).extracting(StatusChange::status).containsExactly("SENDING", "SENT");
		assertThat(mongo.findById("task-3", DeliveryReference.class).sent().attemptId()).isEqualTo(sent.id());
		assertThat(durability.flushes).as("only prepare's").hasValue(1);
	}

	/**
	 * A thread's result is not committed on its own: the thread makes it durable before
	 * it calls a provider again, unless a commit begun since (such as that of the next
	 * request made ready) has done so.
	 */
	@Test
	void aThreadsLastResultIsMadeDurableBeforeItCallsAProviderAgainUnlessACommitHasSince() {
		LocalDate until = today().plusDays(30);
		List<Deliveries.Ready> ready = deliveries
			.prepare(List.of(request("task-1", Channel.VOICE, "+8613800000001", until),
					request("task-2", Channel.VOICE, "+8613800000002", until)));
		assertThat(deliveries.send(ready.get(0)).outcome()).isEqualTo(Outcome.SENT);
		assertThat(durability.flushes).as("prepare's only").hasValue(1);
		durability.events.clear();

		assertThat(deliveries.send(ready.get(1)).outcome()).isEqualTo(Outcome.SENT);

		assertThat(durability.events).as("task-1's result committed, then the provider called")
			.satisfiesExactly(event -> assertThat(event).startsWith("flush: reference task-2 in flight as "),
					event -> assertThat(event).startsWith("provider called for "));

		List<Deliveries.Ready> next = deliveries
			.prepare(List.of(request("task-3", Channel.VOICE, "+8613800000003", until)));
		assertThat(durability.flushes).hasValue(3);
		assertThat(deliveries.send(next.get(0)).outcome()).isEqualTo(Outcome.SENT);
		assertThat(durability.flushes).as("task-2's result was in the commit that made task-3 ready").hasValue(3);
	}

	/** Four voice requests made ready, with nothing recorded of the preparation. */
	private List<Deliveries.Ready> fourReady() {
		LocalDate until = today().plusDays(30);
		List<Deliveries.Ready> ready = deliveries
			.prepare(List.of(request("task-1", Channel.VOICE, "+8613800000001", until),
					request("task-2", Channel.VOICE, "+8613800000002", until),
					request("task-3", Channel.VOICE, "+8613800000003", until),
					request("task-4", Channel.VOICE, "+8613800000004", until)));
		durability.events.clear();
		return ready;
	}

	private double waitingResults() {
		return meters.get("delivery.results.waiting").gauge().value();
	}

	@Test
	void aRequestThatCannotBeRenderedFailsAloneWhenCalledAndTheRestOfItsBatchIsSent() {
		List<Deliveries.Ready> ready = deliveries.prepare(List.of(request("task-1", Channel.SMS, MOBILE, null),
				request("task-2", Channel.SMS, MOBILE, today().plusDays(30))));

		assertThatIllegalArgumentException().isThrownBy(() -> deliveries.send(ready.get(0)))
			.withMessageContaining("no expiry date");
		assertThat(deliveries.send(ready.get(1)).outcome()).isEqualTo(Outcome.SENT);
		assertThat(attempts("task-1")).isEmpty();
		assertThat(simulator.outbox(10)).singleElement()
			.satisfies(message -> assertThat(message.attemptId()).isEqualTo(attempts("task-2").get(0).id()));
	}

	@Test
	void aPreparedRequestWhoseReferenceWasSentReturnsTheRecordedResultWithoutSendingAgain() {
		LocalDate until = today().plusDays(30);
		DeliveryResult first = deliveries.send(request("task-1", Channel.VOICE, "+8613800000001", until));

		DeliveryResult again = deliveries
			.send(deliveries.prepare(List.of(request("task-1", Channel.VOICE, "+8613800000001", until))).get(0));

		assertThat(again.outcome()).isEqualTo(Outcome.SENT);
		assertThat(again.attemptId()).isEqualTo(first.attemptId());
		assertThat(voice.seen).hasSize(1);
		assertThat(attempts("task-1")).hasSize(1);
	}

	@Test
	void aPreparedRequestThatTheRecipientsLimitRefusesLeavesNeitherAttemptNorReference() {
		LocalDate until = today().plusDays(30);
		deliveries.send(request("task-1", Channel.VOICE, TestVoice.LIMITED, until));
		deliveries.send(request("task-2", Channel.VOICE, TestVoice.LIMITED, until));

		DeliveryResult refused = deliveries
			.send(deliveries.prepare(List.of(request("task-3", Channel.VOICE, TestVoice.LIMITED, until))).get(0));

		assertThat(refused.errorCode()).isEqualTo(DeliveryResult.RATE_LIMITED);
		assertThat(refused.deferred()).isTrue();
		assertThat(attempts("task-3")).isEmpty();
		assertThat(mongo.findById("task-3", DeliveryReference.class)).isNull();
		assertThat(voice.seen).hasSize(2);
	}

	@Test
	void smsIsRenderedSentThroughTheSimulatorAndRecordedWithItsTimeline() {
		LocalDate until = today().plusDays(30);
		DeliveryResult result = deliveries.send(request("task-1", Channel.SMS, MOBILE, until));

		assertThat(result.outcome()).isEqualTo(Outcome.SENT);
		assertThat(result.providerId()).startsWith("SIM-");
		String date = until.format(DateTimeFormatter.ofPattern("yyyy年M月d日"));
		String text = "【许昌市魏都区市场监督管理局】许昌市魏都区甲餐饮店：您的食品经营许可证（编号JY14110020000001）将于" + date
				+ "到期，剩余30天，请及时办理延续。咨询电话：12315。回复1确认收到，回复TD退订。";
		assertThat(simulator.outbox(10)).singleElement().satisfies(m -> {
			assertThat(m.text()).isEqualTo(text);
			assertThat(m.recipient()).isEqualTo(MOBILE);
			assertThat(m.channel()).isEqualTo(Channel.SMS);
			assertThat(m.attemptId()).isEqualTo(result.attemptId());
			assertThat(m.providerId()).isEqualTo(result.providerId());
		});
		DeliveryAttempt attempt = mongo.findById(result.attemptId(), DeliveryAttempt.class);
		assertThat(attempt.reference()).isEqualTo("task-1");
		assertThat(attempt.status()).isEqualTo(AttemptStatus.SENT);
		assertThat(attempt.outcome()).isEqualTo(Outcome.SENT);
		assertThat(attempt.provider()).isEqualTo("simulator");
		assertThat(attempt.providerId()).isEqualTo(result.providerId());
		assertThat(attempt.licenceIds()).containsExactly("licence-1");
		assertThat(attempt.text()).isEqualTo(text);
		assertThat(attempt.possibleDuplicate()).isFalse();
		assertThat(attempt.timeline()).extracting(StatusChange::status).containsExactly("SENDING", "SENT");
	}

	@Test
	void aReferenceThatWasSentIsNotSentAgain() {
		DeliveryResult first = deliveries.send(request("task-1", Channel.SMS, MOBILE, today().plusDays(7)));
		DeliveryResult again = deliveries.send(request("task-1", Channel.SMS, MOBILE, today().plusDays(7)));

		assertThat(again).isEqualTo(first);
		assertThat(simulator.outbox(10)).hasSize(1);
		assertThat(attempts("task-1")).hasSize(1);
		assertThat(deliveries.send(request("task-2", Channel.SMS, MOBILE, today().plusDays(7))).attemptId())
			.isNotEqualTo(first.attemptId());
	}

	@Test
	void aCallOverTheProvidersLimitForTheNumberIsDeferredUntilTheLimitAllowsWithoutAnAttempt() {
		Instant first = voice.limitClock.instant();
		assertThat(deliveries.send(request("call-1", Channel.VOICE, TestVoice.LIMITED, today().plusDays(7))).outcome())
			.isEqualTo(Outcome.SENT);
		voice.limitClock.advance(Duration.ofMinutes(10));
		assertThat(deliveries.send(request("call-2", Channel.VOICE, TestVoice.LIMITED, today().plusDays(7))).outcome())
			.isEqualTo(Outcome.SENT);

		DeliveryResult third = deliveries
			.send(request("call-3", Channel.VOICE, TestVoice.LIMITED, today().plusDays(7)));

		assertThat(third.deferred()).isTrue();
		assertThat(third.errorCode()).isEqualTo(DeliveryResult.RATE_LIMITED);
		assertThat(third.notBefore()).as("an hour after the first call").isEqualTo(first.plus(Duration.ofHours(1)));
		assertThat(attempts("call-3")).isEmpty();
	}

	@Test
	void aSendThatDoesNotReachTheProviderGivesItsSlotOfTheNumbersLimitBack() {
		DeliveryRequest call = request("call-1", Channel.VOICE, TestVoice.LIMITED, today().plusDays(7));
		assertThat(deliveries.send(call).outcome()).isEqualTo(Outcome.SENT);

		assertThat(deliveries.send(call).outcome()).as("answered from the record").isEqualTo(Outcome.SENT);

		assertThat(deliveries.send(request("call-2", Channel.VOICE, TestVoice.LIMITED, today().plusDays(7))).outcome())
			.as("the second of two calls an hour, the repeat having given its slot back")
			.isEqualTo(Outcome.SENT);
		assertThat(deliveries.send(request("call-3", Channel.VOICE, TestVoice.LIMITED, today().plusDays(7))).deferred())
			.isTrue();
		assertThat(voice.seen).hasSize(2);
	}

	@Test
	void transientFailuresAreRecordedAndTheSameReferenceIsSentOnRetry() {
		simulator.failNext(Channel.SMS, Outcome.TRANSIENT_FAILURE, "503", 2);
		DeliveryRequest request = request("task-1", Channel.SMS, MOBILE, today().plusDays(7));

		DeliveryResult first = deliveries.send(request);
		DeliveryResult second = deliveries.send(request);
		DeliveryResult third = deliveries.send(request);
		DeliveryResult fourth = deliveries.send(request);

		assertThat(first.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(first.errorCode()).isEqualTo("503");
		assertThat(second.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(third.outcome()).isEqualTo(Outcome.SENT);
		assertThat(fourth).isEqualTo(third);
		assertThat(attempts("task-1"))
			.extracting(DeliveryAttempt::status, DeliveryAttempt::outcome, DeliveryAttempt::errorCode)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(AttemptStatus.FAILED, Outcome.TRANSIENT_FAILURE, "503"),
					org.assertj.core.groups.Tuple.tuple(AttemptStatus.FAILED, Outcome.TRANSIENT_FAILURE, "503"),
					org.assertj.core.groups.Tuple.tuple(AttemptStatus.SENT, Outcome.SENT, null));
		assertThat(attempts("task-1").get(0).timeline()).extracting(StatusChange::status, StatusChange::detail)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("SENDING", null), org.assertj.core.groups.Tuple
				.tuple("FAILED", "TRANSIENT_FAILURE 503: Simulated transient failure"));
		assertThat(simulator.outbox(10)).hasSize(1);
	}

	@Test
	void aRecipientCanBeMadeToFailPermanently() {
		simulator.failRecipient(OPENID, Outcome.PERMANENT_FAILURE, "43101");

		DeliveryResult refused = deliveries.send(request("task-1", Channel.MINI_PROGRAM, OPENID, today().plusDays(30)));
		DeliveryResult other = deliveries
			.send(request("task-2", Channel.MINI_PROGRAM, "oOTHEROPENID0123456789", today().plusDays(30)));

		assertThat(refused.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
		assertThat(refused.errorCode()).isEqualTo("43101");
		assertThat(other.outcome()).isEqualTo(Outcome.SENT);
		DeliveryAttempt attempt = mongo.findById(refused.attemptId(), DeliveryAttempt.class);
		assertThat(attempt.status()).isEqualTo(AttemptStatus.FAILED);
		assertThat(attempt.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
		assertThat(attempt.errorCode()).isEqualTo("43101");
		assertThat(attempt.fields()).containsEntry("thing1", "食品经营许可证")
			.containsEntry("thing2", "JY14110020000001")
			.containsKeys("time3", "thing4");

		simulator.reset();
		assertThat(deliveries.send(request("task-3", Channel.MINI_PROGRAM, OPENID, today().plusDays(30))).outcome())
			.isEqualTo(Outcome.SENT);
	}

	@Test
	void anOptedOutNumberGetsNoTextButStillACall() {
		optOuts.optOut(MOBILE, "sms-reply");

		DeliveryResult sms = deliveries.send(request("task-1", Channel.SMS, MOBILE, today().plusDays(7)));
		DeliveryResult call = deliveries.send(request("task-2", Channel.VOICE, MOBILE, today().plusDays(7)));

		assertThat(sms.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
		assertThat(sms.errorCode()).isEqualTo(Deliveries.OPTED_OUT);
		assertThat(simulator.outbox(10)).isEmpty();
		DeliveryAttempt attempt = mongo.findById(sms.attemptId(), DeliveryAttempt.class);
		assertThat(attempt.status()).isEqualTo(AttemptStatus.FAILED);
		assertThat(attempt.errorCode()).isEqualTo("OPTED_OUT");
		assertThat(call.outcome()).isEqualTo(Outcome.SENT);
		assertThat(voice.seen).hasSize(1);
	}

	@Test
	void anOptOutAnotherInstanceRecordedIsHonouredOnceTheMemoryCopyIsRefreshed() {
		assertThat(optOuts.isOptedOut(MOBILE)).isFalse();
		mongo.insert(new OptOut(MOBILE, clock.instant(), "sms-reply"));

		await().atMost(Duration.ofSeconds(30)).until(() -> optOuts.isOptedOut(MOBILE));
		DeliveryResult sms = deliveries.send(request("task-1", Channel.SMS, MOBILE, today().plusDays(7)));

		assertThat(sms.errorCode()).isEqualTo(Deliveries.OPTED_OUT);
	}

	@Test
	void theStoreNotTheMemoryCopyDecidesThatANumberOptedOut() {
		optOuts.optOut(MOBILE, "operator");
		mongo.remove(new Query(), OptOut.class);

		assertThat(optOuts.isOptedOut(MOBILE)).isFalse();
		assertThat(deliveries.send(request("task-1", Channel.SMS, MOBILE, today().plusDays(7))).outcome())
			.isEqualTo(Outcome.SENT);
	}

	@Test
	void theAttemptIsRecordedAsSendingBeforeTheProviderIsCalledAndARealSenderWinsOverTheSimulator() {
		DeliveryResult result = deliveries.send(request("task-1", Channel.VOICE, MOBILE, today()));

		assertThat(voice.seen).singleElement().satisfies(attempt -> {
			assertThat(attempt.id()).isEqualTo(result.attemptId());
			assertThat(attempt.status()).isEqualTo(AttemptStatus.SENDING);
			assertThat(attempt.provider()).isEqualTo("test-voice");
			assertThat(attempt.text()).contains("今天（").contains("到期").endsWith("确认收到请按1。");
		});
		assertThat(result.outcome()).isEqualTo(Outcome.SENT);
		assertThat(result.providerId()).isEqualTo("CA-" + result.attemptId());
		assertThat(mongo.findById(result.attemptId(), DeliveryAttempt.class).status()).isEqualTo(AttemptStatus.SENT);
		assertThat(simulator.outbox(10)).isEmpty();
	}

	@Test
	void theClaimAndTheAttemptInFlightAreMadeDurableBeforeTheProviderIsCalled() {
		DeliveryResult result = deliveries.send(request("task-1", Channel.VOICE, MOBILE, today().plusDays(7)));

		assertThat(result.outcome()).isEqualTo(Outcome.SENT);
		assertThat(durability.events).containsExactly(
				"flush: reference task-1 in flight as " + result.attemptId() + ", attempt SENDING",
				"provider called for " + result.attemptId());
	}

	@Test
	void aFailureReportedBeforeTheSendsOwnAnswerIsWhatTheCallerGets() {
		DeliveryResult result = deliveries
			.send(request("task-1", Channel.VOICE, TestVoice.UNANSWERED_BEFORE_THE_ANSWER, today()));

		assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(result.errorCode()).isEqualTo("no-answer");
		DeliveryAttempt attempt = mongo.findById(result.attemptId(), DeliveryAttempt.class);
		assertThat(attempt.status()).isEqualTo(AttemptStatus.UNDELIVERED);
		assertThat(attempt.errorCode()).isEqualTo("no-answer");
		assertThat(attempt.providerId()).isEqualTo("CA-" + result.attemptId());
		assertThat(mongo.findById("task-1", DeliveryReference.class).sent()).as("free for the retry").isNull();
	}

	@Test
	void aSenderThatThrowsIsATransientFailureNamedAfterTheException() {
		DeliveryResult result = deliveries
			.send(request("task-1", Channel.VOICE, TestVoice.EXPLODING, today().plusDays(7)));

		assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(result.errorCode()).isEqualTo("java.lang.IllegalStateException");
		assertThat(result.errorMessage()).isEqualTo("boom");
		DeliveryAttempt attempt = mongo.findById(result.attemptId(), DeliveryAttempt.class);
		assertThat(attempt.status()).isEqualTo(AttemptStatus.FAILED);
		assertThat(attempt.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(attempt.timeline()).extracting(StatusChange::status).containsExactly("SENDING", "FAILED");
	}

	@Test
	void anAttemptInFlightBlocksTheReferenceUntilItIsStaleThenTheRetryIsFlagged() {
		mongo.insert(new DeliveryReference("task-1", "attempt-0", clock.instant(), 1, null, null, null));

		DeliveryResult blocked = deliveries.send(request("task-1", Channel.SMS, MOBILE, today().plusDays(7)));

		assertThat(blocked.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
		assertThat(blocked.errorCode()).isEqualTo(Deliveries.IN_FLIGHT);
		assertThat(blocked.attemptId()).isEqualTo("attempt-0");
		assertThat(attempts("task-1")).isEmpty();

		mongo.remove(new Query(), DeliveryReference.class);
		mongo.insert(new DeliveryReference("task-1", "attempt-0", clock.instant().minus(Duration.ofMinutes(3)), 1, null,
				null, null));

		DeliveryResult retried = deliveries.send(request("task-1", Channel.SMS, MOBILE, today().plusDays(7)));

		assertThat(retried.outcome()).isEqualTo(Outcome.SENT);
		assertThat(mongo.findById(retried.attemptId(), DeliveryAttempt.class).possibleDuplicate()).isTrue();
		assertThat(mongo.findById("task-1", DeliveryReference.class).attempts()).isEqualTo(2);
	}

	/**
	 * A crash between an attempt's completion and its reference's leaves the attempt
	 * recorded as sent and the reference showing it in flight: once that is stale, the
	 * reference is completed from the attempt and nothing is sent again.
	 */
	@Test
	void aStaleAttemptRecordedAsSentCompletesItsReferenceInsteadOfBeingSentAgain() {
		DeliveryRequest request = request("task-1", Channel.SMS, MOBILE, today().plusDays(7));
		deliveries.prepare(List.of(request));
		String attemptId = attempts("task-1").get(0).id();
		mongo.updateFirst(Query.query(Criteria.where("_id").is(attemptId)),
				new Update().set("status", AttemptStatus.SENT).set("outcome", Outcome.SENT).set("providerId", "SM-0"),
				DeliveryAttempt.class);
		mongo.updateFirst(Query.query(Criteria.where("_id").is("task-1")),
				new Update().set("pendingSince", clock.instant().minus(Duration.ofMinutes(3))),
				DeliveryReference.class);

		DeliveryResult result = deliveries.send(request);

		assertThat(result.outcome()).isEqualTo(Outcome.SENT);
		assertThat(result.attemptId()).isEqualTo(attemptId);
		assertThat(result.providerId()).isEqualTo("SM-0");
		assertThat(attempts("task-1")).singleElement().satisfies(attempt -> {
			assertThat(attempt.id()).as("no attempt sent again").isEqualTo(attemptId);
			assertThat(attempt.possibleDuplicate()).isFalse();
		});
		assertThat(mongo.findById("task-1", DeliveryReference.class)).satisfies(reference -> {
			assertThat(reference.pendingAttemptId()).isNull();
			assertThat(reference.attempts()).isEqualTo(1);
			assertThat(reference.sent().attemptId()).isEqualTo(attemptId);
		});
	}

	@Test
	void aPossibleDuplicateIsFlaggedOnTheAttempt() {
		DeliveryRequest request = new DeliveryRequest("task-1", Channel.SMS, MOBILE, "甲店", 7,
				List.of(new LicenceLine("licence-1", 1, "食品经营许可证", "JY1", today().plusDays(7), null)), true);

		DeliveryResult result = deliveries.send(request);

		assertThat(mongo.findById(result.attemptId(), DeliveryAttempt.class).possibleDuplicate()).isTrue();
	}

	@Test
	void attemptsAreCountedByChannelProviderAndOutcome() {
		double before = count("SMS", "simulator", "SENT");
		deliveries.send(request("task-1", Channel.SMS, MOBILE, today().plusDays(7)));
		deliveries.send(request("task-1", Channel.SMS, MOBILE, today().plusDays(7)));

		assertThat(count("SMS", "simulator", "SENT")).isEqualTo(before + 1);
	}

	@Test
	void failedAttemptsAreCountedByTheClassOfTheirFailure() {
		simulator.failRecipient(MOBILE, Outcome.PERMANENT_FAILURE, "isv.MOBILE_NUMBER_ILLEGAL");
		double before = meters.find("delivery.attempts")
			.tags("failure", "WRONG_RECIPIENT")
			.counters()
			.stream()
			.mapToDouble(counter -> counter.count())
			.sum();

		deliveries.send(request("task-1", Channel.SMS, MOBILE, today().plusDays(7)));

		assertThat(meters.get("delivery.attempts")
			.tags("channel", "SMS", "provider", "simulator", "outcome", "PERMANENT_FAILURE", "failure",
					"WRONG_RECIPIENT")
			.counter()
			.count()).isEqualTo(before + 1);
	}

	@Test
	void aSendThatTimedOutAfterItWasSentIsFoundAndNotSentAgain() {
		simulator.timeOutNext(Channel.SMS, true, 1);
		DeliveryRequest request = request("task-1", Channel.SMS, MOBILE, today().plusDays(7));
		double before = ambiguous("SMS", "simulator", "sent");

		DeliveryResult first = deliveries.send(request);

		assertThat(first).extracting(DeliveryResult::outcome, DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.containsExactly(Outcome.TRANSIENT_FAILURE, DeliveryResult.TIMEOUT, true);
		assertThat(simulator.outbox(10)).singleElement()
			.extracting(SimulatedMessage::attemptId)
			.isEqualTo(first.attemptId());
		DeliveryAttempt unknown = mongo.findById(first.attemptId(), DeliveryAttempt.class);
		assertThat(unknown.status()).isEqualTo(AttemptStatus.UNKNOWN);
		assertThat(unknown.ambiguity()).isEqualTo(DeliveryAttempt.Ambiguity.OPEN);
		assertThat(mongo.findById("task-1", DeliveryReference.class))
			.extracting(DeliveryReference::uncertainAttemptId, DeliveryReference::uncertainSince)
			.containsExactly(first.attemptId(), unknown.createdAt());

		DeliveryResult second = deliveries.send(request);

		String sent = simulator.outbox(10).get(0).providerId();
		assertThat(second).isEqualTo(new DeliveryResult(Outcome.SENT, first.attemptId(), sent, null, null));
		assertThat(simulator.outbox(10)).hasSize(1);
		assertThat(attempts("task-1")).singleElement().satisfies(attempt -> {
			assertThat(attempt.status()).isEqualTo(AttemptStatus.SENT);
			assertThat(attempt.outcome()).isEqualTo(Outcome.SENT);
			assertThat(attempt.providerId()).isEqualTo(sent);
			assertThat(attempt.errorCode()).isNull();
			assertThat(attempt.ambiguity()).isEqualTo(DeliveryAttempt.Ambiguity.SENT);
			assertThat(attempt.timeline()).extracting(StatusChange::status)
				.containsExactly("SENDING", "UNKNOWN", AmbiguousSends.LOOKUP_SENT);
		});
		DeliveryReference reference = mongo.findById("task-1", DeliveryReference.class);
		assertThat(reference.sent()).isEqualTo(second);
		assertThat(reference.uncertainAttemptId()).isNull();
		assertThat(reference.pendingAttemptId()).isNull();
		assertThat(reference.attempts()).isEqualTo(1);
		assertThat(ambiguous("SMS", "simulator", "sent")).isEqualTo(before + 1);
		assertThat(deliveries.send(request)).isEqualTo(second);
	}

	@Test
	void aSendThatTimedOutBeforeItWasSentIsSentAgainUnflagged() {
		simulator.timeOutNext(Channel.SMS, false, 1);
		DeliveryRequest request = request("task-1", Channel.SMS, MOBILE, today().plusDays(7));
		double before = ambiguous("SMS", "simulator", "not-sent");

		DeliveryResult first = deliveries.send(request);
		assertThat(first.ambiguous()).isTrue();
		assertThat(simulator.outbox(10)).isEmpty();
		DeliveryResult second = deliveries.send(request);

		assertThat(second.outcome()).isEqualTo(Outcome.SENT);
		assertThat(simulator.outbox(10)).singleElement()
			.extracting(SimulatedMessage::attemptId)
			.isEqualTo(second.attemptId());
		assertThat(attempts("task-1"))
			.extracting(DeliveryAttempt::id, DeliveryAttempt::status, DeliveryAttempt::ambiguity,
					DeliveryAttempt::possibleDuplicate)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(first.attemptId(), AttemptStatus.FAILED,
							DeliveryAttempt.Ambiguity.NOT_SENT, false),
					org.assertj.core.groups.Tuple.tuple(second.attemptId(), AttemptStatus.SENT, null, false));
		assertThat(attempts("task-1").get(0).timeline()).extracting(StatusChange::status)
			.containsExactly("SENDING", "UNKNOWN", AmbiguousSends.LOOKUP_NOT_SENT);
		assertThat(ambiguous("SMS", "simulator", "not-sent")).isEqualTo(before + 1);
	}

	@Test
	void aProviderThatCannotBeAskedLeavesItUnresolvedAndTheNextSendFlagged() {
		voice.timeOutOnce.add(MOBILE);
		DeliveryRequest request = request("task-1", Channel.VOICE, MOBILE, today().plusDays(7));
		double before = ambiguous("VOICE", "test-voice", "unresolved");

		DeliveryResult first = deliveries.send(request);
		DeliveryResult second = deliveries.send(request);

		assertThat(first.ambiguous()).isTrue();
		assertThat(second.outcome()).isEqualTo(Outcome.SENT);
		assertThat(voice.seen).hasSize(2);
		assertThat(deliveries.possibleDuplicate(second.attemptId())).isTrue();
		DeliveryAttempt unresolved = mongo.findById(first.attemptId(), DeliveryAttempt.class);
		assertThat(unresolved.status()).isEqualTo(AttemptStatus.UNKNOWN);
		assertThat(unresolved.ambiguity()).isEqualTo(DeliveryAttempt.Ambiguity.UNRESOLVED);
		assertThat(unresolved.timeline()).last().satisfies(change -> {
			assertThat(change.status()).isEqualTo(AmbiguousSends.LOOKUP_UNRESOLVED);
			assertThat(change.detail()).contains("test-voice cannot be asked", second.attemptId());
		});
		assertThat(mongo.findById(second.attemptId(), DeliveryAttempt.class).timeline().get(0).detail())
			.contains(first.attemptId());
		assertThat(ambiguous("VOICE", "test-voice", "unresolved")).isEqualTo(before + 1);
	}

	@Test
	void aLookupThatTakesTooLongOrThrowsIsUnresolved() throws Exception {
		CountDownLatch released = new CountDownLatch(1);
		try {
			voice.answer = () -> {
				released.await(60, TimeUnit.SECONDS);
				return Lookup.notSent();
			};
			voice.timeOutOnce.add(MOBILE);
			DeliveryRequest slow = request("task-1", Channel.VOICE, MOBILE, today().plusDays(7));
			DeliveryResult uncertain = deliveries.send(slow);
			DeliveryResult afterSlow = deliveries.send(slow);
			assertThat(afterSlow.outcome()).isEqualTo(Outcome.SENT);
			assertThat(deliveries.possibleDuplicate(afterSlow.attemptId()))
				.as("the late \"not sent\" was not waited for")
				.isTrue();
			DeliveryAttempt unresolved = mongo.findById(uncertain.attemptId(), DeliveryAttempt.class);
			assertThat(unresolved.ambiguity()).isEqualTo(DeliveryAttempt.Ambiguity.UNRESOLVED);
			assertThat(unresolved.timeline()).last()
				.extracting(StatusChange::detail)
				.asString()
				.startsWith("no answer within 500 ms");
		}
		finally {
			released.countDown();
		}

		voice.answer = () -> {
			throw new IllegalStateException("lookup exploded");
		};
		voice.timeOutOnce.add(MOBILE);
		DeliveryRequest failing = request("task-2", Channel.VOICE, MOBILE, today().plusDays(7));
		DeliveryResult first = deliveries.send(failing);
		DeliveryResult afterFailure = deliveries.send(failing);
		assertThat(afterFailure.outcome()).isEqualTo(Outcome.SENT);
		assertThat(deliveries.possibleDuplicate(afterFailure.attemptId())).isTrue();
		assertThat(mongo.findById(first.attemptId(), DeliveryAttempt.class).timeline()).last()
			.extracting(StatusChange::detail)
			.asString()
			.contains("IllegalStateException");
	}

	@Test
	void aStatusTheProviderReportedMeanwhileAnswersWithoutAsking() {
		voice.timeOutOnce.add(MOBILE);
		voice.answer = () -> {
			throw new AssertionError("the provider was asked");
		};
		DeliveryRequest request = request("task-1", Channel.VOICE, MOBILE, today().plusDays(7));
		DeliveryResult first = deliveries.send(request);

		assertThat(reports.reported(first.attemptId(), "completed", AttemptStatus.DELIVERED, null, false)).isTrue();
		assertThat(mongo.findById(first.attemptId(), DeliveryAttempt.class).status()).as("a callback moves UNKNOWN on")
			.isEqualTo(AttemptStatus.DELIVERED);
		DeliveryResult second = deliveries.send(request);

		assertThat(second.outcome()).isEqualTo(Outcome.SENT);
		assertThat(second.attemptId()).isEqualTo(first.attemptId());
		assertThat(voice.seen).hasSize(1);
		DeliveryAttempt attempt = mongo.findById(first.attemptId(), DeliveryAttempt.class);
		assertThat(attempt.status()).isEqualTo(AttemptStatus.DELIVERED);
		assertThat(attempt.ambiguity()).isEqualTo(DeliveryAttempt.Ambiguity.SENT);
	}

	@Test
	void aFailureToConnectWasCertainlyNotSentAndIsNotLookedUp() {
		simulator.failNext(Channel.SMS, Outcome.TRANSIENT_FAILURE, DeliveryResult.CONNECT_FAILED, 1);
		DeliveryRequest request = request("task-1", Channel.SMS, MOBILE, today().plusDays(7));

		DeliveryResult first = deliveries.send(request);

		assertThat(first.ambiguous()).isFalse();
		DeliveryAttempt failed = mongo.findById(first.attemptId(), DeliveryAttempt.class);
		assertThat(failed.status()).isEqualTo(AttemptStatus.FAILED);
		assertThat(failed.ambiguity()).isNull();
		assertThat(mongo.findById("task-1", DeliveryReference.class).uncertainAttemptId()).isNull();
		DeliveryResult second = deliveries.send(request);
		assertThat(deliveries.possibleDuplicate(second.attemptId())).isFalse();
		assertThat(mongo.findById(first.attemptId(), DeliveryAttempt.class).timeline()).extracting(StatusChange::status)
			.containsExactly("SENDING", "FAILED");
	}

	@Test
	void requestsWithoutRecipientOrReferenceAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> deliveries.send(request(" ", Channel.SMS, MOBILE, today())));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> deliveries.send(request("task-1", Channel.SMS, null, today())));
		assertThat(attempts("task-1")).isEmpty();
	}

	double ambiguous(String channel, String provider, String resolution) {
		var counter = meters.find("delivery.ambiguous")
			.tags("channel", channel, "provider", provider, "resolution", resolution)
			.counter();
		return counter == null ? 0 : counter.count();
	}

	double count(String channel, String provider, String outcome) {
		var counter = meters.find("delivery.attempts")
			.tags("channel", channel, "provider", provider, "outcome", outcome)
			.counter();
		return counter == null ? 0 : counter.count();
	}

	/**
	 * A voice provider standing in for a real one: remembers the attempt as stored when
	 * it is called, and throws for {@link #EXPLODING}.
	 */
	static class TestVoice implements ChannelSender {

		static final String EXPLODING = "+8613800000666";

		/**
		 * The provider reports "no-answer" for this number before its answer to the send
		 * arrives.
		 */
		static final String UNANSWERED_BEFORE_THE_ANSWER = "+8613800000777";

		/** Two calls an hour to this number, on the clock {@link #limitClock}. */
		static final String LIMITED = "+8613800000888";

		final MutableClock limitClock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"), ZoneOffset.UTC);

		volatile RecipientLimits limits = twoAnHour(limitClock);

		final List<DeliveryAttempt> seen = new CopyOnWriteArrayList<>();

		/**
		 * Recipients whose next call gets no answer in time (a timeout after the call was
		 * placed).
		 */
		final Set<String> timeOutOnce = ConcurrentHashMap.newKeySet();

		/** What a lookup answers; null: the default, a provider that cannot be asked. */
		volatile Callable<Lookup> answer;

		final MongoTemplate mongo;

		final ProviderReports reports;

		final RecordingDurability durability;

		TestVoice(MongoTemplate mongo, ProviderReports reports, RecordingDurability durability) {
			this.mongo = mongo;
			this.reports = reports;
			this.durability = durability;
		}

		@Override
		public Channel channel() {
			return Channel.VOICE;
		}

		@Override
		public String provider() {
			return "test-voice";
		}

		static RecipientLimits twoAnHour(Clock clock) {
			return new RecipientLimits(clock, List.of(new RecipientLimits.Window(2, Duration.ofHours(1))));
		}

		@Override
		public Optional<Instant> takeSlot(String recipient, RenderedMessage message) {
			return LIMITED.equals(recipient) ? limits.tryAcquire(recipient) : Optional.empty();
		}

		@Override
		public void giveBackSlot(String recipient, RenderedMessage message) {
			limits.giveBack(recipient);
		}

		@Override
		public DeliveryResult send(String attemptId, String recipient, RenderedMessage message) {
			seen.add(mongo.findById(attemptId, DeliveryAttempt.class));
			durability.events.add("provider called for " + attemptId);
			if (EXPLODING.equals(recipient)) {
				throw new IllegalStateException("boom");
			}
			if (UNANSWERED_BEFORE_THE_ANSWER.equals(recipient)) {
				reports.reported(attemptId, "no-answer", AttemptStatus.UNDELIVERED, null, false);
			}
			if (timeOutOnce.remove(recipient)) {
				return new DeliveryResult(Outcome.TRANSIENT_FAILURE, attemptId, null, DeliveryResult.TIMEOUT,
						"Read timed out");
			}
			return new DeliveryResult(Outcome.SENT, attemptId, "CA-" + attemptId, null, null);
		}

		@Override
		public Lookup lookup(String attemptId, String recipient, RenderedMessage message, Instant sentAfter,
				Instant sentBefore) {
			Callable<Lookup> lookup = answer;
			if (lookup == null) {
				return ChannelSender.super.lookup(attemptId, recipient, message, sentAfter, sentBefore);
			}
			try {
				return lookup.call();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * Records each flush with what it makes durable (the references in flight and the
	 * state of their attempts), in one list with the provider calls.
	 */
	static class RecordingDurability implements StoreDurability {

		final List<String> events = new CopyOnWriteArrayList<>();

		final AtomicInteger flushes = new AtomicInteger();

		/**
		 * Released to let the next mark be taken (which a group's leader does right after
		 * writing the group's results) go on; null when none is held.
		 */
		final AtomicReference<CountDownLatch> hold = new AtomicReference<>();

		/**
		 * Whether the mark after the held one fails, as the writes of the group before it
		 * would when the store refuses them.
		 */
		final AtomicBoolean failAfterHeld = new AtomicBoolean();

		/** Flushes begun and ended, never reset (a thread's mark may outlive a test). */
		final AtomicLong begun = new AtomicLong();

		final AtomicLong ended = new AtomicLong();

		final MongoTemplate mongo;

		RecordingDurability(MongoTemplate mongo) {
			this.mongo = mongo;
		}

		/** Holds the next mark until the latch returned is released. */
		CountDownLatch holdNextMark() {
			CountDownLatch latch = new CountDownLatch(1);
			hold.set(latch);
			return latch;
		}

		@Override
		public long mark() {
			CountDownLatch held = hold.getAndSet(null);
			if (held != null) {
				try {
					held.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			else if (failAfterHeld.getAndSet(false)) {
				throw new IllegalStateException("the disk is full");
			}
			return begun.get();
		}

		@Override
		public void flushAfter(long mark) {
			if (ended.get() <= mark) {
				flush();
			}
		}

		@Override
		public void flush() {
			long commit = begun.incrementAndGet();
			flushes.incrementAndGet();
			mongo.find(Query.query(Criteria.where("pendingAttemptId").ne(null)), DeliveryReference.class)
				.forEach(reference -> events.add("flush: reference " + reference.reference() + " in flight as "
						+ reference.pendingAttemptId() + ", attempt "
						+ mongo.findById(reference.pendingAttemptId(), DeliveryAttempt.class).status()));
			ended.accumulateAndGet(commit, Math::max);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Voice {

		@Bean
		@Primary
		RecordingDurability recordingDurability(MongoTemplate mongo) {
			return new RecordingDurability(mongo);
		}

		@Bean
		TestVoice testVoice(MongoTemplate mongo, ProviderReports reports, RecordingDurability durability) {
			return new TestVoice(mongo, reports, durability);
		}

	}

}
