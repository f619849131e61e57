package com.licencereminder.user;

import java.time.Instant;
import java.util.Set;

import com.licencereminder.shared.Role;

/**
 * An account as administrators see it (API and console); no hash.
 *
 * @param locked whether a login lock holds now
 * @param lockedUntil when the lock ends; null when not locked
 */
record UserView(String username, Set<Role> roles, boolean enabled, boolean mustChangePassword, boolean locked,
		Instant lockedUntil, int failedLogins, Instant createdAt, String createdBy, Instant lastLoginAt) {

	static UserView of(UserAccount account, Instant now) {
		boolean locked = account.lockedAt(now);
		return new UserView(account.username(), account.roles(), account.enabled(), account.mustChangePassword(),
				locked, locked ? account.lockedUntil() : null, account.failedLogins(), account.createdAt(),
				account.createdBy(), account.lastLoginAt());
	}

}
