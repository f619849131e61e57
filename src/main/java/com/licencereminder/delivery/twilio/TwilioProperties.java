package com.licencereminder.delivery.twilio;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The Twilio account. The SID and token come from the environment
 * ({@code LICENCE_REMINDER_TWILIO_ACCOUNT_SID},
 * {@code LICENCE_REMINDER_TWILIO_AUTH_TOKEN}); without both, Twilio is off and SMS and
 * calls go to the simulator.
 *
 * @param accountSid the account SID ({@code AC...})
 * @param authToken the auth token: authenticates requests and signs webhooks
 * @param fromNumber the E.164 number calls come from, and text messages when there is no
 * messaging service
 * @param messagingServiceSid the messaging service text messages are sent through
 * ({@code MG...}), preferred over the number
 * @param apiBaseUrl where the Twilio API is: {@code https://*.twilio.com} is rewritten to
 * it (tests, proxies, air-gapped installs)
 * @param connectTimeout how long to wait for a connection to the API
 * @param readTimeout how long to wait for an answer once connected
 * @param validityPeriod how long Twilio may keep trying to deliver a text (1 s to 10 h; a
 * number means seconds)
 */
@ConfigurationProperties("licence-reminder.twilio")
public record TwilioProperties(String accountSid, String authToken, String fromNumber, String messagingServiceSid,
		@DefaultValue("https://api.twilio.com") URI apiBaseUrl, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout,
		@DefaultValue("2h") @DurationUnit(ChronoUnit.SECONDS) Duration validityPeriod) {

	@Override
	public String toString() {
		return "TwilioProperties[accountSid=" + accountSid + ", authToken=" + (authToken == null ? null : "****")
				+ ", fromNumber=" + fromNumber + ", messagingServiceSid=" + messagingServiceSid + ", apiBaseUrl="
				+ apiBaseUrl + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
				+ ", validityPeriod=" + validityPeriod + "]";
	}

}
