package com.licencereminder.reminder;

import java.util.List;

import com.licencereminder.shared.store.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReminderIndexes} on the embedded store: the lease owner index is sparse, also
 * where an earlier version made it without.
 */
class ReminderIndexesTests {

	private final TestStores.InMemoryStore store = TestStores.inMemory();

	private final MongoTemplate mongo = this.store.template();

	@AfterEach
	void stop() {
		this.store.close();
	}

	@Test
	void aLeaseOwnerIndexMadeWithoutSparseIsReplacedByASparseOne() {
		this.mongo.indexOps(ReminderTask.class)
			.createIndex(new Index().on("leaseOwner", Direction.ASC).named("leaseOwner"));

		new ReminderIndexes(this.mongo).afterSingletonsInstantiated();
		new ReminderIndexes(this.mongo).afterSingletonsInstantiated();

		assertThat(this.mongo.indexOps(ReminderTask.class).getIndexInfo())
			.filteredOn(index -> index.isIndexForFields(List.of("leaseOwner")))
			.singleElement()
			.returns("leaseOwner", IndexInfo::getName)
			.returns(true, IndexInfo::isSparse);
	}

}
