package com.licencereminder.audit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import com.licencereminder.audit.AuditEntry.Action;
import com.licencereminder.business.BusinessBound;
import com.licencereminder.business.VerificationLockedOut;
import com.licencereminder.licence.ImportSubmitted;
import com.licencereminder.reminder.FollowUpRecorded;
import com.licencereminder.reminder.LicenceAcknowledged;
import com.licencereminder.user.LoginFailed;
import com.licencereminder.user.UserChanged;
import com.licencereminder.user.UserLoggedIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes an entry for each audited event, synchronously, as the action happens. The
 * action has already happened when its event arrives, so a failed write is logged as an
 * error and does not fail the action (the store being down would have failed the action
 * first in almost every case).
 */
@Component
class AuditLog {

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	private final MongoTemplate mongo;

	private final Clock clock;

	AuditLog(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@EventListener
	void on(ImportSubmitted event) {
		write(event.submittedBy(), Action.IMPORT_SUBMITTED, "import:" + event.importId(),
				details("fileName", event.fileName(), "licenceType", event.licenceType()));
	}

	@EventListener
	void on(LicenceAcknowledged event) {
		write(event.by(), Action.LICENCE_ACKNOWLEDGED, "licence:" + event.licenceId(),
				details("cycle", String.valueOf(event.cycle()), "note", event.note()));
	}

	@EventListener
	void on(FollowUpRecorded event) {
		write(event.by(), Action.FOLLOW_UP_RECORDED, "follow-up:" + event.followUpId(),
				details("licenceId", event.licenceId(), "result", event.result(), "note", event.note()));
	}

	@EventListener
	void on(UserChanged event) {
		write(event.by(), Action.valueOf("USER_" + event.change().name()), "user:" + event.username(),
				details("roles", String.join(",", new TreeSet<>(event.roles().stream().map(Enum::name).toList()))));
	}

	@EventListener
	void on(UserLoggedIn event) {
		write(event.username(), Action.LOGIN, "user:" + event.username(), Map.of());
	}

	@EventListener
	void on(LoginFailed event) {
		write(event.username(), Action.LOGIN_FAILED, "user:" + event.username(), details("reason", event.reason()));
	}

	@EventListener
	void on(BusinessBound event) {
		write(event.by(), "UNBOUND".equals(event.method()) ? Action.BUSINESS_UNBOUND : Action.BUSINESS_BOUND,
				"licence:" + event.licenceId(), details("method", event.method()));
	}

	@EventListener
	void on(VerificationLockedOut event) {
		write(event.by(), Action.BUSINESS_LOCKED_OUT, event.by(), details("reason", event.reason()));
	}

	private void write(String actor, Action action, String target, Map<String, String> details) {
		try {
			mongo.insert(new AuditEntry(null, clock.instant(), actor, action, target, details));
		}
		catch (RuntimeException ex) {
			log.error("Could not write the audit entry {} by {} on {} {}", action, actor, target, details, ex);
		}
	}

	/** Name-value pairs without the null values, in order. */
	private static Map<String, String> details(String... pairs) {
		Map<String, String> details = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			if (pairs[i + 1] != null) {
				details.put(pairs[i], pairs[i + 1]);
			}
		}
		return details;
	}

}
