package com.licencereminder.delivery.aliyun;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** See {@link ConditionalOnAliyun}. */
class AliyunConfigured implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return StringUtils.hasText(context.getEnvironment().getProperty("licence-reminder.aliyun.access-key-id"))
				&& StringUtils
					.hasText(context.getEnvironment().getProperty("licence-reminder.aliyun.access-key-secret"));
	}

}
