package com.licencereminder.shared.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An aggregation that starts with {@code $match} is computed from the documents the match
 * selects through the collection's indexes, not from every document: its answers are the
 * library's, and it examines only what its index gives.
 */
class MatchedAggregationsTests {

	private static final int DOCUMENTS = 3000;

	static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private final StoreClients clients = new StoreClients();

	private IndexedH2Backend backend;

	private MongoCollection<Document> tasks;

	private MongoCollection<Document> stock;

	@BeforeEach
	void start() {
		this.backend = IndexedH2Backend.inMemoryStore();
		this.tasks = this.clients.tasks(this.backend);
		this.stock = this.clients.tasks(H2Backend.inMemory());
		for (MongoCollection<Document> collection : List.of(this.tasks, this.stock)) {
			collection.createIndex(Indexes.ascending("createdAt"), new IndexOptions().name("createdAt"));
			collection.insertMany(IntStream.range(0, DOCUMENTS).mapToObj(MatchedAggregationsTests::attempt).toList());
		}
	}

	@AfterEach
	void stop() {
		this.clients.close();
	}

	@ParameterizedTest
	@MethodSource("pipelines")
	void answersAsTheLibraryDoes(List<Bson> pipeline) {
		assertThat(this.tasks.aggregate(pipeline).into(new ArrayList<>()))
			.containsExactlyInAnyOrderElementsOf(this.stock.aggregate(pipeline).into(new ArrayList<>()));
	}

	static List<List<Bson>> pipelines() {
		return List.of(
				List.of(Aggregates.match(gte("createdAt", T0.plusSeconds(60L * 2900))),
						Aggregates.group(new Document("channel", "$channel").append("status", "$status"),
								Accumulators.sum("n", 1))),
				List.of(Aggregates.match(exists("renewals")), Aggregates.unwind("$renewals"),
						Aggregates.group("$renewals.inTime", Accumulators.sum("n", 1))),
				List.of(Aggregates.match(and(eq("status", "SENT"), regex("channel", "^S"))), Aggregates.limit(5),
						Aggregates.project(new Document("_id", 1))),
				List.of(Aggregates.match(new Document()), Aggregates.count("all")),
				List.of(Aggregates.match(eq("status", "none")), Aggregates.count("none")));
	}

	@Test
	void aMatchOnAnIndexedFieldExaminesOnlyWhatTheIndexGives() {
		List<Bson> today = List.of(Aggregates.match(gte("createdAt", T0.plusSeconds(60L * 2950))),
				Aggregates.group("$status", Accumulators.sum("n", 1)));
		long before = examined();

		List<Document> groups = this.tasks.aggregate(today).into(new ArrayList<>());

		assertThat(groups).extracting(group -> group.getInteger("n")).containsExactlyInAnyOrder(25, 25);
		assertThat(examined() - before).isLessThanOrEqualTo(50);
	}

	private long examined() {
		return StoreClients.examined(this.backend);
	}

	/** An attempt a minute after the one before, every hundredth with renewals. */
	static Document attempt(int n) {
		Document attempt = new Document("_id", String.format("a%05d", n)).append("n", n)
			.append("channel", n % 3 == 0 ? "SMS" : "VOICE")
			.append("status", n % 2 == 0 ? "SENT" : "FAILED")
			.append("createdAt", T0.plusSeconds(60L * n));
		if (n % 100 == 0) {
			attempt.append("renewals", List.of(new Document("inTime", true), new Document("inTime", n % 200 == 0)));
		}
		return attempt;
	}

}
