package com.licencereminder.reminder;

import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.licencereminder.delivery.Channel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When reminders may go out, per channel, as local times in the service's zone
 * ({@code licence-reminder.zone}). Defaults are in {@code application.yml}; a channel
 * without at least one valid window stops start-up with a message naming its key.
 *
 * @param enabled {@code false} opens every channel at every instant (tests and demos)
 * @param sms text messages
 * @param miniProgram WeChat mini-program subscribe messages
 * @param voice automated calls
 */
@ConfigurationProperties("licence-reminder.send-windows")
record SendWindowsProperties(@DefaultValue("true") boolean enabled, ChannelWindows sms, ChannelWindows miniProgram,
		ChannelWindows voice) {

	private static final String PREFIX = "licence-reminder.send-windows.";

	SendWindowsProperties {
		requireHours("sms", sms);
		requireHours("mini-program", miniProgram);
		requireHours("voice", voice);
	}

	/** The windows of {@code channel}. */
	ChannelWindows of(Channel channel) {
		return switch (channel) {
			case SMS -> this.sms;
			case MINI_PROGRAM -> this.miniProgram;
			case VOICE -> this.voice;
		};
	}

	private static void requireHours(String key, ChannelWindows windows) {
		if (windows == null || windows.hours().isEmpty()) {
			throw new IllegalArgumentException(PREFIX + key + ".hours must list at least one daily window, "
					+ "for example 08:00-21:00 or 09:00-12:00,14:00-18:00");
		}
	}

	/**
	 * The windows of one channel.
	 *
	 * @param hours daily windows, sorted by start on construction
	 * @param workingDaysOnly whether the windows apply only on working days of the
	 * {@link WorkingCalendar} (otherwise on every day)
	 */
	record ChannelWindows(List<DailyWindow> hours, boolean workingDaysOnly) {

		ChannelWindows {
			hours = (hours != null) ? hours.stream().sorted(Comparator.comparing(DailyWindow::start)).toList()
					: List.of();
		}

	}

	/**
	 * A window of local time on one day, start inclusive, end exclusive. Written
	 * {@code HH:mm-HH:mm}; {@code 24:00} as the end means the end of the day and is held
	 * as {@link LocalTime#MIDNIGHT}. Windows do not cross midnight.
	 *
	 * @param start the first local time inside the window
	 * @param end the first local time after the window, {@code MIDNIGHT} for the end of
	 * the day
	 */
	record DailyWindow(LocalTime start, LocalTime end) {

		private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*");

		DailyWindow {
			if (!end.equals(LocalTime.MIDNIGHT) && !start.isBefore(end)) {
				throw new IllegalArgumentException(
						"'" + text(start, end) + "' is not a daily window: it must start before "
								+ "it ends, on the same day (24:00 for the end of the day)");
			}
		}

		/**
		 * Parses {@code HH:mm-HH:mm}, for example {@code 09:00-12:00} or
		 * {@code 00:00-24:00}.
		 * @throws IllegalArgumentException when the text is not such a window
		 */
		public static DailyWindow valueOf(String text) {
			Matcher matcher = FORM.matcher(text);
			if (!matcher.matches()) {
				throw invalid(text);
			}
			LocalTime start = time(text, matcher.group(1), matcher.group(2), false);
			LocalTime end = time(text, matcher.group(3), matcher.group(4), true);
			if (end.equals(LocalTime.MIDNIGHT) && !matcher.group(3).equals("24")) {
				throw new IllegalArgumentException("'" + text.strip()
						+ "' is not a daily window: write 24:00, not 00:00, " + "for the end of the day");
			}
			return new DailyWindow(start, end);
		}

		boolean contains(LocalTime time) {
			return !time.isBefore(this.start) && (this.end.equals(LocalTime.MIDNIGHT) || time.isBefore(this.end));
		}

		@Override
		public String toString() {
			return text(this.start, this.end);
		}

		private static LocalTime time(String text, String hours, String minutes, boolean end) {
			int h = Integer.parseInt(hours);
			int m = Integer.parseInt(minutes);
			if (end && h == 24 && m == 0) {
				return LocalTime.MIDNIGHT;
			}
			if (h > 23 || m > 59) {
				throw invalid(text);
			}
			return LocalTime.of(h, m);
		}

		private static IllegalArgumentException invalid(String text) {
			return new IllegalArgumentException("'" + text.strip() + "' is not a daily window: expected HH:mm-HH:mm "
					+ "with hours 00-23 and minutes 00-59 (24:00 allowed as the end), for example 08:00-21:00");
		}

		private static String text(LocalTime start, LocalTime end) {
			return start + "-" + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString());
		}

	}

}
