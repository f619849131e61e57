package com.licencereminder.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bootstrap administrator, created at start when no user of that name exists. When
 * {@code password} is unset a random one is generated and logged once.
 *
 * @param username the administrator's login name (default {@code admin})
 * @param password the administrator's initial password, from the environment
 * ({@code LICENCE_REMINDER_SECURITY_ADMIN_PASSWORD}); never commit one
 * @param syncPassword when true and {@code password} is set, every start makes the stored
 * administrator match it again (password, enabled, unlocked, ADMIN, no forced change):
 * the way back in for an operator who lost the password. Off by default, so a password
 * changed through the API survives restarts.
 */
@ConfigurationProperties("licence-reminder.security.admin")
record AdminProperties(@DefaultValue("admin") String username, String password,
		@DefaultValue("false") boolean syncPassword) {
}
