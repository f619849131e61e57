package com.licencereminder.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.stream.IntStream;

import com.licencereminder.shared.store.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeliveryIndexes} on the embedded store: the index that covers the dashboard's
 * delivery panel replaces the one on {@code createdAt} alone, and the panel reads no
 * attempt through it.
 */
class DeliveryIndexesTests {

	private static final Instant NOW = Instant.parse("2030-03-10T04:00:00Z");

	private final TestStores.InMemoryStore store = TestStores.inMemory();

	private final MongoTemplate mongo = this.store.template();

	@AfterEach
	void stop() {
		this.store.close();
	}

	@Test
	void anIndexOnCreatedAtAloneIsReplacedByOneThatCoversTheDeliveryPanels() {
		this.mongo.indexOps(DeliveryAttempt.class)
			.createIndex(new Index().on("createdAt", Direction.DESC).named("createdAt"));

		new DeliveryIndexes(this.mongo).afterSingletonsInstantiated();
		new DeliveryIndexes(this.mongo).afterSingletonsInstantiated();

		assertThat(this.mongo.indexOps(DeliveryAttempt.class).getIndexInfo()).extracting(IndexInfo::getName)
			.doesNotContain("createdAt")
			.contains("createdAt_channel_provider_status_ambiguity");
	}

	@Test
	void theDeliveryPanelCountsTheAttemptsOfItsDaysWithoutReadingOne() {
		new DeliveryIndexes(this.mongo).afterSingletonsInstantiated();
		this.mongo.getCollection("delivery_attempts")
			.insertMany(IntStream.range(0, 40)
				.mapToObj(n -> new Document("_id", "a" + n).append("channel", n % 2 == 0 ? "SMS" : "VOICE")
					.append("provider", "simulator")
					.append("status", n % 4 == 1 ? "FAILED" : "SENT")
					.append("recipient", "+8613800000000")
					.append("createdAt", Date.from(NOW.minus(Duration.ofHours(12L * n)))))
				.toList());
		long before = examined();

		var model = new DeliveryPanel(this.mongo, Clock.fixed(NOW, ZoneId.of("Asia/Shanghai"))).model(null);

		assertThat(model.get("total")).isEqualTo(28L);
		assertThat(model.get("rate")).isEqualTo(75);
		assertThat(examined() - before).isZero();
	}

	private long examined() {
		return this.store.documentsExamined("delivery_attempts");
	}

}
