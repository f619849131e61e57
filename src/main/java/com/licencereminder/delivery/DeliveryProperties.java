package com.licencereminder.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery settings.
 *
 * @param inFlightTimeout how long an attempt may stay unanswered before another request
 * with the same reference may start a new attempt (which is then flagged as a possible
 * duplicate); until then such a request fails transiently with {@code IN_FLIGHT}
 * @param lookupTimeout how long a request waits for the provider to say whether the
 * reference's last attempt, whose outcome was unknown, was sent; without an answer by
 * then it sends again, flagged as a possible duplicate
 */
@ConfigurationProperties("licence-reminder.delivery")
record DeliveryProperties(@DefaultValue("2m") Duration inFlightTimeout, @DefaultValue("10s") Duration lookupTimeout) {
}
