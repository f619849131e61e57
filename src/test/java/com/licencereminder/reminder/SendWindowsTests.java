package com.licencereminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

import com.licencereminder.delivery.Channel;
import com.licencereminder.reminder.SendWindowsProperties.ChannelWindows;
import com.licencereminder.reminder.SendWindowsProperties.DailyWindow;
import com.licencereminder.shared.SeededCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

class SendWindowsTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final WorkingCalendar CALENDAR = new WorkingCalendar(
			new CalendarProperties(Path.of("./config/calendar")));

	private static final SendWindowsProperties DEFAULTS = defaultsFromApplicationYml();

	private static final List<ZoneId> ZONES = List.of(SHANGHAI, ZoneId.of("Europe/Berlin"),
			ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"));

	/** The first and last instant drawn. */
	private static final Instant FIRST = Instant.parse("2025-06-01T00:00:00Z");

	private static final Instant LAST = Instant.parse("2027-06-01T00:00:00Z");

	/**
	 * The first and last instant drawn, around the daylight saving changes of Berlin and
	 * New York in 2026, and on the Spring Festival holiday in Shanghai.
	 */
	private static final List<Instant> EDGE_INSTANTS = List.of(FIRST, LAST, Instant.parse("2026-03-29T00:59:59Z"),
			Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T00:59:59Z"),
			Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2026-03-08T06:59:59Z"),
			Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-11-01T05:59:59Z"),
			Instant.parse("2026-11-01T06:00:00Z"), Instant.parse("2026-02-18T02:00:00Z"));

	private final SendWindows windows = windows(SHANGHAI, DEFAULTS);

	private final Map<ZoneId, SendWindows> byZone = new ConcurrentHashMap<>();

	@ParameterizedTest
	@EnumSource(names = { "SMS", "MINI_PROGRAM" })
	void messageAfter2100WaitsFor0800NextDay(Channel channel) {
		assertThat(this.windows.nextOpening(channel, at("2026-03-10T21:30"))).isEqualTo(at("2026-03-11T08:00"));
		assertThat(this.windows.nextOpening(channel, at("2026-03-10T21:00"))).as("end is exclusive")
			.isEqualTo(at("2026-03-11T08:00"));
		assertThat(this.windows.isOpen(channel, at("2026-03-10T21:30"))).isFalse();
	}

	@ParameterizedTest
	@EnumSource(names = { "SMS", "MINI_PROGRAM" })
	void messageBefore0800WaitsFor0800(Channel channel) {
		assertThat(this.windows.nextOpening(channel, at("2026-03-10T07:59"))).isEqualTo(at("2026-03-10T08:00"));
		assertThat(this.windows.nextOpening(channel, at("2026-03-10T00:00"))).isEqualTo(at("2026-03-10T08:00"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-03-10T08:00", "2026-03-10T12:34:56", "2026-03-10T20:59:59", "2026-02-18T10:00",
			"2026-03-14T10:00" })
	void messageInsideTheWindowStaysOnAnyDay(LocalDateTime local) {
		Instant at = local.atZone(SHANGHAI).toInstant();

		for (Channel channel : List.of(Channel.SMS, Channel.MINI_PROGRAM)) {
			assertThat(this.windows.isOpen(channel, at)).isTrue();
			assertThat(this.windows.nextOpening(channel, at)).isEqualTo(at);
		}
	}

	@Test
	void callAtLunchWaitsFor1400() {
		assertThat(this.windows.nextOpening(Channel.VOICE, at("2026-03-10T12:30"))).isEqualTo(at("2026-03-10T14:00"));
		assertThat(this.windows.nextOpening(Channel.VOICE, at("2026-03-10T12:00"))).isEqualTo(at("2026-03-10T14:00"));
		assertThat(this.windows.isOpen(Channel.VOICE, at("2026-03-10T12:30"))).isFalse();
	}

	@Test
	void callInsideAWindowOnAWorkingDayStays() {
		for (String local : List.of("2026-03-10T09:00", "2026-03-10T11:59:59", "2026-03-10T14:00",
				"2026-03-10T17:59")) {
			assertThat(this.windows.isOpen(Channel.VOICE, at(local))).as(local).isTrue();
			assertThat(this.windows.nextOpening(Channel.VOICE, at(local))).as(local).isEqualTo(at(local));
		}
	}

	@Test
	void callEarlyInTheMorningWaitsFor0900() {
		assertThat(this.windows.nextOpening(Channel.VOICE, at("2026-03-10T08:00"))).isEqualTo(at("2026-03-10T09:00"));
	}

	@Test
	void callAfter1800OnFridayWaitsForMonday0900() {
		assertThat(LocalDate.parse("2026-03-13").getDayOfWeek()).hasToString("FRIDAY");

		assertThat(this.windows.nextOpening(Channel.VOICE, at("2026-03-13T18:05"))).isEqualTo(at("2026-03-16T09:00"));
		assertThat(this.windows.nextOpening(Channel.VOICE, at("2026-03-14T10:00"))).as("from Saturday")
			.isEqualTo(at("2026-03-16T09:00"));
	}

	@Test
	void callOnAMakeUpWorkdaySaturdayGoesThrough() {
		assertThat(this.windows.isOpen(Channel.VOICE, at("2026-02-14T10:00"))).isTrue();
		assertThat(this.windows.nextOpening(Channel.VOICE, at("2026-02-13T18:05"))).as("Friday evening before it")
			.isEqualTo(at("2026-02-14T09:00"));
	}

	@Test
	void callOnAWednesdayHolidayWaitsForTheFirstWorkingDay() {
		assertThat(this.windows.isOpen(Channel.VOICE, at("2026-02-18T10:00"))).isFalse();
		assertThat(this.windows.nextOpening(Channel.VOICE, at("2026-02-18T10:00"))).as("after the Spring Festival")
			.isEqualTo(at("2026-02-24T09:00"));
		assertThat(this.windows.nextOpening(Channel.VOICE, at("2026-09-30T18:30"))).as("after National Day")
			.isEqualTo(at("2026-10-08T09:00"));
	}

	@ParameterizedTest
	@EnumSource(Channel.class)
	void disabledWindowsLeaveEveryInstantOpen(Channel channel) {
		SendWindows disabled = windows(SHANGHAI,
				new SendWindowsProperties(false, DEFAULTS.sms(), DEFAULTS.miniProgram(), DEFAULTS.voice()));

		for (String local : List.of("2026-02-18T03:00", "2026-03-10T21:30", "2026-03-14T12:30")) {
			assertThat(disabled.nextOpening(channel, at(local))).isEqualTo(at(local));
			assertThat(disabled.isOpen(channel, at(local))).isTrue();
		}
	}

	@Test
	void windowsAreLocalTimesInAZoneWithDaylightSaving() {
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		SendWindows windows = windows(berlin, DEFAULTS);

		assertThat(windows.nextOpening(Channel.SMS, local("2026-03-28T21:30", berlin)))
			.as("over the spring-forward night")
			.isEqualTo(local("2026-03-29T08:00", berlin))
			.isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
		assertThat(windows.nextOpening(Channel.SMS, local("2026-10-24T21:30", berlin))).as("over the fall-back night")
			.isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
	}

	@Test
	void aWindowStartingInADaylightSavingGapOpensAfterTheGap() {
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		SendWindowsProperties night = new SendWindowsProperties(true, hours("02:30-04:00"), hours("00:00-24:00"),
				hours("02:30-04:00"));
		SendWindows windows = windows(berlin, night);

		Instant opening = windows.nextOpening(Channel.SMS, local("2026-03-29T00:00", berlin));
		assertThat(opening).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
		assertThat(windows.isOpen(Channel.SMS, opening)).isTrue();
		assertThat(windows.isOpen(Channel.MINI_PROGRAM, local("2026-03-29T23:59:59", berlin))).isTrue();
	}

	@Test
	void nextOpeningIsTheEarliestOpenInstantNotBefore() {
		List<Opening> examples = new ArrayList<>();
		for (Channel channel : Channel.values()) {
			for (ZoneId zone : ZONES) {
				for (Instant at : EDGE_INSTANTS) {
					examples.add(new Opening(channel, at, zone));
				}
			}
		}
		SeededCases<Opening> cases = SeededCases.of((random) -> new Opening(SeededCases.oneOf(random, Channel.values()),
				anInstant(random), SeededCases.oneOf(random, ZONES)));
		cases.withExamples(examples).check((c) -> {
			SendWindows windows = this.byZone.computeIfAbsent(c.zone(), (z) -> windows(z, DEFAULTS));

			Instant opening = windows.nextOpening(c.channel(), c.at());

			assertThat(opening).isAfterOrEqualTo(c.at());
			assertThat(windows.isOpen(c.channel(), opening)).isTrue();
			assertThat(windows.nextOpening(c.channel(), opening)).isEqualTo(opening);
			assertThat(windows.isOpen(c.channel(), c.at())).isEqualTo(opening.equals(c.at()));
			if (opening.isAfter(c.at())) {
				Instant justBefore = opening.minusSeconds(1);
				Instant between = c.at().plusSeconds((opening.getEpochSecond() - c.at().getEpochSecond()) / 2);
				assertThat(windows.isOpen(c.channel(), justBefore)).isFalse();
				assertThat(windows.isOpen(c.channel(), between)).isFalse();
			}
		});
	}

	@Test
	void disabledWindowsReturnTheInstantUnchanged() {
		SendWindows disabled = windows(SHANGHAI,
				new SendWindowsProperties(false, DEFAULTS.sms(), DEFAULTS.miniProgram(), DEFAULTS.voice()));
		List<Opening> examples = new ArrayList<>();
		for (Channel channel : Channel.values()) {
			for (Instant at : EDGE_INSTANTS) {
				examples.add(new Opening(channel, at, SHANGHAI));
			}
		}
		SeededCases<Opening> cases = SeededCases
			.of((random) -> new Opening(SeededCases.oneOf(random, Channel.values()), anInstant(random), SHANGHAI));
		cases.withExamples(examples)
			.check((c) -> assertThat(disabled.nextOpening(c.channel(), c.at())).isEqualTo(c.at()));
	}

	/** A channel, an instant and the zone whose local times the windows are in. */
	record Opening(Channel channel, Instant at, ZoneId zone) {

	}

	/**
	 * Any second from June 2025 to June 2027, or (as often) one just around, on or half
	 * past a full hour, where windows open and close.
	 */
	private static Instant anInstant(SplittableRandom random) {
		if (random.nextBoolean()) {
			return Instant.ofEpochSecond(random.nextLong(FIRST.getEpochSecond(), LAST.getEpochSecond() + 1));
		}
		long hour = random.nextLong(FIRST.getEpochSecond() / 3600, LAST.getEpochSecond() / 3600 + 1);
		return Instant.ofEpochSecond(hour * 3600 + SeededCases.oneOf(random, -60L, -1L, 0L, 1L, 1800L));
	}

	@Test
	void applicationYmlHoldsTheDesignDefaults() {
		assertThat(DEFAULTS.enabled()).isTrue();
		assertThat(DEFAULTS.sms().hours()).map(DailyWindow::toString).containsExactly("08:00-21:00");
		assertThat(DEFAULTS.sms().workingDaysOnly()).isFalse();
		assertThat(DEFAULTS.miniProgram().hours()).map(DailyWindow::toString).containsExactly("08:00-21:00");
		assertThat(DEFAULTS.miniProgram().workingDaysOnly()).isFalse();
		assertThat(DEFAULTS.voice().hours()).map(DailyWindow::toString).containsExactly("09:00-12:00", "14:00-18:00");
		assertThat(DEFAULTS.voice().workingDaysOnly()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "25:00-26:00", "09:00", "9-12", "12:00-09:00", "09:00-09:00", "08:00-00:00", "08:60-09:00" })
	void anInvalidWindowStopsStartUpNamingTheKey(String window) {
		contextWith("licence-reminder.send-windows.voice.hours=09:00-12:00," + window).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("licence-reminder.send-windows.voice.hours")
				.hasStackTraceContaining("'" + window + "' is not a daily window");
		});
	}

	@Test
	void anEmptyWindowListStopsStartUpNamingTheKey() {
		contextWith("licence-reminder.send-windows.sms.hours=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("licence-reminder.send-windows.sms.hours must list at least one daily window");
		});
	}

	@Test
	void theDefaultsStartUp() {
		contextWith().run((context) -> assertThat(context).hasNotFailed()
			.getBean(SendWindowsProperties.class)
			.isEqualTo(DEFAULTS));
	}

	private static ApplicationContextRunner contextWith(String... properties) {
		return new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
			.withInitializer(
					(context) -> context.getEnvironment().getPropertySources().addLast(applicationYml().get(0)))
			.withPropertyValues(properties);
	}

	@EnableConfigurationProperties(SendWindowsProperties.class)
	static class PropertiesOnly {

	}

	private static SendWindows windows(ZoneId zone, SendWindowsProperties properties) {
		return new SendWindows(properties, CALENDAR, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), zone));
	}

	private static ChannelWindows hours(String window) {
		return new ChannelWindows(List.of(DailyWindow.valueOf(window)), false);
	}

	private static Instant at(String local) {
		return local(local, SHANGHAI);
	}

	private static Instant local(String local, ZoneId zone) {
		return ZonedDateTime.of(LocalDateTime.parse(local), zone).toInstant();
	}

	private static SendWindowsProperties defaultsFromApplicationYml() {
		return new Binder(ConfigurationPropertySources.from(applicationYml()))
			.bind("licence-reminder.send-windows", SendWindowsProperties.class)
			.get();
	}

	private static List<PropertySource<?>> applicationYml() {
		try {
			return new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
