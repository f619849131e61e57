package com.licencereminder.user;

import java.util.Set;
import java.util.regex.Pattern;

import com.licencereminder.shared.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What administrators do to accounts and what each user does to their own, for the API
 * and the console alike: every change is checked, stored and published as a
 * {@link UserChanged}. A change that is not allowed throws {@link Refused}, naming the
 * message key that says why (its arguments are {@link PasswordPolicy#MIN_LENGTH} and
 * {@link PasswordPolicy#MAX_BYTES}).
 */
@Component
class UserAdministration {

	/** Letters (any script), digits, {@code . _ @ -}; 2 to 64 characters. */
	private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{2,64}");

	private final Users users;

	private final ApplicationEventPublisher events;

	UserAdministration(Users users, ApplicationEventPublisher events) {
		this.users = users;
		this.events = events;
	}

	/**
	 * Creates an enabled account that must change its password at the first login.
	 * @param password the initial password; null or empty for a generated one
	 * @return the account, with the generated password when one was generated
	 */
	WithPassword create(String username, Set<Role> roles, String password, String by) {
		String name = Users.normalise(username);
		if (name == null || !USERNAME.matcher(name).matches()) {
			throw new Refused(HttpStatus.BAD_REQUEST, "user.username.invalid");
		}
		if (roles == null || roles.isEmpty() || roles.contains(null)) {
			throw new Refused(HttpStatus.BAD_REQUEST, "user.roles.missing");
		}
		boolean generated = password == null || password.isEmpty();
		String initial = generated ? Users.generatePassword() : password;
		checkPolicy(name, initial);
		UserAccount account = users.create(name, roles, initial, true, by)
			.orElseThrow(() -> new Refused(HttpStatus.CONFLICT, "user.username.taken"));
		publish(account, UserChanged.Change.CREATED, by);
		return new WithPassword(account, generated ? initial : null);
	}

	/** Disables an account: its logins are refused. Nobody can disable themselves. */
	UserAccount disable(String username, String by) {
		if (Users.normalise(username).equals(Users.normalise(by))) {
			throw new Refused(HttpStatus.CONFLICT, "user.disable-self");
		}
		return publish(users.setEnabled(username, false).orElseThrow(UserAdministration::notFound),
				UserChanged.Change.DISABLED, by);
	}

	/** Enables an account again, lifting a login lock too. */
	UserAccount enable(String username, String by) {
		return publish(users.setEnabled(username, true).orElseThrow(UserAdministration::notFound),
				UserChanged.Change.ENABLED, by);
	}

	/**
	 * Sets a generated one-time password that must be changed at the next login; lifts a
	 * lock.
	 */
	WithPassword resetPassword(String username, String by) {
		String password = Users.generatePassword();
		UserAccount account = users.resetPassword(username, password).orElseThrow(UserAdministration::notFound);
		publish(account, UserChanged.Change.PASSWORD_RESET, by);
		return new WithPassword(account, password);
	}

	/** The user's own change, given their current password; ends a forced change. */
	void changeOwnPassword(String username, String currentPassword, String newPassword) {
		UserAccount account = users.find(username).orElseThrow(UserAdministration::notFound);
		if (!users.passwordMatches(account, currentPassword)) {
			throw new Refused(HttpStatus.BAD_REQUEST, "user.password.current-wrong");
		}
		checkPolicy(account.username(), newPassword);
		if (newPassword.equals(currentPassword)) {
			throw new Refused(HttpStatus.BAD_REQUEST, "user.password.unchanged");
		}
		users.changePassword(account.username(), newPassword);
		publish(account, UserChanged.Change.PASSWORD_CHANGED, account.username());
	}

	private UserAccount publish(UserAccount account, UserChanged.Change change, String by) {
		events.publishEvent(new UserChanged(account.username(), change, by, account.roles()));
		return account;
	}

	private static void checkPolicy(String username, String password) {
		PasswordPolicy.violation(username, password).ifPresent(key -> {
			throw new Refused(HttpStatus.BAD_REQUEST, key);
		});
	}

	private static Refused notFound() {
		return new Refused(HttpStatus.NOT_FOUND, "user.not-found");
	}

	/**
	 * An account and a password to show once.
	 *
	 * @param password the generated password; null when the administrator chose it
	 */
	record WithPassword(UserAccount account, String password) {
	}

	/**
	 * A change that is not allowed: the HTTP status the API answers and the message key
	 * of the reason.
	 */
	static final class Refused extends RuntimeException {

		private final HttpStatus status;

		private final String key;

		Refused(HttpStatus status, String key) {
			super(key, null, false, false);
			this.status = status;
			this.key = key;
		}

		HttpStatus status() {
			return status;
		}

		String key() {
			return key;
		}

	}

}
