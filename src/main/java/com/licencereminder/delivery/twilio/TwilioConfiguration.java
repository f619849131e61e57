package com.licencereminder.delivery.twilio;

import java.net.URI;

import com.licencereminder.shared.Masking;
import com.twilio.http.TwilioRestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The Twilio account and its webhook signature check, when Twilio is configured. Start-up
 * fails with a message naming the setting when Twilio is half configured: no sender
 * number or messaging service, or no {@code licence-reminder.public-base-url} for Twilio
 * to call back.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnTwilio
class TwilioConfiguration {

	private static final Logger log = LoggerFactory.getLogger(TwilioConfiguration.class);

	@Bean
	TwilioAccount twilioAccount(TwilioProperties properties,
			@Value("${licence-reminder.public-base-url:}") String publicBaseUrl) {
		if (!StringUtils.hasText(properties.fromNumber()) && !StringUtils.hasText(properties.messagingServiceSid())) {
			throw new IllegalStateException(
					"Twilio is configured without a sender: set licence-reminder.twilio.from-number"
							+ " (LICENCE_REMINDER_TWILIO_FROM_NUMBER) or licence-reminder.twilio.messaging-service-sid");
		}
		String base = publicBaseUrl.strip();
		URI uri = StringUtils.hasText(base) ? URI.create(base) : null;
		if (uri == null || uri.getHost() == null
				|| !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
			throw new IllegalStateException(
					"Twilio is configured but licence-reminder.public-base-url (LICENCE_REMINDER_PUBLIC_BASE_URL)"
							+ " is not an absolute http(s) URL: Twilio needs it to report delivery and replies, and it is"
							+ " part of every webhook signature; got '" + base + "'");
		}
		TwilioRestClient client = new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
			.httpClient(new TwilioHttpClient(properties.apiBaseUrl(), properties.connectTimeout(),
					properties.readTimeout()))
			.build();
		log.info("Twilio account {} at {}, sending from {}, callbacks to {}", properties.accountSid(),
				properties.apiBaseUrl(), StringUtils.hasText(properties.messagingServiceSid())
						? properties.messagingServiceSid() : Masking.phone(properties.fromNumber()),
				base);
		return new TwilioAccount(client, properties, base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
	}

	@Bean
	FilterRegistrationBean<TwilioSignatureFilter> twilioSignatureFilter(TwilioAccount account) {
		FilterRegistrationBean<TwilioSignatureFilter> registration = new FilterRegistrationBean<>(
				new TwilioSignatureFilter(account));
		registration.addUrlPatterns(TwilioWebhooks.ROOT + "/*");
		return registration;
	}

}
