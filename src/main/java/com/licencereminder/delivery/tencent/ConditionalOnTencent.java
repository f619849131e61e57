package com.licencereminder.delivery.tencent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code licence-reminder.tencent.secret-id} and
 * {@code licence-reminder.tencent.secret-key} are both set and not blank (an empty
 * environment variable does not switch Tencent on).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(TencentConfigured.class)
@interface ConditionalOnTencent {

}
