package com.licencereminder.user;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.licencereminder.shared.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The accounts, and the {@link UserDetailsService} every login (HTTP Basic and form) goes
 * through. User names are compared after {@link #normalise}. A user who must change their
 * password gets the single authority {@link Role#PASSWORD_CHANGE_REQUIRED} instead of
 * their roles; a locked account is refused before its password is checked.
 */
@Component
class Users implements UserDetailsService {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final MongoTemplate mongo;

	private final PasswordEncoder encoder;

	private final Clock clock;

	Users(MongoTemplate mongo, PasswordEncoder encoder, Clock clock) {
		this.mongo = mongo;
		this.encoder = encoder;
		this.clock = clock;
	}

	/** Trimmed and in lower case; null stays null. */
	static String normalise(String username) {
		return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
	}

	/** A random password of 24 URL-safe characters (144 bits). */
	static String generatePassword() {
		byte[] random = new byte[18];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		UserAccount account = find(username).orElseThrow(() -> new UsernameNotFoundException("No user " + username));
		String[] authorities = account.mustChangePassword() ? new String[] { Role.PASSWORD_CHANGE_REQUIRED }
				: account.roles().stream().map(Role::authority).toArray(String[]::new);
		return User.withUsername(account.username())
			.password(account.passwordHash())
			.authorities(authorities)
			.disabled(!account.enabled())
			.accountLocked(account.lockedAt(clock.instant()))
			.build();
	}

	Optional<UserAccount> find(String username) {
		String id = normalise(username);
		return id == null || id.isEmpty() ? Optional.empty()
				: Optional.ofNullable(mongo.findById(id, UserAccount.class));
	}

	List<UserAccount> list() {
		return mongo.find(new Query().with(Sort.by("_id")), UserAccount.class);
	}

	/**
	 * Creates an account, enabled.
	 * @return the account, or empty when the name is taken
	 */
	Optional<UserAccount> create(String username, Set<Role> roles, String password, boolean mustChangePassword,
			String by) {
		UserAccount account = new UserAccount(normalise(username), encoder.encode(password), Set.copyOf(roles), true,
				mustChangePassword, 0, null, clock.instant(), by, null);
		try {
			return Optional.of(mongo.insert(account));
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Enabling also lifts a lock and forgets failed logins. Empty when there is no such
	 * user.
	 */
	Optional<UserAccount> setEnabled(String username, boolean enabled) {
		Update update = new Update().set("enabled", enabled);
		if (enabled) {
			update.set("failedLogins", 0).unset("lockedUntil");
		}
		return modify(username, update);
	}

	/** Sets a new password the user must change at their next login, lifting any lock. */
	Optional<UserAccount> resetPassword(String username, String password) {
		return modify(username,
				new Update().set("passwordHash", encoder.encode(password))
					.set("mustChangePassword", true)
					.set("failedLogins", 0)
					.unset("lockedUntil"));
	}

	/** The user's own change: the new password, no forced change any more. */
	Optional<UserAccount> changePassword(String username, String password) {
		return modify(username,
				new Update().set("passwordHash", encoder.encode(password)).set("mustChangePassword", false));
	}

	/**
	 * Makes the account match the configured administrator: that password, enabled,
	 * unlocked, ADMIN, no forced change. Writes only when something differs.
	 * @return whether it wrote
	 */
	boolean align(UserAccount account, String password) {
		boolean matches = encoder.matches(password, account.passwordHash()) && account.enabled()
				&& !account.mustChangePassword() && account.lockedUntil() == null
				&& account.roles().contains(Role.ADMIN);
		if (matches) {
			return false;
		}
		Set<Role> roles = new HashSet<>(account.roles());
		roles.add(Role.ADMIN);
		modify(account.username(),
				new Update().set("passwordHash", encoder.encode(password))
					.set("enabled", true)
					.set("mustChangePassword", false)
					.set("roles", roles)
					.set("failedLogins", 0)
					.unset("lockedUntil"));
		return true;
	}

	boolean passwordMatches(UserAccount account, String password) {
		return password != null && encoder.matches(password, account.passwordHash());
	}

	/**
	 * Counts a wrong password; the {@code maxFailures}th locks the account for
	 * {@code lockFor} and starts the count again.
	 * @return the account when this failure locked it, else empty (also for unknown
	 * names)
	 */
	Optional<UserAccount> recordFailure(String username, int maxFailures, Duration lockFor) {
		Query query = Query.query(Criteria.where("_id").is(normalise(username)));
		UserAccount counted = mongo.findAndModify(query, new Update().inc("failedLogins", 1),
				FindAndModifyOptions.options().returnNew(true), UserAccount.class);
		if (counted == null || counted.failedLogins() < maxFailures) {
			return Optional.empty();
		}
		Instant until = clock.instant().plus(lockFor);
		return Optional.ofNullable(mongo.findAndModify(
				Query.query(Criteria.where("_id").is(counted.username()).and("failedLogins").gte(maxFailures)),
				new Update().set("failedLogins", 0).set("lockedUntil", until),
				FindAndModifyOptions.options().returnNew(true), UserAccount.class));
	}

	/**
	 * Forgets failed logins (a write only when there were some) and records the login
	 * when the last recorded one is older than {@code recordEvery}.
	 * @return whether the login was recorded
	 */
	boolean recordSuccess(String username, Duration recordEvery) {
		String id = normalise(username);
		mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("failedLogins").gt(0)),
				new Update().set("failedLogins", 0).unset("lockedUntil"), UserAccount.class);
		Instant now = clock.instant();
		Query stale = Query.query(Criteria.where("_id")
			.is(id)
			.orOperator(Criteria.where("lastLoginAt").is(null),
					Criteria.where("lastLoginAt").lt(now.minus(recordEvery))));
		return mongo.updateFirst(stale, new Update().set("lastLoginAt", now), UserAccount.class).getModifiedCount() > 0;
	}

	private Optional<UserAccount> modify(String username, Update update) {
		return Optional.ofNullable(mongo.findAndModify(Query.query(Criteria.where("_id").is(normalise(username))),
				update, FindAndModifyOptions.options().returnNew(true), UserAccount.class));
	}

}
