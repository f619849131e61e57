package com.licencereminder.shared;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the {@link Clock} all time-dependent code takes, in the service's zone
 * ({@code licence-reminder.zone}, default {@code Asia/Shanghai}).
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	Clock clock(@Value("${licence-reminder.zone:Asia/Shanghai}") ZoneId zone) {
		return Clock.system(zone);
	}

}
