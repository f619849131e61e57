package com.licencereminder.user;

import java.time.Instant;
import java.util.Set;

import com.licencereminder.shared.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person who logs in. The user name (normalised: trimmed, lower case) is the
 * {@code _id}.
 *
 * @param passwordHash the {@code PasswordEncoder}'s encoding ({@code {bcrypt}...})
 * @param mustChangePassword set for new and reset accounts: until the user changes the
 * password, they hold none of their roles
 * @param failedLogins wrong passwords since the last successful login or lock
 * @param lockedUntil no login is attempted before this instant; null when not locked
 * @param lastLoginAt the last recorded login (see {@code LoginProperties#recordEvery})
 */
@Document("users")
record UserAccount(@Id String username, String passwordHash, Set<Role> roles, boolean enabled,
		boolean mustChangePassword, int failedLogins, Instant lockedUntil, Instant createdAt, String createdBy,
		Instant lastLoginAt) {

	boolean lockedAt(Instant now) {
		return lockedUntil != null && now.isBefore(lockedUntil);
	}

}
