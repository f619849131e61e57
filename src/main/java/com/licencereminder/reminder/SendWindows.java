package com.licencereminder.reminder;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import com.licencereminder.delivery.Channel;
import com.licencereminder.reminder.SendWindowsProperties.ChannelWindows;
import com.licencereminder.reminder.SendWindowsProperties.DailyWindow;

import org.springframework.stereotype.Component;

/**
 * The hours in which each channel may deliver (docs/architecture.md): by default SMS and
 * mini-program messages from 08:00 to 21:00 on every day, calls from 09:00 to 12:00 and
 * 14:00 to 18:00 on working days of the {@link WorkingCalendar}. Times are local to the
 * zone of the {@link Clock} ({@code licence-reminder.zone}); windows start inclusive and
 * end exclusive. A window boundary that falls in a daylight-saving gap moves forward by
 * the length of the gap, as {@link ZonedDateTime#of} resolves it. With
 * {@code licence-reminder.send-windows.enabled=false} every instant is open.
 */
@Component
class SendWindows {

	/**
	 * How far ahead {@link #nextOpening} looks before it gives up on a calendar without
	 * working days.
	 */
	private static final int MAX_DAYS_AHEAD = 400;

	private final SendWindowsProperties properties;

	private final WorkingCalendar calendar;

	private final ZoneId zone;

	SendWindows(SendWindowsProperties properties, WorkingCalendar calendar, Clock clock) {
		this.properties = properties;
		this.calendar = calendar;
		this.zone = clock.getZone();
	}

	/** Whether {@code channel} may deliver at {@code at}. */
	boolean isOpen(Channel channel, Instant at) {
		if (!this.properties.enabled()) {
			return true;
		}
		ChannelWindows windows = this.properties.of(channel);
		LocalDate day = LocalDate.ofInstant(at, this.zone);
		if (!applies(windows, day)) {
			return false;
		}
		for (DailyWindow window : windows.hours()) {
			if (!at.isBefore(start(window, day)) && at.isBefore(end(window, day))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The earliest instant at or after {@code at} at which {@code channel} may deliver:
	 * {@code at} itself when it is inside a window, otherwise the start of the next
	 * window (for calls, on the next working day when the windows are for working days
	 * only). The result {@code r} satisfies {@code !r.isBefore(at)},
	 * {@code isOpen(channel, r)} and {@code nextOpening(channel, r).equals(r)}.
	 * @throws IllegalStateException when no window opens within 400 days (a calendar
	 * without working days)
	 */
	Instant nextOpening(Channel channel, Instant at) {
		if (!this.properties.enabled()) {
			return at;
		}
		ChannelWindows windows = this.properties.of(channel);
		LocalDate first = LocalDate.ofInstant(at, this.zone);
		for (LocalDate day = first; day.isBefore(first.plusDays(MAX_DAYS_AHEAD)); day = day.plusDays(1)) {
			if (!applies(windows, day)) {
				continue;
			}
			for (DailyWindow window : windows.hours()) {
				Instant start = start(window, day);
				if (start.isAfter(at)) {
					return start;
				}
				if (at.isBefore(end(window, day))) {
					return at;
				}
			}
		}
		throw new IllegalStateException("No " + channel + " window opens within " + MAX_DAYS_AHEAD + " days after " + at
				+ ": check the working-day calendar");
	}

	private boolean applies(ChannelWindows windows, LocalDate day) {
		return !windows.workingDaysOnly() || this.calendar.isWorkingDay(day);
	}

	private Instant start(DailyWindow window, LocalDate day) {
		return ZonedDateTime.of(day, window.start(), this.zone).toInstant();
	}

	private Instant end(DailyWindow window, LocalDate day) {
		if (window.end().equals(LocalTime.MIDNIGHT)) {
			return day.plusDays(1).atStartOfDay(this.zone).toInstant();
		}
		return ZonedDateTime.of(day, window.end(), this.zone).toInstant();
	}

}
