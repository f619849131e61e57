package com.licencereminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class WorkingCalendarTests {

	/**
	 * The shipped calendar at the default location, as the service finds it when run from
	 * the repository root.
	 */
	private static final WorkingCalendar SHIPPED = new WorkingCalendar(new Binder(new MapConfigurationPropertySource())
		.bindOrCreate("licence-reminder.calendar", CalendarProperties.class));

	@TempDir
	Path dir;

	@Test
	void defaultLocationIsTheConfigFolderOfTheRepository() {
		CalendarProperties defaults = new Binder(new MapConfigurationPropertySource())
			.bindOrCreate("licence-reminder.calendar", CalendarProperties.class);

		assertThat(defaults.dir().normalize()).isEqualTo(Path.of("config/calendar"));
		assertThat(defaults.dir().resolve("2026.yml")).isRegularFile();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-18", "2026-02-20", "2026-02-23",
			"2026-04-06", "2026-05-01", "2026-05-04", "2026-05-05", "2026-06-19", "2026-09-25", "2026-10-01",
			"2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07" })
	void holidaysOf2026OnWeekdaysAreDaysOff(LocalDate holiday) {
		assertThat(holiday.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
		assertThat(SHIPPED.isWorkingDay(holiday)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10" })
	void makeUpWorkdaysOf2026AreWorkingDays(LocalDate makeUpWorkday) {
		assertThat(makeUpWorkday.getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
		assertThat(SHIPPED.isWorkingDay(makeUpWorkday)).isTrue();
	}

	@Test
	void ordinaryDaysFollowTheWeek() {
		assertThat(SHIPPED.isWorkingDay(LocalDate.parse("2026-03-10"))).as("Tuesday").isTrue();
		assertThat(SHIPPED.isWorkingDay(LocalDate.parse("2026-03-14"))).as("Saturday").isFalse();
		assertThat(SHIPPED.isWorkingDay(LocalDate.parse("2026-03-15"))).as("Sunday").isFalse();
	}

	@Test
	void year2026Has248WorkingDays() {
		long workingDays = LocalDate.parse("2026-01-01")
			.datesUntil(LocalDate.parse("2027-01-01"))
			.filter(SHIPPED::isWorkingDay)
			.count();

		assertThat(workingDays).as("261 weekdays - 19 weekday holidays + 6 make-up workdays").isEqualTo(248);
	}

	@Test
	void yearWithoutFileCountsMondayToFridayAndWarnsOnce() throws IOException {
		write("2026.yml", "holidays:\n  - 2026-10-01\n");
		ListAppender<ILoggingEvent> log = capture();
		try {
			WorkingCalendar calendar = new WorkingCalendar(new CalendarProperties(this.dir));

			LocalDate.parse("2031-01-01")
				.datesUntil(LocalDate.parse("2031-03-01"))
				.forEach((day) -> assertThat(calendar.isWorkingDay(day)).as(day + " " + day.getDayOfWeek())
					.isEqualTo(day.getDayOfWeek().getValue() <= 5));
			assertThat(calendar.isWorkingDay(LocalDate.parse("2031-10-01"))).as("no holidays without a file").isTrue();

			assertThat(log.list).filteredOn((event) -> event.getLevel() == Level.WARN)
				.singleElement()
				.satisfies((event) -> assertThat(event.getFormattedMessage()).contains("2031", "Monday to Friday"));
		}
		finally {
			release(log);
		}
	}

	@Test
	void missingFolderCountsMondayToFriday() {
		WorkingCalendar calendar = new WorkingCalendar(new CalendarProperties(this.dir.resolve("absent")));

		assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-01"))).as("Thursday").isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).as("Saturday").isFalse();
	}

	@Test
	void readsSingleDatesRangesAndYamlExtension() throws IOException {
		write("2030.yaml", """
				holidays:
				  - 2030-05-01
				  - 2030-10-01 .. 2030-10-03
				make-up-workdays:
				  - 2030-09-29
				""");
		WorkingCalendar calendar = new WorkingCalendar(new CalendarProperties(this.dir));

		assertThat(calendar.isWorkingDay(LocalDate.parse("2030-05-01"))).isFalse();
		assertThat(calendar.isWorkingDay(LocalDate.parse("2030-10-02"))).isFalse();
		assertThat(calendar.isWorkingDay(LocalDate.parse("2030-10-04"))).as("after the range").isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.parse("2030-09-29"))).as("a Sunday made a workday").isTrue();
	}

	@Test
	void brokenFilesStopStartWithTheFileAndEntry() throws IOException {
		Map<String, String> broken = Map.of("holidays:\n  - 2026-13-01\n", "holidays[0] '2026-13-01' is not a date",
				"holidays:\n  - 2026-10-07..2026-10-01\n", "holidays[0] '2026-10-07..2026-10-01' is not a date",
				"holidays:\n  - 2026-01-01\n  - 2027-01-01\n", "holidays[1] '2027-01-01' is outside 2026",
				"make-up-workdays:\n  - 2026-10-09\n", "make-up workday 2026-10-09 is a FRIDAY",
				"holidays:\n  - 2026-10-10\nmake-up-workdays:\n  - 2026-10-10\n", "2026-10-10 is both");
		for (Map.Entry<String, String> file : broken.entrySet()) {
			Path written = write("2026.yml", file.getKey());

			assertThatIllegalStateException().isThrownBy(() -> new WorkingCalendar(new CalendarProperties(this.dir)))
				.withMessageContaining(written.toString())
				.withMessageContaining(file.getValue());
		}
	}

	@Test
	void twoFilesForOneYearStopStart() throws IOException {
		write("2026.yml", "holidays: []\n");
		write("2026.yaml", "holidays: []\n");

		assertThatIllegalStateException().isThrownBy(() -> new WorkingCalendar(new CalendarProperties(this.dir)))
			.withMessageContaining("Two working-day calendars for 2026");
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content);
	}

	private static ListAppender<ILoggingEvent> capture() {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		((Logger) LoggerFactory.getLogger(WorkingCalendar.class)).addAppender(appender);
		return appender;
	}

	private static void release(ListAppender<ILoggingEvent> appender) {
		((Logger) LoggerFactory.getLogger(WorkingCalendar.class)).detachAppender(appender);
	}

}
