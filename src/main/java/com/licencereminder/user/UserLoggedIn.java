package com.licencereminder.user;

/**
 * Published when a successful login is recorded: at most once per
 * {@code licence-reminder.security.login.record-every} and user, however many requests
 * they make.
 *
 * @param username the user
 */
public record UserLoggedIn(String username) {
}
