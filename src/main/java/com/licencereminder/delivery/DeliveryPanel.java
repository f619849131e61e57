package com.licencereminder.delivery;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.licencereminder.console.DashboardPanel;
import com.licencereminder.console.Viewer;
import com.licencereminder.delivery.DeliveryAttempt.Ambiguity;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.DateOperators;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The delivery panel of the dashboard: attempts per day and channel over the last
 * {@value #DAYS} days (today included, days in the service's zone) as stacked bars, with
 * the success rate.
 * <p>
 * The <em>success rate</em> is the share of finished attempts that went out: attempts
 * {@link AttemptStatus#SENT SENT} or {@link AttemptStatus#DELIVERED DELIVERED}, divided
 * by those plus the ones {@link AttemptStatus#FAILED FAILED} or
 * {@link AttemptStatus#UNDELIVERED UNDELIVERED}; attempts still
 * {@link AttemptStatus#SENDING SENDING} or {@link AttemptStatus#UNKNOWN UNKNOWN} are left
 * out. Without finished attempts there is no rate. Next to it, the <em>ambiguous
 * sends</em> of the window (attempts whose outcome was unknown,
 * {@link DeliveryResult#ambiguous()}) and how each was resolved: not yet, sent after all,
 * not sent, or unresolved (sent again, flagged as a possible duplicate). The figures come
 * from one aggregation over the window (grouped by day in the zone, channel, status and
 * ambiguity), not a query per day, which reads only fields the attempts'
 * {@code createdAt} index holds, so that index covers it ({@link DeliveryIndexes}). Shown
 * to those who may open the delivery log.
 */
@Component
class DeliveryPanel implements DashboardPanel {

	static final int DAYS = 14;

	static final int CHART_HEIGHT = 120;

	static final int BAR_STEP = 40;

	private final MongoTemplate mongo;

	private final Clock clock;

	DeliveryPanel(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@Override
	public String template() {
		return "delivery/dashboard";
	}

	@Override
	public int order() {
		return 30;
	}

	@Override
	public boolean visibleTo(Viewer viewer) {
		return viewer.mayOperate();
	}

	@Override
	public Map<String, Object> model(Viewer viewer) {
		ZoneId zone = clock.getZone();
		LocalDate today = LocalDate.now(clock);
		LocalDate first = today.minusDays(DAYS - 1);
		Map<LocalDate, Counts> days = new LinkedHashMap<>();
		for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
			days.put(day, new Counts());
		}
		Aggregation perDay = Aggregation.newAggregation(
				Aggregation.match(Criteria.where("createdAt").gte(first.atStartOfDay(zone).toInstant())),
				Aggregation.project("channel", "status", "ambiguity")
					.and(DateOperators.dateOf("createdAt")
						.withTimezone(DateOperators.Timezone.valueOf(zone.getId()))
						.toString("%Y-%m-%d"))
					.as("day")
					.andExclude("_id"),
				Aggregation.group("day", "channel", "status", "ambiguity").count().as("n"));
		Map<Ambiguity, Long> ambiguous = new EnumMap<>(Ambiguity.class);
		for (Document group : mongo.aggregate(perDay, DeliveryAttempt.class, Document.class)) {
			Document key = group.get("_id", Document.class);
			Counts counts = days.get(LocalDate.parse(key.getString("day")));
			long n = ((Number) group.get("n")).longValue();
			if (counts != null) {
				counts.add(Channel.valueOf(key.getString("channel")), AttemptStatus.valueOf(key.getString("status")),
						n);
				if (key.getString("ambiguity") != null) {
					ambiguous.merge(Ambiguity.valueOf(key.getString("ambiguity")), n, Long::sum);
				}
			}
		}
		List<Day> rows = days.entrySet().stream().map(e -> e.getValue().toDay(e.getKey())).toList();
		long max = rows.stream().mapToLong(Day::total).max().orElse(0);
		long succeeded = rows.stream().mapToLong(Day::succeeded).sum();
		long failed = rows.stream().mapToLong(Day::failed).sum();
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("days", rows);
		model.put("channels", Channel.values());
		model.put("bars", bars(rows, max));
		model.put("max", max);
		model.put("total", rows.stream().mapToLong(Day::total).sum());
		model.put("rate", Day.rate(succeeded, failed));
		model.put("ambiguous", Ambiguous.of(ambiguous));
		model.put("width", DAYS * BAR_STEP);
		model.put("height", CHART_HEIGHT);
		return model;
	}

	/**
	 * The stacked bars, channel by channel from the bottom, scaled to the busiest day.
	 */
	private static List<Bar> bars(List<Day> days, long max) {
		List<Bar> bars = new ArrayList<>();
		for (int i = 0; i < days.size(); i++) {
			Day day = days.get(i);
			double bottom = CHART_HEIGHT;
			for (Channel channel : Channel.values()) {
				long count = day.counts().get(channel.ordinal());
				if (count > 0) {
					double height = (double) count / max * CHART_HEIGHT;
					bottom -= height;
					bars.add(new Bar(i * BAR_STEP + 6, round(bottom), BAR_STEP - 12, round(height), channel, count,
							day.day()));
				}
			}
		}
		return bars;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	/** Counts of one day while the aggregation's groups are read. */
	private static final class Counts {

		private final Map<Channel, Long> perChannel = new EnumMap<>(Channel.class);

		private long succeeded;

		private long failed;

		void add(Channel channel, AttemptStatus status, long n) {
			perChannel.merge(channel, n, Long::sum);
			switch (status) {
				case SENT, DELIVERED -> succeeded += n;
				case FAILED, UNDELIVERED -> failed += n;
				case SENDING, UNKNOWN -> {
				}
			}
		}

		Day toDay(LocalDate day) {
			List<Long> counts = new ArrayList<>();
			for (Channel channel : Channel.values()) {
				counts.add(perChannel.getOrDefault(channel, 0L));
			}
			return new Day(day, counts, succeeded, failed);
		}

	}

	/**
	 * One day of the chart.
	 *
	 * @param counts attempts per channel, in {@link Channel} order
	 * @param succeeded attempts sent or delivered
	 * @param failed attempts failed or undelivered
	 */
	record Day(LocalDate day, List<Long> counts, long succeeded, long failed) {

		public long total() {
			return counts.stream().mapToLong(Long::longValue).sum();
		}

		/** The success rate in whole percent, or null without finished attempts. */
		public Integer rate() {
			return rate(succeeded, failed);
		}

		static Integer rate(long succeeded, long failed) {
			return succeeded + failed == 0 ? null : (int) Math.round(100.0 * succeeded / (succeeded + failed));
		}

	}

	/**
	 * The ambiguous sends of the window, by how they were resolved.
	 *
	 * @param open not resolved yet: the reminder has not been sent again
	 * @param sent the provider had sent them: not sent again
	 * @param notSent the provider had not sent them: sent again
	 * @param unresolved the provider could not tell: sent again, flagged as possible
	 * duplicates
	 */
	record Ambiguous(long open, long sent, long notSent, long unresolved) {

		static Ambiguous of(Map<Ambiguity, Long> counts) {
			return new Ambiguous(counts.getOrDefault(Ambiguity.OPEN, 0L), counts.getOrDefault(Ambiguity.SENT, 0L),
					counts.getOrDefault(Ambiguity.NOT_SENT, 0L), counts.getOrDefault(Ambiguity.UNRESOLVED, 0L));
		}

		public long total() {
			return open + sent + notSent + unresolved;
		}

	}

	/** One channel's segment of a day's bar, in SVG user units. */
	record Bar(int x, double y, int width, double height, Channel channel, long count, LocalDate day) {
	}

}
