package com.licencereminder.delivery.tencent;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** See {@link ConditionalOnTencent}. */
class TencentConfigured implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return StringUtils.hasText(context.getEnvironment().getProperty("licence-reminder.tencent.secret-id"))
				&& StringUtils.hasText(context.getEnvironment().getProperty("licence-reminder.tencent.secret-key"));
	}

}
