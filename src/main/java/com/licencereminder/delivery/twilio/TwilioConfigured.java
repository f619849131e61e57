package com.licencereminder.delivery.twilio;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** See {@link ConditionalOnTwilio}. */
class TwilioConfigured implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return StringUtils.hasText(context.getEnvironment().getProperty("licence-reminder.twilio.account-sid"))
				&& StringUtils.hasText(context.getEnvironment().getProperty("licence-reminder.twilio.auth-token"));
	}

}
