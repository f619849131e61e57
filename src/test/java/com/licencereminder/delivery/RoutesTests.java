package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.licencereminder.delivery.DeliveryResult.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The routing of requests to providers: the configured ones in the order of
 * {@code licence-reminder.routing.*}, only those that reach the recipient.
 */
class RoutesTests {

	static final RoutingProperties ROUTING = new RoutingProperties(List.of("aliyun", "tencent", "twilio"),
			List.of("aliyun", "tencent", "twilio"), List.of("wechat"));

	static ChannelSender sender(Channel channel, String provider, Predicate<String> reaches) {
		return new ChannelSender() {

			@Override
			public Channel channel() {
				return channel;
			}

			@Override
			public String provider() {
				return provider;
			}

			@Override
			public boolean reaches(String recipient) {
				return reaches.test(recipient);
			}

			@Override
			public DeliveryResult send(String attemptId, String recipient, RenderedMessage message) {
				return new DeliveryResult(Outcome.SENT, attemptId, provider, null, null);
			}

		};
	}

	static List<ChannelSender> simulators() {
		return List.of(sender(Channel.SMS, "simulator", r -> true), sender(Channel.VOICE, "simulator", r -> true),
				sender(Channel.MINI_PROGRAM, "simulator", r -> true));
	}

	static List<String> providers(List<ChannelSender> route) {
		return route.stream().map(ChannelSender::provider).toList();
	}

	@Test
	void mainlandMobilesGoToTheDomesticProviderFirstAndOtherNumbersOnlyToThoseThatReachThem() {
		List<ChannelSender> senders = new ArrayList<>(simulators());
		senders.add(sender(Channel.SMS, "twilio", r -> true));
		senders.add(sender(Channel.SMS, "aliyun", MainlandNumbers::isMobile));
		Routes routes = new Routes(senders, ROUTING);

		assertThat(providers(routes.route(Channel.SMS, "+8613812345678"))).containsExactly("aliyun", "twilio");
		assertThat(providers(routes.route(Channel.SMS, "+85291234567"))).containsExactly("twilio");
	}

	@Test
	void aProviderWithoutCredentialsIsLeftOutAndWithNoneTheSimulatorSends() {
		Routes routes = new Routes(simulators(), ROUTING);

		assertThat(providers(routes.route(Channel.SMS, "+8613812345678"))).containsExactly("simulator");
		assertThat(providers(routes.route(Channel.VOICE, "+85291234567"))).containsExactly("simulator");
	}

	@Test
	void aConfiguredProviderTheRoutingDoesNotNameIsNotUsed() {
		List<ChannelSender> senders = new ArrayList<>(simulators());
		senders.add(sender(Channel.SMS, "twilio", r -> true));
		Routes routes = new Routes(senders, new RoutingProperties(List.of("aliyun"), List.of(), List.of()));

		assertThat(providers(routes.route(Channel.SMS, "+85291234567"))).containsExactly("simulator");
	}

	@Test
	void aNumberNoRoutedProviderReachesFailsPermanentlyWithNoRoute() {
		List<ChannelSender> senders = new ArrayList<>(simulators());
		senders.add(sender(Channel.SMS, "aliyun", MainlandNumbers::isMobile));
		Routes routes = new Routes(senders, ROUTING);

		List<ChannelSender> route = routes.route(Channel.SMS, "+85291234567");

		assertThat(route).singleElement().satisfies(sender -> {
			DeliveryResult result = sender.send("a", "+85291234567", new RenderedMessage("t", null));
			assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
			assertThat(result.errorCode()).isEqualTo(Routes.NO_ROUTE);
		});
	}

}
