package com.licencereminder.delivery.simulator;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.ChannelSender;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A simulator sender for every channel, always present:
 * {@link com.licencereminder.delivery.Deliveries} uses it for each channel that has no
 * real provider.
 */
@Configuration(proxyBeanMethods = false)
class SimulatorConfiguration {

	@Bean
	ChannelSender simulatedSms(Simulator simulator) {
		return new SimulatorSender(Channel.SMS, simulator);
	}

	@Bean
	ChannelSender simulatedMiniProgram(Simulator simulator) {
		return new SimulatorSender(Channel.MINI_PROGRAM, simulator);
	}

	@Bean
	ChannelSender simulatedVoice(Simulator simulator) {
		return new SimulatorSender(Channel.VOICE, simulator);
	}

}
