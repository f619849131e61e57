package com.licencereminder.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.licencereminder.console.DashboardPanel;
import com.licencereminder.console.Viewer;
import com.licencereminder.delivery.ProviderGuard.Problem;
import org.bson.Document;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The providers panel of the dashboard: per channel and routed provider (in routing
 * order), today's attempts (days in the service's zone) and their success rate (sent or
 * delivered, of the finished ones, as in {@link DeliveryPanel}), the provider's circuit
 * state in this instance, and its last account or configuration error with when it came
 * ({@link ProviderGuard#problems()}), which the panel shows as a warning in the reader's
 * language. One aggregation over today's attempts, covered by their {@code createdAt}
 * index ({@link DeliveryIndexes}). Shown to those who may open the delivery log.
 */
@Component
class ProvidersPanel implements DashboardPanel {

	private static final Set<AttemptStatus> WENT_OUT = Set.of(AttemptStatus.SENT, AttemptStatus.DELIVERED);

	private static final Set<AttemptStatus> FAILED = Set.of(AttemptStatus.FAILED, AttemptStatus.UNDELIVERED);

	private final MongoTemplate mongo;

	private final Routes routes;

	private final ProviderGuard guard;

	private final ErrorCodes errorCodes;

	private final Clock clock;

	ProvidersPanel(MongoTemplate mongo, Routes routes, ProviderGuard guard, ErrorCodes errorCodes, Clock clock) {
		this.mongo = mongo;
		this.routes = routes;
		this.guard = guard;
		this.errorCodes = errorCodes;
		this.clock = clock;
	}

	@Override
	public String template() {
		return "delivery/providers";
	}

	@Override
	public int order() {
		return 31;
	}

	@Override
	public boolean visibleTo(Viewer viewer) {
		return viewer.mayOperate();
	}

	@Override
	public Map<String, Object> model(Viewer viewer) {
		Instant today = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
		Map<String, int[]> counts = new HashMap<>();
		Aggregation perProvider = Aggregation.newAggregation(Aggregation.match(Criteria.where("createdAt").gte(today)),
				Aggregation.group("channel", "provider", "status").count().as("n"));
		for (Document group : mongo.aggregate(perProvider, DeliveryAttempt.class, Document.class)) {
			Document id = group.get("_id", Document.class);
			int[] figures = counts.computeIfAbsent(id.getString("channel") + ":" + id.getString("provider"),
					key -> new int[3]);
			AttemptStatus status = AttemptStatus.valueOf(id.getString("status"));
			int n = ((Number) group.get("n")).intValue();
			figures[0] += n;
			if (WENT_OUT.contains(status)) {
				figures[1] += n;
			}
			else if (FAILED.contains(status)) {
				figures[2] += n;
			}
		}
		Map<String, Problem> problems = new HashMap<>();
		guard.problems()
			.forEach(problem -> problems.putIfAbsent(problem.channel() + ":" + problem.provider(), problem));
		List<Row> rows = new ArrayList<>();
		for (Channel channel : Channel.values()) {
			for (ChannelSender sender : routes.senders(channel)) {
				String key = channel + ":" + sender.provider();
				int[] figures = counts.getOrDefault(key, new int[3]);
				int finished = figures[1] + figures[2];
				Problem problem = problems.get(key);
				rows.add(new Row(channel, sender.provider(), figures[0],
						finished == 0 ? null : Math.round(100f * figures[1] / finished),
						guard.state(channel, sender.provider()).name(), problem,
						problem == null ? null : errorCodes.words(problem.code(), LocaleContextHolder.getLocale())));
			}
		}
		return Map.of("rows", rows, "zone", clock.getZone());
	}

	/**
	 * One provider of one channel.
	 *
	 * @param channel the channel
	 * @param provider the provider
	 * @param sends today's attempts
	 * @param rate today's success rate in percent, or null without finished attempts
	 * @param circuit the circuit breaker's state ({@code CLOSED}, {@code OPEN},
	 * {@code HALF_OPEN}, ...)
	 * @param problem its last account or configuration error, or null
	 * @param problemWords the problem's code in the reader's words, or null
	 */
	record Row(Channel channel, String provider, int sends, Integer rate, String circuit, Problem problem,
			String problemWords) {
	}

}
