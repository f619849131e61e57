package com.licencereminder.user;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.licencereminder.shared.Role;
import org.springframework.context.ApplicationEventPublisher;
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
 * ({@code /api/me}). One-time passwords are in the answer that sets them and nowhere else; they
 * must be changed at the next login. Refusals are problem details in the caller's language.
 */
@RestController
class UserController {

	/** Letters (any script), digits, {@code . _ @ -}; 2 to 64 characters. */
	private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{2,64}");

	private final Users users;

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	private final Clock clock;

	UserController(Users users, ApplicationEventPublisher events, MessageSource messages, Clock clock) {
		this.users = users;
		this.events = events;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/api/users")
	List<UserView> list() {
		Instant now = clock.instant();
		return users.list().stream().map(account -> UserView.of(account, now)).toList();
	}

	/**
	 * Creates an account that must change its password at the first login. Without {@code password}
	 * one is generated and returned, once.
	 */
	@PostMapping("/api/users")
	ResponseEntity<CreatedUser> create(@RequestBody NewUser body, Principal admin, Locale locale) {
		String username = Users.normalise(body.username());
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw problem(HttpStatus.BAD_REQUEST, "user.username.invalid", locale);
		}
		if (body.roles() == null || body.roles().isEmpty() || body.roles().contains(null)) {
			throw problem(HttpStatus.BAD_REQUEST, "user.roles.missing", locale);
		}
		boolean generated = body.password() == null || body.password().isEmpty();
		String password = generated ? Users.generatePassword() : body.password();
		checkPolicy(username, password, locale);
		UserAccount account = users.create(username, body.roles(), password, true, admin.getName())
			.orElseThrow(() -> problem(HttpStatus.CONFLICT, "user.username.taken", locale));
		events.publishEvent(new UserChanged(account.username(), UserChanged.Change.CREATED, admin.getName(), account.roles()));
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new CreatedUser(UserView.of(account, clock.instant()), generated ? password : null));
	}

	/** Disables an account: its logins are refused. Administrators cannot disable themselves. */
	@PostMapping("/api/users/{username}/disable")
	UserView disable(@PathVariable String username, Principal admin, Locale locale) {
		if (Users.normalise(username).equals(Users.normalise(admin.getName()))) {
			throw problem(HttpStatus.CONFLICT, "user.disable-self", locale);
		}
		return changed(users.setEnabled(username, false).orElseThrow(() -> notFound(locale)), UserChanged.Change.DISABLED, admin);
	}

	/** Enables an account again, lifting a login lock too. */
	@PostMapping("/api/users/{username}/enable")
	UserView enable(@PathVariable String username, Principal admin, Locale locale) {
		return changed(users.setEnabled(username, true).orElseThrow(() -> notFound(locale)), UserChanged.Change.ENABLED, admin);
	}

	/** Sets a generated one-time password (returned once) that must be changed at the next login; lifts a lock. */
	@PostMapping("/api/users/{username}/reset-password")
	OneTimePassword resetPassword(@PathVariable String username, Principal admin, Locale locale) {
		String password = Users.generatePassword();
		UserAccount account = users.resetPassword(username, password).orElseThrow(() -> notFound(locale));
		changed(account, UserChanged.Change.PASSWORD_RESET, admin);
		return new OneTimePassword(account.username(), password);
	}

	/** Who the caller is; open to a user who must change their password. */
	@GetMapping("/api/me")
	Me me(Principal user, Locale locale) {
		UserAccount account = users.find(user.getName()).orElseThrow(() -> notFound(locale));
		return new Me(account.username(), account.roles(), account.mustChangePassword());
	}

	/** Changes the caller's own password and ends a forced change. */
	@PostMapping("/api/me/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void changePassword(@RequestBody PasswordChange body, Principal user, Locale locale) {
		UserAccount account = users.find(user.getName()).orElseThrow(() -> notFound(locale));
		if (!users.passwordMatches(account, body.currentPassword())) {
			throw problem(HttpStatus.BAD_REQUEST, "user.password.current-wrong", locale);
		}
		checkPolicy(account.username(), body.newPassword(), locale);
		if (body.newPassword().equals(body.currentPassword())) {
			throw problem(HttpStatus.BAD_REQUEST, "user.password.unchanged", locale);
		}
		users.changePassword(account.username(), body.newPassword());
		events.publishEvent(new UserChanged(account.username(), UserChanged.Change.PASSWORD_CHANGED, account.username(),
				account.roles()));
	}

	private UserView changed(UserAccount account, UserChanged.Change change, Principal admin) {
		events.publishEvent(new UserChanged(account.username(), change, admin.getName(), account.roles()));
		return UserView.of(account, clock.instant());
	}

	private void checkPolicy(String username, String password, Locale locale) {
		PasswordPolicy.violation(username, password).ifPresent(key -> {
			throw problem(HttpStatus.BAD_REQUEST, key, locale);
		});
	}

	private ResponseStatusException notFound(Locale locale) {
		return problem(HttpStatus.NOT_FOUND, "user.not-found", locale);
	}

	private ResponseStatusException problem(HttpStatus status, String key, Locale locale) {
		return new ResponseStatusException(status, messages.getMessage(key,
				new Object[] { PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_BYTES }, locale));
	}

	/**
	 * A new account.
	 * @param password the initial password; null or empty for a generated one
	 */
	record NewUser(String username, Set<Role> roles, String password) {
	}

	/** The caller's current and new password. */
	record PasswordChange(String currentPassword, String newPassword) {
	}

	/** An account as administrators see it; no hash. */
	record UserView(String username, Set<Role> roles, boolean enabled, boolean mustChangePassword, boolean locked,
			Instant lockedUntil, int failedLogins, Instant createdAt, String createdBy, Instant lastLoginAt) {

		static UserView of(UserAccount account, Instant now) {
			boolean locked = account.lockedAt(now);
			return new UserView(account.username(), account.roles(), account.enabled(), account.mustChangePassword(),
					locked, locked ? account.lockedUntil() : null, account.failedLogins(), account.createdAt(),
					account.createdBy(), account.lastLoginAt());
		}

	}

	/**
	 * A created account.
	 * @param password the generated password, shown this once; absent when the administrator chose one
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
