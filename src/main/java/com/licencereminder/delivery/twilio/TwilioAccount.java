package com.licencereminder.delivery.twilio;

import com.twilio.http.TwilioRestClient;

/**
 * The configured Twilio account as the adapters use it: the REST client and the URLs
 * Twilio calls back. Exists only when Twilio is configured ({@link ConditionalOnTwilio}).
 */
public final class TwilioAccount {

	private final TwilioRestClient client;

	private final TwilioProperties properties;

	private final String publicBaseUrl;

	TwilioAccount(TwilioRestClient client, TwilioProperties properties, String publicBaseUrl) {
		this.client = client;
		this.properties = properties;
		this.publicBaseUrl = publicBaseUrl;
	}

	/**
	 * The REST client, with the configured timeouts and base URL and without retries of
	 * its own.
	 */
	public TwilioRestClient client() {
		return client;
	}

	/** The account settings. */
	public TwilioProperties properties() {
		return properties;
	}

	/** The callback for status reports on an attempt's message or call. */
	public String statusCallback(String attemptId) {
		return publicUrl(TwilioWebhooks.STATUS.replace("{attemptId}", attemptId));
	}

	/** Where a call posts the key pressed by the person who answered. */
	public String gatherCallback(String attemptId) {
		return publicUrl(TwilioWebhooks.GATHER.replace("{attemptId}", attemptId));
	}

	/**
	 * The public URL of a path of this service: {@code licence-reminder.public-base-url}
	 * + path.
	 */
	String publicUrl(String path) {
		return publicBaseUrl + path;
	}

}
