package com.licencereminder.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.licencereminder.delivery.DeliveryResult.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The senders of each channel in the order of {@link RoutingProperties}: the configured
 * providers the routing names, or the simulator when there is none. A request goes to
 * those of them that {@link ChannelSender#reaches reach} its recipient, first to last
 * ({@link Deliveries} moves on when a provider fails over); when none does, to
 * {@link #unroutable}, which fails it permanently with {@value #NO_ROUTE}.
 */
@Component
class Routes {

	/** Error code of a request no routed provider can deliver. */
	static final String NO_ROUTE = "NO_ROUTE";

	private static final Logger log = LoggerFactory.getLogger(Routes.class);

	private final Map<Channel, List<ChannelSender>> routes = new EnumMap<>(Channel.class);

	private final Map<Channel, ChannelSender> unroutable = new EnumMap<>(Channel.class);

	Routes(List<ChannelSender> senders, RoutingProperties routing) {
		for (Channel channel : Channel.values()) {
			List<ChannelSender> real = new ArrayList<>();
			ChannelSender simulator = null;
			for (ChannelSender sender : senders) {
				if (sender.channel() != channel) {
					continue;
				}
				if (SimulatorControl.PROVIDER.equals(sender.provider())) {
					simulator = sender;
				}
				else if (real.stream().anyMatch(other -> other.provider().equals(sender.provider()))) {
					throw new IllegalStateException(
							"More than one " + sender.provider() + " sender for " + channel + ": " + real);
				}
				else {
					real.add(sender);
				}
			}
			List<ChannelSender> route = new ArrayList<>();
			for (String provider : routing.of(channel)) {
				real.stream().filter(sender -> sender.provider().equals(provider.strip())).forEach(route::add);
			}
			real.stream()
				.filter(sender -> !route.contains(sender))
				.forEach(sender -> log.warn(
						"{} is configured for {} but not named in licence-reminder.routing ({}): it is not used",
						sender.provider(), channel, routing.of(channel)));
			if (route.isEmpty()) {
				if (simulator == null) {
					throw new IllegalStateException("No sender for " + channel + ", not even the simulator");
				}
				route.add(simulator);
			}
			routes.put(channel, List.copyOf(route));
			unroutable.put(channel, new Unroutable(channel));
			log.info("Channel {} sends through {}", channel, route.stream().map(ChannelSender::provider).toList());
		}
	}

	/**
	 * The senders that reach the recipient, in routing order; {@link #unroutable} alone
	 * when none does.
	 */
	List<ChannelSender> route(Channel channel, String recipient) {
		List<ChannelSender> reaching = routes.get(channel)
			.stream()
			.filter(sender -> sender.reaches(recipient))
			.toList();
		return reaching.isEmpty() ? List.of(unroutable.get(channel)) : reaching;
	}

	/** The channel's senders, in routing order. */
	List<ChannelSender> senders(Channel channel) {
		return Collections.unmodifiableList(routes.get(channel));
	}

	/**
	 * The sender of a request no routed provider reaches: it fails permanently, so the
	 * attempt is in the log and the stage falls back to its other channels, then to the
	 * follow-up list.
	 */
	private record Unroutable(Channel channel) implements ChannelSender {

		@Override
		public String provider() {
			return "none";
		}

		@Override
		public DeliveryResult send(String attemptId, String recipient, RenderedMessage message) {
			return new DeliveryResult(Outcome.PERMANENT_FAILURE, attemptId, null, NO_ROUTE,
					"No configured provider reaches this number");
		}

	}

}
