/**
 * Security wiring: everything behind login except health and the signature-checked
 * webhooks; HTTP Basic for {@code /api/**}, form login for the rest; the routes each
 * {@link com.licencereminder.shared.Role} may use. The users themselves are the
 * {@code user} module's.
 */
package com.licencereminder.shared.security;
