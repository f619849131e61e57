package com.licencereminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceBuilder;
import com.licencereminder.reminder.ReminderPolicies.Policy;
import com.licencereminder.reminder.ReminderPolicies.Retry;
import com.licencereminder.reminder.ReminderPolicies.Stage;
import com.licencereminder.reminder.ReminderPolicies.TypePolicy;
import com.licencereminder.reminder.SendWindowsProperties.ChannelWindows;
import com.licencereminder.reminder.SendWindowsProperties.DailyWindow;
import com.licencereminder.shared.SeededCases;
import org.junit.jupiter.api.Test;

/**
 * The planner's pure part, the {@link Ladder} that {@link Planner} stores: catch-up,
 * expired licences, missing contacts, per-type policies and send windows, without a
 * database. Examples first, then properties over random licences, policies and planning
 * times.
 */
class PlannerTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/** A Friday, a working day, 11:00 in Shanghai. */
	private static final Instant NOW = at("2026-11-27T11:00");

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

	private static final Clock CLOCK = Clock.fixed(NOW, SHANGHAI);

	private static final WorkingCalendar CALENDAR = new WorkingCalendar(
			new CalendarProperties(Path.of("./config/calendar")));

	private static final SendWindows WINDOWS_ON = windows(true);

	private static final SendWindows WINDOWS_OFF = windows(false);

	/** The default policy, as application.yml has it. */
	private static final Policy DEFAULT_POLICY = new Policy(
			List.of(stage(90, "09:00", ReminderChannel.SMS, ReminderChannel.MINI_PROGRAM),
					stage(30, "09:00", ReminderChannel.SMS, ReminderChannel.MINI_PROGRAM),
					stage(7, "10:00", ReminderChannel.SMS, ReminderChannel.MINI_PROGRAM, ReminderChannel.VOICE),
					stage(3, "09:00", ReminderChannel.MANUAL), stage(0, "09:00", ReminderChannel.SMS)));

	private static final ReminderPolicies DEFAULTS = policies(DEFAULT_POLICY);

	@Test
	void aLicenceExpiringInSevenDaysGetsItsSevenDayStageNowAndTheOlderStagesSkipped() {
		Licence licence = licence("食品经营许可证", TODAY.plusDays(7), Contacts.ALL);

		Map<String, ReminderTask> tasks = byStage(new Ladder(DEFAULTS, WINDOWS_ON, SHANGHAI).tasksFor(licence, NOW));

		assertThat(tasks.keySet()).containsExactlyInAnyOrder("90:SMS", "90:MINI_PROGRAM", "30:SMS", "30:MINI_PROGRAM",
				"7:SMS", "7:MINI_PROGRAM", "7:VOICE", "3:MANUAL", "0:SMS");
		assertThat(List.of("90:SMS", "90:MINI_PROGRAM", "30:SMS", "30:MINI_PROGRAM")).allSatisfy(key -> {
			assertThat(tasks.get(key).status()).isEqualTo(TaskStatus.SKIPPED);
			assertThat(tasks.get(key).reason()).isEqualTo("reminder.skip.catch-up");
		});
		assertThat(List.of("7:SMS", "7:MINI_PROGRAM", "7:VOICE")).allSatisfy(key -> {
			assertThat(tasks.get(key).status()).isEqualTo(TaskStatus.PENDING);
			assertThat(tasks.get(key).scheduledAt()).isEqualTo(at("2026-11-27T10:00"));
			assertThat(tasks.get(key).dueAt()).as("due now, inside every window").isEqualTo(NOW);
		});
		assertThat(tasks.get("3:MANUAL").dueAt()).isEqualTo(at("2026-12-01T09:00"));
		assertThat(tasks.get("0:SMS").dueAt()).isEqualTo(at("2026-12-04T09:00"));
		assertThat(tasks.get("0:SMS").status()).isEqualTo(TaskStatus.PENDING);
	}

	@Test
	void aCatchUpStageWaitsForItsChannelsWindow() {
		Licence licence = licence("食品经营许可证", TODAY.plusDays(7), Contacts.ALL);
		Instant lunch = at("2026-11-27T12:30");

		Map<String, ReminderTask> on = byStage(new Ladder(DEFAULTS, WINDOWS_ON, SHANGHAI).tasksFor(licence, lunch));
		Map<String, ReminderTask> off = byStage(new Ladder(DEFAULTS, WINDOWS_OFF, SHANGHAI).tasksFor(licence, lunch));

		assertThat(on.get("7:SMS").dueAt()).isEqualTo(lunch);
		assertThat(on.get("7:VOICE").dueAt()).as("calls resume at 14:00").isEqualTo(at("2026-11-27T14:00"));
		assertThat(off.get("7:VOICE").dueAt()).isEqualTo(lunch);
	}

	@Test
	void aCallTheHolidayWouldPushPastTheNextStageIsSkippedWhileItsTextGoesOut() {
		Licence licence = licence("食品经营许可证", LocalDate.of(2026, 2, 22), Contacts.ALL);

		Map<String, ReminderTask> tasks = byStage(
				new Ladder(DEFAULTS, WINDOWS_ON, SHANGHAI).tasksFor(licence, at("2026-01-10T09:00")));

		assertThat(tasks.get("7:VOICE").status()).as("Sunday 15 Feb is in the Spring Festival holiday")
			.isEqualTo(TaskStatus.SKIPPED);
		assertThat(tasks.get("7:VOICE").reason()).isEqualTo("reminder.skip.window-missed");
		assertThat(tasks.get("7:SMS").status()).isEqualTo(TaskStatus.PENDING);
		assertThat(tasks.get("7:SMS").dueAt()).isEqualTo(at("2026-02-15T10:00"));
	}

	@Test
	void aCatchUpOnTheLastValidDayAfterTheWindowClosedIsNotSentAfterExpiry() {
		Licence licence = licence("食品经营许可证", TODAY, Contacts.ALL);

		Map<String, ReminderTask> tasks = byStage(
				new Ladder(DEFAULTS, WINDOWS_ON, SHANGHAI).tasksFor(licence, at("2026-11-27T21:30")));

		assertThat(tasks.get("0:SMS").status()).isEqualTo(TaskStatus.SKIPPED);
		assertThat(tasks.get("0:SMS").reason()).isEqualTo("reminder.skip.window-missed");
	}

	@Test
	void aLicenceExpiringIn400DaysHasEveryStagePendingAtItsLocalTime() {
		Licence licence = licence("食品经营许可证", TODAY.plusDays(400), Contacts.ALL);
		assertThat(licence.validUntil()).isEqualTo("2028-01-01");

		List<ReminderTask> off = new Ladder(DEFAULTS, WINDOWS_OFF, SHANGHAI).tasksFor(licence, NOW);
		Map<String, ReminderTask> on = byStage(new Ladder(DEFAULTS, WINDOWS_ON, SHANGHAI).tasksFor(licence, NOW));

		assertThat(off)
			.extracting(task -> task.offsetDays() + ":" + task.channel(), ReminderTask::status, ReminderTask::dueAt)
			.containsExactlyInAnyOrder(tuple("90:SMS", TaskStatus.PENDING, at("2027-10-03T09:00")),
					tuple("90:MINI_PROGRAM", TaskStatus.PENDING, at("2027-10-03T09:00")),
					tuple("30:SMS", TaskStatus.PENDING, at("2027-12-02T09:00")),
					tuple("30:MINI_PROGRAM", TaskStatus.PENDING, at("2027-12-02T09:00")),
					tuple("7:SMS", TaskStatus.PENDING, at("2027-12-25T10:00")),
					tuple("7:MINI_PROGRAM", TaskStatus.PENDING, at("2027-12-25T10:00")),
					tuple("7:VOICE", TaskStatus.PENDING, at("2027-12-25T10:00")),
					tuple("3:MANUAL", TaskStatus.PENDING, at("2027-12-29T09:00")),
					tuple("0:SMS", TaskStatus.PENDING, at("2028-01-01T09:00")));
		assertThat(off).allSatisfy(task -> assertThat(task.scheduledAt()).isEqualTo(task.dueAt()));
		assertThat(on.get("7:SMS").dueAt()).as("texts go out on Saturdays").isEqualTo(at("2027-12-25T10:00"));
		assertThat(on.get("7:VOICE").dueAt()).as("a Saturday call waits for Monday").isEqualTo(at("2027-12-27T09:00"));
		assertThat(on.get("7:VOICE").scheduledAt()).isEqualTo(at("2027-12-25T10:00"));
		assertThat(on.get("0:SMS").dueAt()).isEqualTo(at("2028-01-01T09:00"));
	}

	@Test
	void anExpiredLicenceGetsNoStageAtOrBeforeExpiryButItsStagesAfterExpiry() {
		List<Stage> stages = new ArrayList<>(DEFAULT_POLICY.stages());
		stages.add(stage(-1, "09:00", ReminderChannel.SMS));
		stages.add(stage(-3, "09:00", ReminderChannel.SMS, ReminderChannel.MANUAL));
		stages.add(stage(-10, "09:00", ReminderChannel.SMS));
		Policy withAfterExpiry = new Policy(stages);
		Licence licence = licence("食品经营许可证", TODAY.minusDays(5), Contacts.ALL);

		Map<String, ReminderTask> tasks = byStage(
				new Ladder(policies(withAfterExpiry), WINDOWS_ON, SHANGHAI).tasksFor(licence, NOW));

		assertThat(tasks.values()).filteredOn(task -> task.offsetDays() >= 0).hasSize(9).allSatisfy(task -> {
			assertThat(task.status()).isEqualTo(TaskStatus.SKIPPED);
			assertThat(task.reason()).isEqualTo("reminder.skip.expired");
		});
		assertThat(tasks.get("-1:SMS").status()).isEqualTo(TaskStatus.SKIPPED);
		assertThat(tasks.get("-1:SMS").reason()).isEqualTo("reminder.skip.catch-up");
		assertThat(List.of("-3:SMS", "-3:MANUAL")).as("the latest stage already past is due now").allSatisfy(key -> {
			assertThat(tasks.get(key).status()).isEqualTo(TaskStatus.PENDING);
			assertThat(tasks.get(key).dueAt()).isEqualTo(NOW);
		});
		assertThat(tasks.get("-10:SMS").status()).isEqualTo(TaskStatus.PENDING);
		assertThat(tasks.get("-10:SMS").dueAt()).isEqualTo(at("2026-12-02T09:00"));

		assertThat(new Ladder(DEFAULTS, WINDOWS_ON, SHANGHAI).tasksFor(licence, NOW))
			.as("the default policy has no stage after expiry")
			.isNotEmpty()
			.allSatisfy(task -> assertThat(task.reason()).isEqualTo("reminder.skip.expired"));
	}

	@Test
	void aLicenceExpiringTodayIsNotExpired() {
		Licence licence = licence("食品经营许可证", TODAY, Contacts.ALL);

		Map<String, ReminderTask> tasks = byStage(new Ladder(DEFAULTS, WINDOWS_ON, SHANGHAI).tasksFor(licence, NOW));

		assertThat(tasks.get("0:SMS").status()).isEqualTo(TaskStatus.PENDING);
		assertThat(tasks.get("0:SMS").dueAt()).isEqualTo(NOW);
		assertThat(tasks.get("3:MANUAL").reason()).isEqualTo("reminder.skip.catch-up");
	}

	@Test
	void withoutAMobileTextsAreSkippedAndTheCallGoesToTheLandline() {
		Licence licence = licence("食品经营许可证", TODAY.plusDays(30), Contacts.LANDLINE_ONLY);

		Map<String, ReminderTask> tasks = byStage(new Ladder(DEFAULTS, WINDOWS_ON, SHANGHAI).tasksFor(licence, NOW));

		assertThat(List.of("30:SMS", "7:SMS", "0:SMS")).allSatisfy(key -> {
			assertThat(tasks.get(key).status()).isEqualTo(TaskStatus.SKIPPED);
			assertThat(tasks.get(key).reason()).isEqualTo("reminder.skip.no-mobile");
		});
		assertThat(tasks.get("30:MINI_PROGRAM").status())
			.as("planned all the same: a business may bind its WeChat before it is due")
			.isEqualTo(TaskStatus.PENDING);
		assertThat(tasks.get("90:SMS").reason()).as("catch-up comes before contacts")
			.isEqualTo("reminder.skip.catch-up");
		assertThat(tasks.get("7:VOICE").status()).isEqualTo(TaskStatus.PENDING);
		assertThat(tasks.get("7:VOICE").dueAt()).as("Sunday 10:00, called on Monday").isEqualTo(at("2026-12-21T09:00"));
		assertThat(ReminderChannel.VOICE.recipient(licence)).isEqualTo("+862787654321");
		assertThat(tasks.get("3:MANUAL").status()).isEqualTo(TaskStatus.PENDING);

		Map<String, ReminderTask> unreachable = byStage(new Ladder(DEFAULTS, WINDOWS_ON, SHANGHAI)
			.tasksFor(licence("食品经营许可证", TODAY.plusDays(30), Contacts.NONE), NOW));
		assertThat(unreachable.get("7:VOICE").reason()).isEqualTo("reminder.skip.no-phone");
		assertThat(unreachable.values()).filteredOn(task -> task.status() == TaskStatus.PENDING)
			.extracting(ReminderTask::channel)
			.as("the mini-program waits for a business to bind its WeChat")
			.containsOnly(ReminderChannel.MANUAL, ReminderChannel.MINI_PROGRAM);
	}

	@Test
	void aLicenceTypesOwnPolicyIsPickedIgnoringSpacesAndCase() {
		ReminderPolicies policies = new ReminderPolicies(DEFAULT_POLICY,
				List.of(new TypePolicy(" icp 许可证 ", List.of(stage(45, "09:00", ReminderChannel.SMS))),
						new TypePolicy("药品经营许可证", List.of(stage(120, "09:00", ReminderChannel.SMS)))),
				new Retry(5, java.time.Duration.ofMinutes(1), java.time.Duration.ofHours(2)));
		Ladder ladder = new Ladder(policies, WINDOWS_ON, SHANGHAI);

		assertThat(ladder.tasksFor(licence("ICP许可证", TODAY.plusDays(400), Contacts.ALL), NOW))
			.extracting(ReminderTask::offsetDays)
			.containsExactly(45);
		assertThat(ladder.tasksFor(licence("药品经营许可证", TODAY.plusDays(400), Contacts.ALL), NOW))
			.extracting(ReminderTask::offsetDays)
			.containsExactly(120);
		assertThat(ladder.tasksFor(licence("食品经营许可证", TODAY.plusDays(400), Contacts.ALL), NOW))
			.extracting(ReminderTask::offsetDays)
			.as("other types get the default")
			.containsOnly(90, 30, 7, 3, 0);
	}

	@Test
	void tasksOfOneHolderOnOneChannelAndDayShareADigestKey() {
		Licence licence = licence("食品经营许可证", TODAY.plusDays(400), Contacts.ALL);

		Map<String, ReminderTask> tasks = byStage(new Ladder(DEFAULTS, WINDOWS_ON, SHANGHAI).tasksFor(licence, NOW));

		assertThat(tasks.get("7:VOICE").digestKey()).isEqualTo("91350100M000100Y43:VOICE:2027-12-27");
		assertThat(tasks.get("0:SMS").digestKey()).isEqualTo("91350100M000100Y43:SMS:2028-01-01");
	}

	// Properties

	/**
	 * Planning is a function of its inputs: the same licence and instant give the same
	 * tasks, once per stage and channel.
	 */
	@Test
	void planningIsIdempotentAndPlansEveryStageAndChannelOnce() {
		cases().check(c -> {
			List<ReminderTask> first = c.tasks();
			List<ReminderTask> again = c.tasks();

			assertThat(again).isEqualTo(first);
			assertThat(first).extracting(ReminderTask::id).doesNotHaveDuplicates();
			assertThat(first).hasSize(c.policy.stages().stream().mapToInt(stage -> stage.channels().size()).sum());
			assertThat(first).allSatisfy(task -> {
				assertThat(task.licenceId()).isEqualTo(c.licence.id());
				assertThat(task.cycle()).isEqualTo(c.licence.cycle());
				assertThat(task.id())
					.isEqualTo(ReminderTask.idOf(c.licence.id(), c.licence.cycle(), task.offsetDays(), task.channel()));
				assertThat(task.scheduledAt()).isEqualTo(c.licence.validUntil()
					.minusDays(task.offsetDays())
					.atTime(c.policy.stage(task.offsetDays()).orElseThrow().at())
					.atZone(SHANGHAI)
					.toInstant());
			});
		});
	}

	/** Nothing is due after expiry except stages after expiry. */
	@Test
	void nothingAtOrBeforeExpiryIsPendingOnceTheLicenceHasExpired() {
		cases().check(c -> {
			Instant endOfLastValidDay = c.licence.validUntil().plusDays(1).atStartOfDay(SHANGHAI).toInstant();
			boolean expired = c.licence.validUntil().isBefore(LocalDate.ofInstant(c.now, SHANGHAI));

			List<ReminderTask> beforeExpiry = c.tasks().stream().filter(task -> task.offsetDays() >= 0).toList();

			assertThat(beforeExpiry).filteredOn(task -> task.status() == TaskStatus.PENDING).allSatisfy(task -> {
				assertThat(expired).as("pending although expired").isFalse();
				assertThat(task.scheduledAt()).isBefore(endOfLastValidDay);
				if (!c.windowsOn) {
					assertThat(task.dueAt()).isBefore(endOfLastValidDay);
				}
			});
			if (expired) {
				assertThat(beforeExpiry)
					.allSatisfy(task -> assertThat(task.reason()).isEqualTo("reminder.skip.expired"));
			}
		});
	}

	/**
	 * A task is skipped for its window only when the window opens no earlier than the
	 * stage's deadline; every pending task is due before it, so no reminder "before
	 * expiry" arrives after.
	 */
	@Test
	void windowsNeverPushAReminderPastItsStage() {
		cases().check(c -> {
			Ladder ladder = c.ladder();
			SendWindows windows = c.windowsOn ? WINDOWS_ON : WINDOWS_OFF;

			List<ReminderTask> tasks = c.tasks();

			assertThat(tasks).filteredOn(task -> "reminder.skip.window-missed".equals(task.reason()))
				.allSatisfy(task -> {
					Instant from = task.scheduledAt().isAfter(c.now) ? task.scheduledAt() : c.now;
					assertThat(windows.nextOpening(task.channel().delivery().orElseThrow(), from))
						.isAfterOrEqualTo(ladder.deadline(c.licence, task.offsetDays()));
				});
			assertThat(tasks)
				.filteredOn(task -> task.status() == TaskStatus.PENDING && task.channel() != ReminderChannel.MANUAL)
				.allSatisfy(task -> assertThat(task.dueAt()).isBefore(ladder.deadline(c.licence, task.offsetDays())));
		});
	}

	/**
	 * Catch-up: of the stages already past, only the latest (not before expiry, when
	 * expired) can be pending.
	 */
	@Test
	void onlyTheLatestPastStageIsCaughtUpAndNothingIsDueBeforeNow() {
		cases().check(c -> {
			boolean expired = c.licence.validUntil().isBefore(LocalDate.ofInstant(c.now, SHANGHAI));
			Integer latestPast = c.policy.stages()
				.stream()
				.filter(stage -> !(expired && stage.offsetDays() >= 0))
				.filter(stage -> !c.scheduled(stage).isAfter(c.now))
				.map(Stage::offsetDays)
				.min(Comparator.naturalOrder())
				.orElse(null);
			Set<String> missingContact = Set.of("reminder.skip.no-mobile", "reminder.skip.no-phone");

			List<ReminderTask> tasks = c.tasks();

			assertThat(tasks).filteredOn(task -> task.status() == TaskStatus.PENDING).allSatisfy(task -> {
				assertThat(task.dueAt()).isAfterOrEqualTo(c.now)
					.isAfterOrEqualTo(task.scheduledAt().isAfter(c.now) ? task.scheduledAt() : c.now);
				if (!task.scheduledAt().isAfter(c.now)) {
					assertThat(task.offsetDays()).as("the pending past stage").isEqualTo(latestPast);
				}
			});
			assertThat(tasks).filteredOn(task -> !task.scheduledAt().isAfter(c.now))
				.filteredOn(task -> !Integer.valueOf(task.offsetDays()).equals(latestPast))
				.allSatisfy(task -> assertThat(task.status()).isEqualTo(TaskStatus.SKIPPED));
			assertThat(tasks).filteredOn(task -> Integer.valueOf(task.offsetDays()).equals(latestPast))
				.allSatisfy(
						task -> assertThat(task.status() == TaskStatus.PENDING || missingContact.contains(task.reason())
								|| "reminder.skip.window-missed".equals(task.reason()))
							.as("%s is caught up unless its contact is missing or no window opens before its deadline",
									task)
							.isTrue());
			assertThat(tasks).filteredOn(task -> task.scheduledAt().isAfter(c.now))
				.filteredOn(task -> task.offsetDays() < 0 || !expired)
				.allSatisfy(
						task -> assertThat(task.status() == TaskStatus.PENDING || missingContact.contains(task.reason())
								|| "reminder.skip.window-missed".equals(task.reason()))
							.as("%s is a future stage", task)
							.isTrue());
		});
	}

	/**
	 * With windows on, a pending task is due at the first opening of its channel at or
	 * after its stage (or now).
	 */
	@Test
	void pendingTasksAreDueInsideTheirChannelsWindow() {
		cases().check(c -> {
			SendWindows windows = c.windowsOn ? WINDOWS_ON : WINDOWS_OFF;

			assertThat(c.tasks()).filteredOn(task -> task.status() == TaskStatus.PENDING).allSatisfy(task -> {
				Instant from = task.scheduledAt().isAfter(c.now) ? task.scheduledAt() : c.now;
				if (task.channel() == ReminderChannel.MANUAL) {
					assertThat(task.dueAt()).isEqualTo(from);
				}
				else {
					assertThat(WINDOWS_ON.isOpen(task.channel().delivery().orElseThrow(), task.dueAt()) || !c.windowsOn)
						.as("%s inside its window", task)
						.isTrue();
					assertThat(task.dueAt())
						.isEqualTo(windows.nextOpening(task.channel().delivery().orElseThrow(), from));
				}
			});
		});
	}

	/**
	 * Every skipped task says why; a task is planned pending or skipped, nothing else.
	 */
	@Test
	void everySkippedTaskHasAReason() {
		cases().check(c -> {
			assertThat(c.tasks()).allSatisfy(task -> {
				assertThat(task.status()).isIn(TaskStatus.PENDING, TaskStatus.SKIPPED);
				if (task.status() == TaskStatus.SKIPPED) {
					assertThat(task.reason()).startsWith("reminder.skip.");
					assertThat(task.finishedAt()).isEqualTo(c.now);
				}
				else {
					assertThat(task.reason()).isNull();
					assertThat(task.digestKey()).isNotBlank();
				}
			});
		});
	}

	/**
	 * A contact the licence lacks is never planned pending; one it has is used unless the
	 * stage is skipped.
	 */
	@Test
	void aChannelWithoutContactIsSkippedWithItsReason() {
		cases().check(c -> {
			assertThat(c.tasks()).filteredOn(task -> !task.channel().canReach(c.licence)).allSatisfy(task -> {
				assertThat(task.status()).isEqualTo(TaskStatus.SKIPPED);
				assertThat(task.reason()).isIn(task.channel().missingContactCode(), "reminder.skip.expired",
						"reminder.skip.catch-up");
			});
		});
	}

	@Test
	void aLicenceExpiringInSevenDaysIsCaughtUpByTheTimeOfDay() {
		List<Instant> examples = new ArrayList<>();
		for (int day : new int[] { 0, 364 }) {
			for (int second : new int[] { 0, 35_999, 36_000, 86_399 }) {
				examples.add(inYear2026(day, second));
			}
		}
		SeededCases.of(PlannerTests::anInstantIn2026).tries(200).withExamples(examples).check(now -> {
			Licence licence = licence("食品经营许可证", LocalDate.ofInstant(now, SHANGHAI).plusDays(7), Contacts.ALL);
			LocalTime time = LocalTime.ofInstant(now, SHANGHAI);

			Map<String, ReminderTask> tasks = byStage(
					new Ladder(DEFAULTS, WINDOWS_OFF, SHANGHAI).tasksFor(licence, now));

			ReminderTask seven = tasks.get("7:SMS");
			assertThat(seven.status()).isEqualTo(TaskStatus.PENDING);
			assertThat(seven.dueAt()).isEqualTo(time.isBefore(LocalTime.of(10, 0)) ? seven.scheduledAt() : now);
			assertThat(tasks.get("30:SMS").status())
				.isEqualTo(time.isBefore(LocalTime.of(10, 0)) ? TaskStatus.PENDING : TaskStatus.SKIPPED);
		});
	}

	/**
	 * Random plannings, after examples at the edges of what is drawn (the design policy
	 * and a policy of the extreme offsets and times; the first and last second of 2026;
	 * expiry 400 days before to 800 days after; every kind of contacts, with and without
	 * USCC, windows on and off) and the plannings of past window bugs.
	 */
	private static SeededCases<Case> cases() {
		Policy extremes = new Policy(List.of(stage(120, "23:59", ReminderChannel.VOICE, ReminderChannel.SMS),
				stage(0, "00:00", ReminderChannel.MANUAL, ReminderChannel.MINI_PROGRAM),
				stage(-30, "00:00", ReminderChannel.values())));
		List<Case> examples = new ArrayList<>();
		for (Policy policy : List.of(DEFAULT_POLICY, extremes)) {
			for (Instant now : List.of(inYear2026(0, 0), inYear2026(364, 86_399))) {
				for (int days : new int[] { -400, -1, 0, 1, 800 }) {
					for (Contacts contacts : Contacts.values()) {
						examples.add(plannedCase(policy, now, days, contacts, contacts.ordinal() % 2 == 0, true));
						examples.add(plannedCase(policy, now, days, contacts, contacts.ordinal() % 2 == 1, false));
					}
				}
			}
		}
		examples.add(new Case(DEFAULT_POLICY, licence("食品经营许可证", LocalDate.of(2026, 2, 22), Contacts.ALL),
				at("2026-01-10T09:00"), true));
		examples.add(new Case(DEFAULT_POLICY, licence("食品经营许可证", TODAY, Contacts.ALL), at("2026-11-27T21:30"), true));
		return SeededCases.of(PlannerTests::aCase).withExamples(examples);
	}

	/**
	 * A policy of one to six stages with distinct offsets from -30 to 120 days, each with
	 * one to all channels (in any order) at any minute; a time in 2026; a licence
	 * expiring from 400 days before to 800 days after that day, with any contacts, with
	 * or without USCC; windows on or off.
	 */
	private static Case aCase(SplittableRandom random) {
		int size = random.nextInt(1, 7);
		Set<Integer> offsets = new LinkedHashSet<>();
		while (offsets.size() < size) {
			offsets.add(random.nextInt(-30, 121));
		}
		List<Stage> stages = new ArrayList<>();
		for (int offset : offsets) {
			List<ReminderChannel> left = new ArrayList<>(List.of(ReminderChannel.values()));
			List<ReminderChannel> channels = new ArrayList<>();
			while (!left.isEmpty()) {
				ReminderChannel channel = left.remove(random.nextInt(left.size()));
				if (random.nextBoolean() || (left.isEmpty() && channels.isEmpty())) {
					channels.add(channel);
				}
			}
			int minute = random.nextInt(24 * 60);
			stages.add(new Stage(offset, List.copyOf(channels), LocalTime.of(minute / 60, minute % 60)));
		}
		return plannedCase(new Policy(stages), anInstantIn2026(random), random.nextInt(-400, 801),
				SeededCases.oneOf(random, Contacts.values()), random.nextBoolean(), random.nextBoolean());
	}

	private static Case plannedCase(Policy policy, Instant now, int daysToExpiry, Contacts contacts, boolean uscc,
			boolean windowsOn) {
		Licence licence = licence("食品经营许可证", LocalDate.ofInstant(now, SHANGHAI).plusDays(daysToExpiry), contacts);
		return new Case(policy, uscc ? licence : withoutUscc(licence), now, windowsOn);
	}

	private static Instant anInstantIn2026(SplittableRandom random) {
		return inYear2026(random.nextInt(365), random.nextInt(86_400));
	}

	private static Instant inYear2026(int day, int second) {
		return LocalDate.of(2026, 1, 1).plusDays(day).atStartOfDay(SHANGHAI).plusSeconds(second).toInstant();
	}

	/** One random planning: a policy, a licence, an instant, windows on or off. */
	record Case(Policy policy, Licence licence, Instant now, boolean windowsOn) {

		List<ReminderTask> tasks() {
			return ladder().tasksFor(licence, now);
		}

		Ladder ladder() {
			return new Ladder(policies(policy), windowsOn ? WINDOWS_ON : WINDOWS_OFF, SHANGHAI);
		}

		Instant scheduled(Stage stage) {
			return licence.validUntil().minusDays(stage.offsetDays()).atTime(stage.at()).atZone(SHANGHAI).toInstant();
		}

	}

	/** Which contacts a licence has. */
	enum Contacts {

		ALL(List.of("+8613812345678"), List.of("+862787654321"), "o-openid"),

		MOBILE_ONLY(List.of("+8613812345678"), List.of(), null),

		LANDLINE_ONLY(List.of(), List.of("+862787654321"), null),

		WECHAT_ONLY(List.of(), List.of(), "o-openid"),

		LANDLINE_AND_WECHAT(List.of(), List.of("+862787654321"), "o-openid"),

		NONE(List.of(), List.of(), null);

		final List<String> mobiles;

		final List<String> landlines;

		final String openId;

		Contacts(List<String> mobiles, List<String> landlines, String openId) {
			this.mobiles = mobiles;
			this.landlines = landlines;
			this.openId = openId;
		}

	}

	private static Licence licence(String type, LocalDate validUntil, Contacts contacts) {
		return LicenceBuilder.valid(type, "JY1", validUntil)
			.uscc("91350100M000100Y43")
			.mobiles(contacts.mobiles)
			.landlines(contacts.landlines)
			.wechatOpenId(contacts.openId)
			.at(NOW)
			.build();
	}

	private static Licence withoutUscc(Licence l) {
		return new Licence(l.id(), l.typeKey(), l.numberKey(), l.holderName(), null, l.licenceType(), l.licenceNumber(),
				l.issuer(), l.validFrom(), l.validUntil(), l.status(), l.contact(), l.mobiles(), l.landlines(),
				l.wechatOpenId(), l.region(), l.cycle(), l.fingerprint(), l.source(), l.createdAt(), l.updatedAt());
	}

	private static ReminderPolicies policies(Policy defaultPolicy) {
		return new ReminderPolicies(defaultPolicy, List.of(),
				new Retry(5, java.time.Duration.ofMinutes(1), java.time.Duration.ofHours(2)));
	}

	private static Stage stage(int offsetDays, String at, ReminderChannel... channels) {
		return new Stage(offsetDays, List.of(channels), LocalTime.parse(at));
	}

	private static SendWindows windows(boolean enabled) {
		ChannelWindows messages = new ChannelWindows(List.of(DailyWindow.valueOf("08:00-21:00")), false);
		ChannelWindows calls = new ChannelWindows(
				List.of(DailyWindow.valueOf("09:00-12:00"), DailyWindow.valueOf("14:00-18:00")), true);
		return new SendWindows(new SendWindowsProperties(enabled, messages, messages, calls), CALENDAR, CLOCK);
	}

	private static Map<String, ReminderTask> byStage(List<ReminderTask> tasks) {
		return tasks.stream()
			.collect(Collectors.toMap(task -> task.offsetDays() + ":" + task.channel(), Function.identity()));
	}

	private static Instant at(String local) {
		return ZonedDateTime.of(LocalDateTime.parse(local), SHANGHAI).toInstant();
	}

}
