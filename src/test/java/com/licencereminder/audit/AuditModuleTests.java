package com.licencereminder.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.licencereminder.audit.AuditEntry.Action;
import com.licencereminder.reminder.FollowUpRecorded;
import com.licencereminder.reminder.LicenceAcknowledged;
import com.licencereminder.shared.NoTransactions;
import com.licencereminder.shared.Role;
import com.licencereminder.user.UserChanged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The audit module on its own (with the shared store): the events other modules publish
 * become entries naming who did what to what, without the modules that publish them.
 */
@ApplicationModuleTest(extraIncludes = "shared")
@Import(NoTransactions.class)
@ActiveProfiles("test")
class AuditModuleTests {

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void clear() {
		mongo.remove(new Query(), AuditEntry.class);
	}

	@Test
	void anAcknowledgementIsAuditedWithItsCycleAndNote(Scenario scenario) {
		scenario.publish(new LicenceAcknowledged("licence-7", 2, "clerk", "renewing next week"))
			.andWaitForStateChange(() -> entries(Action.LICENCE_ACKNOWLEDGED))
			.andVerify(entries -> assertThat(entries).singleElement().satisfies(entry -> {
				assertThat(entry.actor()).isEqualTo("clerk");
				assertThat(entry.target()).isEqualTo("licence:licence-7");
				assertThat(entry.details()).containsExactly(Map.entry("cycle", "2"),
						Map.entry("note", "renewing next week"));
			}));
	}

	@Test
	void aFollowUpOutcomeWithoutANoteIsAuditedWithoutOne(Scenario scenario) {
		scenario.publish(new FollowUpRecorded("item-3", "licence-7", "CALLED", null, "clerk"))
			.andWaitForStateChange(() -> entries(Action.FOLLOW_UP_RECORDED))
			.andVerify(entries -> assertThat(entries).singleElement()
				.satisfies(entry -> assertThat(entry.details()).containsOnlyKeys("licenceId", "result")));
	}

	@Test
	void aUserChangeNamesTheRolesInOrder(Scenario scenario) {
		scenario
			.publish(new UserChanged("wang", UserChanged.Change.CREATED, "admin", Set.of(Role.OPERATOR, Role.ADMIN)))
			.andWaitForStateChange(() -> entries(Action.USER_CREATED))
			.andVerify(entries -> assertThat(entries).singleElement().satisfies(entry -> {
				assertThat(entry.actor()).isEqualTo("admin");
				assertThat(entry.target()).isEqualTo("user:wang");
				assertThat(entry.details()).containsExactly(Map.entry("roles", "ADMIN,OPERATOR"));
			}));
	}

	private List<AuditEntry> entries(Action action) {
		return mongo.find(Query.query(Criteria.where("action").is(action)), AuditEntry.class);
	}

}
