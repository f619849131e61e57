package com.licencereminder.audit;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One audited action.
 *
 * @param id generated
 * @param at when it was recorded
 * @param actor a user name, {@code system}, or a channel and masked number
 * ({@code sms:138****5678})
 * @param target what it was done to: {@code import:<id>}, {@code licence:<id>},
 * {@code follow-up:<id>} or {@code user:<name>}
 * @param details what else is worth knowing (file name, note, result, roles, reason)
 */
@Document("audit_events")
record AuditEntry(@Id String id, Instant at, String actor, Action action, String target, Map<String, String> details) {

	/** What was done. */
	enum Action {

		IMPORT_SUBMITTED, LICENCE_ACKNOWLEDGED, FOLLOW_UP_RECORDED, USER_CREATED, USER_DISABLED, USER_ENABLED,
		USER_PASSWORD_RESET, USER_PASSWORD_CHANGED, USER_LOCKED, LOGIN, LOGIN_FAILED, BUSINESS_BOUND, BUSINESS_UNBOUND,
		BUSINESS_LOCKED_OUT

	}

}
