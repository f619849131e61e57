package com.licencereminder.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling, for HTTP Basic and form login alike.
 *
 * @param maxFailures consecutive wrong passwords for one user name that lock it
 * @param lockFor how long a lock lasts; a locked account is refused without checking the
 * password
 * @param recordEvery a successful login is recorded (last login, audit entry) when the
 * previous recorded one is older than this: API clients authenticate on every request,
 * and one entry per request would drown the audit log
 */
@ConfigurationProperties("licence-reminder.security.login")
record LoginProperties(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration lockFor,
		@DefaultValue("30m") Duration recordEvery) {

	LoginProperties {
		if (maxFailures < 1) {
			throw new IllegalArgumentException("licence-reminder.security.login.max-failures must be at least 1");
		}
	}

}
