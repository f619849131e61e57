package com.licencereminder.user;

import java.util.Set;

import com.licencereminder.shared.Role;

/**
 * Published after an account changed.
 *
 * @param username the account
 * @param change what happened to it
 * @param by who did it: an administrator's user name, the user themself, or
 * {@code system} (a lock, the bootstrap administrator)
 * @param roles the account's roles after the change
 */
public record UserChanged(String username, Change change, String by, Set<Role> roles) {

	/** What happened to an account. */
	public enum Change {

		CREATED, DISABLED, ENABLED, PASSWORD_RESET, PASSWORD_CHANGED, LOCKED

	}

}
