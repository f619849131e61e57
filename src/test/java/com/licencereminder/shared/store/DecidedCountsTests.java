package com.licencereminder.shared.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonValue;
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
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts an ordered index decides alone (regular expressions on its keys included): the
 * same as the library's, without examining a document; and counts it does not decide (a
 * range open towards values of other types, a condition on another field) still examine
 * the documents.
 */
class DecidedCountsTests {

	private static final int DOCUMENTS = 2000;

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private static final String[] STATUSES = { "OPEN", "DONE", "OPEN", "CLOSED" };

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
			collection.createIndex(Indexes.ascending("status", "dueAt"), new IndexOptions().name("status_dueAt"));
			collection.insertMany(IntStream.range(0, DOCUMENTS)
				.mapToObj(n -> new Document("_id", String.format("t%05d", n)).append("n", n)
					.append("status", STATUSES[n % STATUSES.length])
					.append("dueAt", n % 50 == 0 ? "soon" : n % 70 == 0 ? (Object) (long) n : T0.plusSeconds(60L * n)))
				.toList());
			collection.insertOne(new Document("_id", "no-due").append("status", "OPEN"));
		}
	}

	@AfterEach
	void stop() {
		this.clients.close();
	}

	@ParameterizedTest
	@MethodSource("decided")
	void aCountTheIndexDecidesIsTheLibrarysWithoutExaminingADocument(Bson filter) {
		long before = examined();

		long counted = this.tasks.countDocuments(filter);

		assertThat(examined() - before).isZero();
		assertThat(counted).isPositive().isEqualTo(this.stock.countDocuments(filter));
		assertThat(this.tasks.countDocuments(filter, new CountOptions().skip(10).limit(7)))
			.isEqualTo(this.stock.countDocuments(filter, new CountOptions().skip(10).limit(7)));
	}

	static List<Bson> decided() {
		return List.of(eq("status", "OPEN"), in("status", "OPEN", "CLOSED"),
				new Document("status", "OPEN").append("dueAt", new Document("$gte", at(500))),
				new Document("status", "OPEN").append("dueAt", new Document("$gte", at(500)).append("$lt", at(900))),
				new Document("status", new Document("$eq", "DONE")),
				// an upper bound alone on dates: the strings and numbers before them
				// never match
				new Document("status", "OPEN").append("dueAt", new Document("$lte", at(500))),
				and(eq("status", "OPEN"), gte("dueAt", at(500))),
				// the list's expired filter: one status, or another and past its date
				or(eq("status", "CLOSED"), and(eq("status", "OPEN"), lt("dueAt", at(700)))),
				// branches that overlap count each document once
				or(eq("status", "OPEN"), in("status", "OPEN", "DONE"),
						new Document("status", "OPEN").append("dueAt", new Document("$gte", at(100)))),
				and(or(eq("status", "DONE"), eq("status", "CLOSED"))),
				// regular expressions tested on the index's keys, as the library's
				// matcher tests a value's text (dates included)
				regex("status", "pe", "i"), or(regex("status", "^D"), regex("status", "os", "i")),
				and(eq("status", "OPEN"), regex("dueAt", "^2030-01-01T0")),
				and(eq("status", "OPEN"), regex("dueAt", "oo")));
	}

	@ParameterizedTest
	@MethodSource("undecided")
	void aCountTheIndexDoesNotDecideExaminesTheDocuments(Bson filter) {
		long before = examined();

		long counted = this.tasks.countDocuments(filter);

		assertThat(examined() - before).isPositive();
		assertThat(counted).isEqualTo(this.stock.countDocuments(filter));
	}

	static List<Bson> undecided() {
		return List.of(new Document("status", "OPEN").append("n", 4),
				new Document("status", "OPEN").append("dueAt", new Document("$gte", 100L)),
				new Document("status", "OPEN").append("dueAt", new Document("$lte", 100L)),
				or(eq("status", "OPEN"), eq("n", 4)), and(eq("status", "OPEN"), eq("status", "DONE")),
				and(eq("status", "OPEN"), or(eq("dueAt", "soon"), eq("n", 4))), regex("n", "^1"),
				and(regex("status", "^O"), eq("n", 4)), regex("dueAt", "oo"));
	}

	@Test
	void aDistinctTheIndexDecidesIsTheLibrarysWithoutExaminingADocument() {
		for (Bson filter : List.of(eq("status", "OPEN"), in("status", "OPEN", "CLOSED"),
				and(eq("status", "OPEN"), lt("dueAt", at(300))))) {
			long before = examined();

			List<BsonValue> due = this.tasks.distinct("dueAt", filter, BsonValue.class).into(new ArrayList<>());
			List<String> statuses = this.tasks.distinct("status", filter, String.class).into(new ArrayList<>());

			assertThat(examined() - before).isZero();
			// the one without dueAt gives no value
			assertThat(due).isNotEmpty()
				.containsExactlyInAnyOrderElementsOf(
						this.stock.distinct("dueAt", filter, BsonValue.class).into(new ArrayList<>()));
			assertThat(statuses).isNotEmpty()
				.containsExactlyInAnyOrderElementsOf(
						this.stock.distinct("status", filter, String.class).into(new ArrayList<>()));
		}
	}

	@Test
	void aCountOfGroupsTheIndexDecidesIsTheLibrarysWithoutExaminingADocument() {
		// the OPEN filter holds the document without dueAt: a group of its own
		for (Bson filter : List.of(eq("status", "OPEN"), in("status", "OPEN", "CLOSED"),
				and(eq("status", "OPEN"), lt("dueAt", at(300))), eq("status", "no-such-status"))) {
			for (String key : List.of("$dueAt", "$status")) {
				List<Bson> pipeline = List.of(Aggregates.match(filter), Aggregates.group(key),
						Aggregates.count("groups"));
				long before = examined();

				List<Document> counted = this.tasks.aggregate(pipeline).into(new ArrayList<>());

				assertThat(examined() - before).isZero();
				assertThat(counted).isEqualTo(this.stock.aggregate(pipeline).into(new ArrayList<>()));
			}
		}
		assertThat(this.tasks
			.aggregate(List.of(Aggregates.match(eq("status", "OPEN")), Aggregates.group("$dueAt"),
					Aggregates.count("groups")))
			.first()).containsEntry("groups", countOpenDueValues() + 1);
	}

	@Test
	void aDistinctOfAFieldOutsideTheIndexExaminesTheDocuments() {
		long before = examined();

		List<Integer> numbers = this.tasks.distinct("n", eq("status", "CLOSED"), Integer.class).into(new ArrayList<>());

		assertThat(examined() - before).isPositive();
		assertThat(numbers).hasSize(DOCUMENTS / STATUSES.length)
			.containsExactlyInAnyOrderElementsOf(
					this.stock.distinct("n", eq("status", "CLOSED"), Integer.class).into(new ArrayList<>()));
	}

	@Test
	void anArrayInTheIndexedFieldMakesTheIndexExamineAgain() {
		this.tasks.insertOne(new Document("_id", "both").append("status", List.of("OPEN", "DONE")));
		this.stock.insertOne(new Document("_id", "both").append("status", List.of("OPEN", "DONE")));
		long before = examined();

		assertThat(this.tasks.countDocuments(eq("status", "OPEN")))
			.isEqualTo(this.stock.countDocuments(eq("status", "OPEN")));
		assertThat(examined() - before).isPositive();
	}

	private static Instant at(int minutes) {
		return T0.plusSeconds(60L * minutes);
	}

	private long examined() {
		return StoreClients.examined(this.backend);
	}

	/** The distinct dueAt values of the OPEN tasks, counted here. */
	private int countOpenDueValues() {
		return (int) IntStream.range(0, DOCUMENTS)
			.filter(n -> STATUSES[n % STATUSES.length].equals("OPEN"))
			.mapToObj(n -> n % 50 == 0 ? "soon" : n % 70 == 0 ? (Object) (long) n : T0.plusSeconds(60L * n))
			.distinct()
			.count();
	}

}
