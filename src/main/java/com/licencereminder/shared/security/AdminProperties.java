package com.licencereminder.shared.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bootstrap administrator. When {@code password} is unset a random one is generated and logged
 * once at start.
 *
 * @param username the administrator's login name (default {@code admin})
 * @param password the administrator's password, from the environment
 *     ({@code LICENCE_REMINDER_SECURITY_ADMIN_PASSWORD}); never commit one
 */
@ConfigurationProperties("licence-reminder.security.admin")
record AdminProperties(@DefaultValue("admin") String username, String password) {
}
