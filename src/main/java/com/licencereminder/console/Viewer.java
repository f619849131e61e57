package com.licencereminder.console;

import com.licencereminder.shared.Role;
import org.springframework.security.core.Authentication;

/**
 * Who is looking at a console page and what the navigation may offer them. Templates call
 * the methods ({@code ${me.admin()}}).
 *
 * @param username the login name
 * @param regulator holds {@link Role#REGULATOR}
 * @param operator holds {@link Role#OPERATOR}
 * @param admin holds {@link Role#ADMIN}
 */
public record Viewer(String username, boolean regulator, boolean operator, boolean admin) {

	/** The viewer of an authentication (no roles when it is null). */
	public static Viewer of(Authentication authentication) {
		return new Viewer(authentication == null ? null : authentication.getName(),
				Role.REGULATOR.isGrantedTo(authentication), Role.OPERATOR.isGrantedTo(authentication),
				Role.ADMIN.isGrantedTo(authentication));
	}

	/** Imports: regulators and administrators. */
	public boolean mayImport() {
		return regulator || admin;
	}

	/**
	 * The delivery log, the simulator outbox, acknowledgements and follow-up outcomes:
	 * operators and administrators.
	 */
	public boolean mayOperate() {
		return operator || admin;
	}

}
