package com.licencereminder.delivery.twilio;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code licence-reminder.twilio.account-sid} and
 * {@code licence-reminder.twilio.auth-token} are both set and not blank (an empty
 * environment variable does not switch Twilio on).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(TwilioConfigured.class)
public @interface ConditionalOnTwilio {

}
