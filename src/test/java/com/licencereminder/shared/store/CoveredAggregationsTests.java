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
import com.mongodb.client.model.Sorts;
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
import static com.mongodb.client.model.Filters.gte;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An aggregation whose leading {@code $match} an ordered index decides, and whose stages
 * read only fields that index holds, is computed from the index's entries without reading
 * a document (a covered read); any other reads the documents. Either way its answers are
 * the library's, missing fields and nulls included.
 */
class CoveredAggregationsTests {

	private static final int DOCUMENTS = 3000;

	private static final Instant T0 = MatchedAggregationsTests.T0;

	private static final Document PER_DAY = new Document("$dateToString",
			new Document("format", "%Y-%m-%d").append("date", "$createdAt").append("timezone", "Asia/Shanghai"));

	private final StoreClients clients = new StoreClients();

	private IndexedH2Backend backend;

	private MongoCollection<Document> attempts;

	private MongoCollection<Document> stock;

	@BeforeEach
	void start() {
		this.backend = IndexedH2Backend.inMemoryStore();
		this.attempts = this.clients.tasks(this.backend);
		this.stock = this.clients.tasks(H2Backend.inMemory());
		for (MongoCollection<Document> collection : List.of(this.attempts, this.stock)) {
			collection.createIndex(
					Indexes.compoundIndex(Indexes.descending("createdAt"),
							Indexes.ascending("channel", "status", "ambiguity")),
					new IndexOptions().name("createdAt_channel_status_ambiguity"));
			collection.insertMany(IntStream.range(0, DOCUMENTS).mapToObj(CoveredAggregationsTests::attempt).toList());
		}
	}

	@AfterEach
	void stop() {
		this.clients.close();
	}

	@ParameterizedTest
	@MethodSource("covered")
	void aPipelineReadingOnlyIndexedFieldsAnswersAsTheLibraryFromTheIndexAlone(List<Bson> pipeline) {
		long before = examined();

		List<Document> answer = this.attempts.aggregate(pipeline).into(new ArrayList<>());

		assertThat(answer).isNotEmpty()
			.containsExactlyElementsOf(this.stock.aggregate(pipeline).into(new ArrayList<>()));
		assertThat(examined() - before).isZero();
	}

	static List<List<Bson>> covered() {
		Bson lastDays = gte("createdAt", T0.plusSeconds(60L * 100));
		return List.of(
				List.of(Aggregates.match(lastDays),
						Aggregates.project(new Document("_id", 0).append("channel", 1)
							.append("status", 1)
							.append("ambiguity", 1)
							.append("day", PER_DAY)),
						Aggregates.group(new Document("day", "$day").append("channel", "$channel")
							.append("status", "$status")
							.append("ambiguity", "$ambiguity"), Accumulators.sum("n", 1)),
						Aggregates.sort(Sorts.ascending("_id.day", "_id.channel", "_id.status", "_id.ambiguity"))),
				List.of(Aggregates.match(new Document("createdAt",
						new Document("$gte", T0.plusSeconds(60L * 2900)).append("$lt", T0.plusSeconds(60L * 2990)))),
						Aggregates.sort(Sorts.descending("createdAt")), Aggregates.limit(7),
						Aggregates.project(new Document("_id", false).append("ambiguity", true))),
				List.of(Aggregates.match(lastDays), Aggregates.count("n")));
	}

	@ParameterizedTest
	@MethodSource("notCovered")
	void aPipelineReadingMoreThanTheIndexHoldsReadsTheDocuments(List<Bson> pipeline) {
		long before = examined();

		List<Document> answer = this.attempts.aggregate(pipeline).into(new ArrayList<>());

		assertThat(answer).isNotEmpty()
			.containsExactlyInAnyOrderElementsOf(this.stock.aggregate(pipeline).into(new ArrayList<>()));
		assertThat(examined() - before).isPositive();
	}

	static List<List<Bson>> notCovered() {
		Bson lastDays = gte("createdAt", T0.plusSeconds(60L * 2990));
		return List.of(
				// _id is projected unless left out
				List.of(Aggregates.match(lastDays), Aggregates.project(new Document("channel", 1))),
				List.of(Aggregates.match(lastDays), Aggregates.group("$channel", Accumulators.sum("n", "$n"))),
				List.of(Aggregates.match(lastDays), Aggregates.group("$channel", Accumulators.push("all", "$$ROOT"))),
				// the whole documents pass on
				List.of(Aggregates.match(lastDays), Aggregates.sort(Sorts.ascending("createdAt"))),
				// an exclusion projection passes every other field on
				List.of(Aggregates.match(lastDays), Aggregates.project(new Document("n", 0))),
				// a condition on a field after the range: the index does not decide it
				List.of(Aggregates.match(and(lastDays, eq("channel", "SMS"))), Aggregates.count("n")));
	}

	@Test
	void aMissingFieldAndANullStayApart() {
		List<Bson> pipeline = List.of(Aggregates.match(gte("createdAt", T0)),
				Aggregates.group(new Document("ambiguity", "$ambiguity"), Accumulators.sum("n", 1)));
		long before = examined();

		List<Document> groups = this.attempts.aggregate(pipeline).into(new ArrayList<>());

		assertThat(groups).containsExactlyInAnyOrderElementsOf(this.stock.aggregate(pipeline).into(new ArrayList<>()))
			.extracting(group -> group.get("_id", Document.class))
			.contains(new Document(), new Document("ambiguity", null));
		assertThat(examined() - before).isZero();
	}

	private long examined() {
		return StoreClients.examined(this.backend);
	}

	/**
	 * {@link MatchedAggregationsTests#attempt}, every seventh without {@code ambiguity},
	 * every eleventh with a null one.
	 */
	private static Document attempt(int n) {
		Document attempt = MatchedAggregationsTests.attempt(n);
		if (n % 7 != 0) {
			attempt.append("ambiguity", n % 11 == 0 ? null : n % 5 == 0 ? "OPEN" : "SENT");
		}
		return attempt;
	}

}
