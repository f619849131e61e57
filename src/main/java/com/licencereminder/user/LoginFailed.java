package com.licencereminder.user;

/**
 * Published after every refused login.
 *
 * @param username the user name as given (it may not exist)
 * @param reason {@code bad-credentials} (wrong password or unknown user), {@code locked},
 * {@code disabled}, or another Spring Security reason
 */
public record LoginFailed(String username, String reason) {
}
