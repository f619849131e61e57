/**
 * The reminder engine: policies, the planner that turns a licence's validity cycle into
 * reminder tasks, the Quartz-driven dispatcher that claims due tasks with leases and
 * hands them to {@link com.licencereminder.delivery.Deliveries}, stop conditions
 * (renewal, acknowledgement, revocation), send windows and the manual follow-up list (API
 * {@code /api/follow-ups}, console {@code /follow-ups} with its dashboard panel). Never
 * calls a provider directly.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reminders")
package com.licencereminder.reminder;
