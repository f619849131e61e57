package com.licencereminder.user;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.licencereminder.shared.Role;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * User management for administrators ({@code /api/users}) and each user's own account
 * ({@code /api/me}). One-time passwords are in the answer that sets them and nowhere
 * else; they must be changed at the next login. Refusals are problem details in the
 * caller's language.
 */
@RestController
class UserController {

	private final Users users;

	private final UserAdministration administration;

	private final MessageSource messages;

	private final Clock clock;

	UserController(Users users, UserAdministration administration, MessageSource messages, Clock clock) {
		this.users = users;
		this.administration = administration;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/api/users")
	List<UserView> list() {
		Instant now = clock.instant();
		return users.list().stream().map(account -> UserView.of(account, now)).toList();
	}

	/**
	 * Creates an account that must change its password at the first login. Without
	 * {@code password} one is generated and returned, once.
	 */
	@PostMapping("/api/users")
	ResponseEntity<CreatedUser> create(@RequestBody NewUser body, Principal admin, Locale locale) {
		UserAdministration.WithPassword created = refusing(locale,
				() -> administration.create(body.username(), body.roles(), body.password(), admin.getName()));
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new CreatedUser(UserView.of(created.account(), clock.instant()), created.password()));
	}

	/**
	 * Disables an account: its logins are refused. Administrators cannot disable
	 * themselves.
	 */
	@PostMapping("/api/users/{username}/disable")
	UserView disable(@PathVariable String username, Principal admin, Locale locale) {
		return view(refusing(locale, () -> administration.disable(username, admin.getName())));
	}

	/** Enables an account again, lifting a login lock too. */
	@PostMapping("/api/users/{username}/enable")
	UserView enable(@PathVariable String username, Principal admin, Locale locale) {
		return view(refusing(locale, () -> administration.enable(username, admin.getName())));
	}

	/**
	 * Sets a generated one-time password (returned once) that must be changed at the next
	 * login; lifts a lock.
	 */
	@PostMapping("/api/users/{username}/reset-password")
	OneTimePassword resetPassword(@PathVariable String username, Principal admin, Locale locale) {
		UserAdministration.WithPassword reset = refusing(locale,
				() -> administration.resetPassword(username, admin.getName()));
		return new OneTimePassword(reset.account().username(), reset.password());
	}

	/** Who the caller is; open to a user who must change their password. */
	@GetMapping("/api/me")
	Me me(Principal user, Locale locale) {
		UserAccount account = users.find(user.getName())
			.orElseThrow(() -> problem(new UserAdministration.Refused(HttpStatus.NOT_FOUND, "user.not-found"), locale));
		return new Me(account.username(), account.roles(), account.mustChangePassword());
	}

	/** Changes the caller's own password and ends a forced change. */
	@PostMapping("/api/me/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void changePassword(@RequestBody PasswordChange body, Principal user, Locale locale) {
		refusing(locale, () -> {
			administration.changeOwnPassword(user.getName(), body.currentPassword(), body.newPassword());
			return null;
		});
	}

	private UserView view(UserAccount account) {
		return UserView.of(account, clock.instant());
	}

	/**
	 * The action's result; a refusal becomes a problem detail in the caller's language.
	 */
	private <T> T refusing(Locale locale, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (UserAdministration.Refused refused) {
			throw problem(refused, locale);
		}
	}

	private ResponseStatusException problem(UserAdministration.Refused refused, Locale locale) {
		return new ResponseStatusException(refused.status(), messages.getMessage(refused.key(),
				new Object[] { PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_BYTES }, locale));
	}

	/**
	 * A new account.
	 *
	 * @param password the initial password; null or empty for a generated one
	 */
	record NewUser(String username, Set<Role> roles, String password) {
	}

	/** The caller's current and new password. */
	record PasswordChange(String currentPassword, String newPassword) {
	}

	/**
	 * A created account.
	 *
	 * @param password the generated password, shown this once; absent when the
	 * administrator chose one
	 */
	record CreatedUser(UserView user, @JsonInclude(JsonInclude.Include.NON_NULL) String password) {
	}

	/** A one-time password, shown this once. */
	record OneTimePassword(String username, String password) {
	}

	/** The caller's account. */
	record Me(String username, Set<Role> roles, boolean mustChangePassword) {
	}

}
