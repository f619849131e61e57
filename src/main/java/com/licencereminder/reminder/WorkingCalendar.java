package com.licencereminder.reminder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.stereotype.Component;

/**
 * Tells working days from days off, from one file per year in
 * {@code licence-reminder.calendar.dir} ({@code 2026.yml}: {@code holidays}, days off
 * although Monday to Friday, and {@code make-up-workdays}, Saturdays and Sundays that are
 * working days; see {@code config/calendar/README.md}). Every year file is read and
 * checked at start, so a broken file stops start-up with a message naming the file and
 * entry. A year without a file counts Monday to Friday as working days and logs a warning
 * once for that year.
 */
@Component
class WorkingCalendar {

	private static final Logger log = LoggerFactory.getLogger(WorkingCalendar.class);

	private static final Pattern YEAR_FILE = Pattern.compile("(\\d{4})\\.ya?ml");

	private final Path dir;

	private final Map<Integer, Year> years = new ConcurrentHashMap<>();

	WorkingCalendar(CalendarProperties properties) {
		this.dir = properties.dir();
		this.years.putAll(loadYears(this.dir));
	}

	/**
	 * Whether {@code date} is a working day: a make-up workday, or Monday to Friday and
	 * not a holiday.
	 */
	boolean isWorkingDay(LocalDate date) {
		return this.years.computeIfAbsent(date.getYear(), this::weekdaysOnly).isWorkingDay(date);
	}

	private Year weekdaysOnly(int year) {
		log.warn("No working-day calendar for {} in {} (expected {}.yml): counting Monday to Friday as working days, "
				+ "without public holidays; add the file from the State Council notice", year, this.dir, year);
		return new Year(Set.of(), Set.of());
	}

	private static Map<Integer, Year> loadYears(Path dir) {
		if (!Files.isDirectory(dir)) {
			log.warn("Working-day calendar folder {} not found (licence-reminder.calendar.dir)", dir.toAbsolutePath());
			return Map.of();
		}
		Map<Integer, Year> years = new HashMap<>();
		Map<Integer, Path> files = new HashMap<>();
		try (Stream<Path> entries = Files.list(dir)) {
			for (Path file : entries.sorted().toList()) {
				Matcher matcher = YEAR_FILE.matcher(file.getFileName().toString());
				if (!matcher.matches() || !Files.isRegularFile(file)) {
					continue;
				}
				int year = Integer.parseInt(matcher.group(1));
				Path earlier = files.putIfAbsent(year, file);
				if (earlier != null) {
					throw new IllegalStateException(
							"Two working-day calendars for " + year + ": " + earlier + " and " + file);
				}
				years.put(year, load(file, year));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the working-day calendar folder " + dir, ex);
		}
		return years;
	}

	private static Year load(Path file, int year) {
		List<PropertySource<?>> documents;
		try {
			documents = new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Cannot read working-day calendar " + file + ": " + ex.getMessage(), ex);
		}
		Binder binder = new Binder(ConfigurationPropertySources.from(documents));
		Set<LocalDate> holidays = dates(file, year, "holidays", binder);
		Set<LocalDate> makeUpWorkdays = dates(file, year, "make-up-workdays", binder);
		for (LocalDate day : makeUpWorkdays) {
			if (holidays.contains(day)) {
				throw new IllegalStateException(file + ": " + day + " is both a holiday and a make-up workday");
			}
			if (!isWeekend(day)) {
				throw new IllegalStateException(file + ": make-up workday " + day + " is a " + day.getDayOfWeek()
						+ ", but make-up workdays are Saturdays or Sundays");
			}
		}
		String source = binder.bind("source.number", String.class)
			.map((number) -> binder.bind("source.title", String.class).orElse("") + " " + number)
			.orElse("no source given");
		log.info("Working-day calendar {}: {} holidays, {} make-up workdays ({})", year, holidays.size(),
				makeUpWorkdays.size(), source.strip());
		return new Year(Set.copyOf(holidays), Set.copyOf(makeUpWorkdays));
	}

	private static Set<LocalDate> dates(Path file, int year, String key, Binder binder) {
		List<String> entries = binder.bind(key, Bindable.listOf(String.class)).orElse(List.of());
		Set<LocalDate> dates = new HashSet<>();
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i).strip();
			String where = file + ": " + key + "[" + i + "] '" + entry + "'";
			String[] ends = entry.split("\\.\\.", -1);
			LocalDate first;
			LocalDate last;
			try {
				first = LocalDate.parse(ends[0].strip());
				last = (ends.length == 2) ? LocalDate.parse(ends[1].strip()) : first;
			}
			catch (DateTimeException ex) {
				throw new IllegalStateException(
						where + " is not a date like 2026-10-01 or a range like 2026-10-01..2026-10-07");
			}
			if (ends.length > 2 || last.isBefore(first)) {
				throw new IllegalStateException(
						where + " is not a date like 2026-10-01 or a range like 2026-10-01..2026-10-07");
			}
			if (first.getYear() != year || last.getYear() != year) {
				throw new IllegalStateException(where + " is outside " + year);
			}
			first.datesUntil(last.plusDays(1)).forEach(dates::add);
		}
		return dates;
	}

	private static boolean isWeekend(LocalDate day) {
		return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
	}

	private record Year(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays) {

		boolean isWorkingDay(LocalDate date) {
			if (this.makeUpWorkdays.contains(date)) {
				return true;
			}
			return !isWeekend(date) && !this.holidays.contains(date);
		}

	}

}
