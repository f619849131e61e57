package com.licencereminder.user;

import java.util.Set;

import com.licencereminder.shared.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates the administrator of {@code licence-reminder.security.admin.*} at start, before
 * requests are served, when no user of that name exists: with the configured password, or
 * a generated one logged once. An existing account is left alone unless
 * {@code sync-password} is on (see {@link AdminProperties}).
 */
@Component
class BootstrapAdministrator implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);

	private final Users users;

	private final AdminProperties admin;

	private final ApplicationEventPublisher events;

	BootstrapAdministrator(Users users, AdminProperties admin, ApplicationEventPublisher events) {
		this.users = users;
		this.admin = admin;
		this.events = events;
	}

	@Override
	public void afterSingletonsInstantiated() {
		String configured = admin.password();
		var existing = users.find(admin.username());
		if (existing.isPresent()) {
			if (admin.syncPassword() && StringUtils.hasText(configured) && users.align(existing.get(), configured)) {
				log.warn(
						"Administrator '{}' reset to the configured password (licence-reminder.security.admin.sync-password)",
						existing.get().username());
				events.publishEvent(new UserChanged(existing.get().username(), UserChanged.Change.PASSWORD_RESET,
						"system", users.find(admin.username()).orElseThrow().roles()));
			}
			return;
		}
		String password = configured;
		if (!StringUtils.hasText(password)) {
			password = Users.generatePassword();
			log.warn(
					"No licence-reminder.security.admin.password set: generated password for '{}': {}"
							+ " (set LICENCE_REMINDER_SECURITY_ADMIN_PASSWORD to choose one)",
					admin.username(), password);
		}
		users.create(admin.username(), Set.of(Role.ADMIN), password, false, "system")
			.ifPresent(created -> events.publishEvent(
					new UserChanged(created.username(), UserChanged.Change.CREATED, "system", created.roles())));
	}

}
