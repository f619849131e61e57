package com.licencereminder.shared;

import org.springframework.security.core.Authentication;

/**
 * What a user may do. The route rules are in {@code shared.security}; README and
 * {@code docs/decisions/0062-role-matrix-as-url-rules.md} show the matrix.
 * <ul>
 * <li>{@link #REGULATOR}: imports, licences (read), the follow-up list (read);</li>
 * <li>{@link #OPERATOR}: licences (read), acknowledgements, the delivery log and its
 * export, the follow-up list and its outcomes;</li>
 * <li>{@link #ADMIN}: everything, including users, the audit log, the simulator outbox,
 * metrics, and unmasked phone numbers.</li>
 * </ul>
 */
public enum Role {

	REGULATOR, OPERATOR, ADMIN;

	/**
	 * The only authority of a user who must change their password: granted instead of
	 * their roles, so that nothing but {@code /api/me} and {@code /api/me/password} is
	 * allowed until they do.
	 */
	public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

	/** The Spring Security authority of this role ({@code ROLE_ADMIN}, ...). */
	public String authority() {
		return "ROLE_" + name();
	}

	/** Whether the (possibly null) authentication holds this role. */
	public boolean isGrantedTo(Authentication authentication) {
		return authentication != null
				&& authentication.getAuthorities().stream().anyMatch(a -> authority().equals(a.getAuthority()));
	}

}
