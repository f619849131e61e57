/**
 * Security wiring: everything behind login except health (and, later, the signature-checked
 * webhooks); HTTP Basic for {@code /api/**}; the bootstrap administrator.
 */
package com.licencereminder.shared.security;
