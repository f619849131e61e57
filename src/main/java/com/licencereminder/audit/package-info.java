/**
 * The audit log (collection {@code audit_events}): who did what, to what, and when, for
 * imports, acknowledgements, follow-up outcomes, user changes and logins. It listens to
 * the events the owning modules publish and writes nothing else; administrators read it
 * at {@code /api/audit} and on the console page {@code /audit}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package com.licencereminder.audit;
