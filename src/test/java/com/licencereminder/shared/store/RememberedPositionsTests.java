package com.licencereminder.shared.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search as the licence list makes it (a regular expression on two indexed fields, its
 * count and then its page sorted by another index) reads each index's keys once while the
 * index does not change ({@link OrderedIndex#rememberedPositions}), and again after it
 * changes; its answers are the library's either way.
 */
class RememberedPositionsTests {

	private static final int LICENCES = 3000;

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private static final Bson SEARCH = and(or(regex("holderName", "店12"), regex("licenceNumber", "店12")));

	private static final Bson BY_EXPIRY = Sorts.ascending("validUntil", "_id");

	private final StoreClients clients = new StoreClients();

	private IndexedH2Backend backend;

	private MongoCollection<Document> licences;

	private MongoCollection<Document> stock;

	@BeforeEach
	void start() {
		this.backend = IndexedH2Backend.inMemoryStore();
		this.licences = this.clients.tasks(this.backend);
		this.stock = this.clients.tasks(H2Backend.inMemory());
		for (MongoCollection<Document> collection : List.of(this.licences, this.stock)) {
			for (String field : List.of("holderName", "licenceNumber", "validUntil")) {
				collection.createIndex(Indexes.ascending(field), new IndexOptions().name(field));
			}
			collection.insertMany(IntStream.range(0, LICENCES).mapToObj(RememberedPositionsTests::licence).toList());
		}
	}

	@AfterEach
	void stop() {
		this.clients.close();
	}

	@Test
	void aSearchReadsEachIndexsKeysOnceForItsCountAndItsPages() {
		long before = positionReads();

		for (int page = 0; page < 3; page++) {
			assertThat(this.licences.countDocuments(SEARCH)).isEqualTo(111);
			assertThat(page(this.licences, page)).isEqualTo(page(this.stock, page));
		}

		assertThat(positionReads() - before).isEqualTo(2);
	}

	@Test
	void aChangedIndexIsReadAgain() {
		this.licences.countDocuments(SEARCH);
		long before = positionReads();

		for (MongoCollection<Document> collection : List.of(this.licences, this.stock)) {
			collection.insertOne(licence(12_345));
		}

		assertThat(this.licences.countDocuments(SEARCH)).isEqualTo(112);
		assertThat(page(this.licences, 0)).isEqualTo(page(this.stock, 0));
		assertThat(positionReads() - before).isEqualTo(2);
	}

	private static List<Document> page(MongoCollection<Document> collection, int page) {
		return collection.find(SEARCH).sort(BY_EXPIRY).skip(20 * page).limit(20).into(new ArrayList<>());
	}

	private long positionReads() {
		return ((IndexedH2Collection) this.backend.resolveDatabase("test").resolveCollection("tasks", true))
			.indexPositionReads();
	}

	/** A licence of holder 店n, number JYn, valid until n days after T0 (in reverse). */
	private static Document licence(int n) {
		return new Document("_id", String.format("l%05d", n)).append("holderName", "店" + n)
			.append("licenceNumber", "JY" + n)
			.append("validUntil", T0.plusSeconds(86_400L * (LICENCES - n % LICENCES)));
	}

}
