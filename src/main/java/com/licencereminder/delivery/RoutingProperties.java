package com.licencereminder.delivery;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which providers each channel sends through, in order of preference
 * ({@code licence-reminder.routing.*}). A provider named here but not configured (no
 * credentials) is left out; a configured one not named here is not used. With none left,
 * the channel uses the simulator.
 *
 * @param sms text messages (default {@code aliyun,tencent,twilio})
 * @param voice calls (default {@code aliyun,tencent,twilio})
 * @param miniProgram mini-program messages (default {@code wechat})
 */
@ConfigurationProperties("licence-reminder.routing")
record RoutingProperties(@DefaultValue( {
		"aliyun", "tencent", "twilio" }) List<String> sms,
		@DefaultValue({ "aliyun", "tencent", "twilio" }) List<String> voice,
		@DefaultValue("wechat") List<String> miniProgram){

	/** The providers of a channel, in order. */
	List<String> of(Channel channel) {
		return switch (channel) {
			case SMS -> sms;
			case VOICE -> voice;
			case MINI_PROGRAM -> miniProgram;
		};
	}

}
