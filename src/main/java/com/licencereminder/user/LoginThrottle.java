package com.licencereminder.user;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Counts wrong passwords from Spring Security's authentication events (HTTP Basic and
 * form login alike) and locks a user name after {@code max-failures} in a row for
 * {@code lock-for}; a successful login resets the count. Publishes {@link LoginFailed}
 * for every refusal, {@link UserLoggedIn} for recorded logins and {@link UserChanged}
 * ({@code LOCKED}) for locks.
 */
@Component
class LoginThrottle {

	private static final int MAX_NAME_LENGTH = 100;

	private final Users users;

	private final LoginProperties properties;

	private final ApplicationEventPublisher events;

	LoginThrottle(Users users, LoginProperties properties, ApplicationEventPublisher events) {
		this.users = users;
		this.properties = properties;
		this.events = events;
	}

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		String username = event.getAuthentication().getName();
		if (users.recordSuccess(username, properties.recordEvery())) {
			events.publishEvent(new UserLoggedIn(Users.normalise(username)));
		}
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		String username = String.valueOf(event.getAuthentication().getName());
		if (username.length() > MAX_NAME_LENGTH) {
			username = username.substring(0, MAX_NAME_LENGTH) + "…";
		}
		AuthenticationException failure = event.getException();
		events.publishEvent(new LoginFailed(username, reason(failure)));
		if (failure instanceof BadCredentialsException) {
			users.recordFailure(username, properties.maxFailures(), properties.lockFor())
				.ifPresent(locked -> events.publishEvent(
						new UserChanged(locked.username(), UserChanged.Change.LOCKED, "system", locked.roles())));
		}
	}

	private static String reason(AuthenticationException failure) {
		if (failure instanceof BadCredentialsException) {
			return "bad-credentials";
		}
		if (failure instanceof LockedException) {
			return "locked";
		}
		if (failure instanceof DisabledException) {
			return "disabled";
		}
		return failure.getClass().getSimpleName();
	}

}
