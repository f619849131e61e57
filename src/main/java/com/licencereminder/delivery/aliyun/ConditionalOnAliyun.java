package com.licencereminder.delivery.aliyun;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code licence-reminder.aliyun.access-key-id} and
 * {@code licence-reminder.aliyun.access-key-secret} are both set and not blank (an empty
 * environment variable does not switch Aliyun on).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(AliyunConfigured.class)
@interface ConditionalOnAliyun {

}
