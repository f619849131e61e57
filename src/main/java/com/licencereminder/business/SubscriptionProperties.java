package com.licencereminder.business;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mini-program's subscribe-message settings this module reads
 * ({@code licence-reminder.wechat}; the delivery module reads the rest).
 *
 * @param templateId the subscribe-message template reminders use: the only template a
 * business can grant a subscription to
 * @param subscription {@code one-time} (each grant allows one message) or
 * {@code long-term} (a grant holds until revoked; imported openids count as granted)
 */
@ConfigurationProperties("licence-reminder.wechat")
record SubscriptionProperties(String templateId, @DefaultValue("one-time") Subscription subscription) {

	/** Whether the template id is the configured one. */
	boolean knows(String template) {
		return templateId != null && !templateId.isBlank() && templateId.equals(template);
	}

	/** The two kinds of subscribe-message templates. */
	enum Subscription {

		/** Each grant allows exactly one message. */
		ONE_TIME,

		/** A grant holds until revoked (some government mini-programs). */
		LONG_TERM

	}

}
