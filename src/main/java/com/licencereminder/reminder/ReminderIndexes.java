package com.licencereminder.reminder;

import com.licencereminder.reminder.followup.FollowUp;
import com.licencereminder.shared.OutdatedIndexes;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Creates the engine's indexes at start-up. Lookups of plans, tasks and follow-up items
 * go by {@code _id}; these serve the dispatcher's claim query, lease recovery, digests,
 * the follow-up list and its exports (by status, oldest first) and the dashboard's count
 * of unreachable licences (licence ids grouped and counted by status and reason, from the
 * index).
 */
@Component
class ReminderIndexes implements SmartInitializingSingleton {

	private final MongoTemplate mongo;

	ReminderIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		var tasks = mongo.indexOps(ReminderTask.class);
		tasks.createIndex(new Index().on("status", Direction.ASC).on("dueAt", Direction.ASC).named("status_dueAt"));
		tasks.createIndex(
				new Index().on("status", Direction.ASC).on("leaseUntil", Direction.ASC).named("status_leaseUntil"));
		tasks.createIndex(
				new Index().on("digestKey", Direction.ASC).on("status", Direction.ASC).named("digestKey_status"));
		OutdatedIndexes.drop(tasks, "leaseOwner", index -> !index.isSparse());
		tasks.createIndex(new Index().on("leaseOwner", Direction.ASC).sparse().named("leaseOwner"));
		var followUps = mongo.indexOps(FollowUp.class);
		followUps.createIndex(
				new Index().on("status", Direction.ASC).on("validUntil", Direction.ASC).named("status_validUntil"));
		followUps.createIndex(
				new Index().on("status", Direction.ASC).on("createdAt", Direction.ASC).named("status_createdAt"));
		followUps.createIndex(new Index().on("status", Direction.ASC)
			.on("reason", Direction.ASC)
			.on("licenceId", Direction.ASC)
			.named("status_reason_licenceId"));
	}

}
