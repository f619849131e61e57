package com.licencereminder.reminder;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the {@link WorkingCalendar} finds its year files ({@code 2026.yml}, ...).
 *
 * @param dir the folder of year files (default {@code ./config/calendar}, relative to the
 * working directory, which is the repository root under {@code ./mvnw spring-boot:run}
 * and in tests)
 */
@ConfigurationProperties("licence-reminder.calendar")
record CalendarProperties(@DefaultValue("./config/calendar") Path dir) {

	CalendarProperties {
		if (dir == null) {
			throw new IllegalArgumentException("licence-reminder.calendar.dir must name a folder");
		}
	}

}
