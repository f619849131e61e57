package com.licencereminder.shared.store;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.mongodb.DuplicateKeyException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.FindOneAndDeleteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link IndexedH2Backend} through the MongoDB driver: queries that combine {@code _id}
 * with other conditions give the same answers as the library's scan, and examine only the
 * documents their {@code _id} condition names
 * ({@link IndexedH2Collection#documentsExamined()}), for find, the count command, update,
 * findAndModify and delete.
 */
class IndexedH2BackendTests {

	private static final int DOCUMENTS = 2000;

	private final StoreClients clients = new StoreClients();

	private IndexedH2Backend backend;

	private MongoCollection<Document> tasks;

	@BeforeEach
	void start() {
		this.backend = IndexedH2Backend.inMemoryStore();
		this.tasks = this.clients.tasks(this.backend);
		seed(this.tasks);
	}

	@AfterEach
	void stop() {
		this.clients.close();
	}

	@Test
	void findsByIdAndAnotherConditionExaminingOnlyThatDocument() {
		long before = examined();

		List<Document> found = this.tasks
			.find(fields(eq("_id", id(2)), eq("status", "PENDING"), eq("leaseToken", "L2")))
			.into(new ArrayList<>());

		assertThat(found).extracting(task -> task.get("_id")).containsExactly(id(2));
		assertThat(examined() - before).isEqualTo(1);
	}

	@Test
	void idWhoseOtherConditionFailsFindsNothingExaminingOnlyThatDocument() {
		long before = examined();

		assertThat(this.tasks.find(fields(eq("_id", id(2)), eq("status", "CLAIMED"))).first()).isNull();
		assertThat(this.tasks.find(fields(eq("_id", id(2)), eq("leaseToken", "L3"))).first()).isNull();
		assertThat(examined() - before).isEqualTo(2);
	}

	@Test
	void unknownIdFindsNothingExaminingNothing() {
		long before = examined();

		assertThat(this.tasks.find(fields(eq("_id", "no-such-task"), eq("status", "PENDING"))).first()).isNull();
		assertThat(examined() - before).isZero();
	}

	@Test
	void inListWithAnotherConditionExaminesOnlyTheListedDocuments() {
		long before = examined();

		List<Document> found = this.tasks
			.find(fields(eq("status", "PENDING"), in("_id", id(1), id(2), id(3), id(4), "no-such-task")))
			.into(new ArrayList<>());

		assertThat(found).extracting(task -> task.get("_id")).containsExactlyInAnyOrder(id(2), id(4));
		assertThat(examined() - before).isEqualTo(4);
	}

	@Test
	void sortLimitAndProjectionApplyToTheDocumentsFoundById() {
		long before = examined();

		List<Document> found = this.tasks.find(fields(in("_id", id(2), id(4), id(6), id(7)), eq("status", "PENDING")))
			.sort(Sorts.descending("_id"))
			.limit(2)
			.projection(Projections.include("status"))
			.into(new ArrayList<>());

		assertThat(found).containsExactly(new Document("_id", id(6)).append("status", "PENDING"),
				new Document("_id", id(4)).append("status", "PENDING"));
		assertThat(examined() - before).isEqualTo(4);
	}

	@Test
	void otherTopLevelOperatorsBesideIdAreMatched() {
		long before = examined();

		List<Document> found = this.tasks
			.find(fields(in("_id", id(1), id(2), id(3)), or(eq("leaseToken", "L1"), eq("leaseToken", "L2")),
					exists("n")))
			.into(new ArrayList<>());

		assertThat(found).extracting(task -> task.get("_id")).containsExactlyInAnyOrder(id(1), id(2));
		assertThat(examined() - before).isEqualTo(3);
	}

	@Test
	void idInsideAnAndOperatorIsLookedUpToo() {
		long before = examined();

		Document taken = this.tasks.findOneAndUpdate(
				and(eq("_id", id(12)), eq("status", "PENDING"),
						or(eq("pendingAttemptId", null), eq("leaseToken", "L-old"))),
				Updates.set("pendingAttemptId", "a1"),
				new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
		List<Document> listed = this.tasks
			.find(and(eq("status", "PENDING"), and(in("_id", id(12), id(13), id(14)), exists("pendingAttemptId"))))
			.into(new ArrayList<>());

		assertThat(taken).containsEntry("pendingAttemptId", "a1");
		assertThat(listed).extracting(task -> task.get("_id")).containsExactly(id(12));
		assertThat(examined() - before).isEqualTo(4);
	}

	@Test
	void countCommandByIdAndAnotherConditionExaminesOnlyThatDocument() {
		long before = examined();

		assertThat(this.clients.countCommand(this.tasks, fields(eq("_id", id(8)), eq("status", "PENDING"))))
			.isEqualTo(1);
		assertThat(this.clients.countCommand(this.tasks, fields(eq("_id", id(8)), eq("status", "CLAIMED")))).isZero();
		assertThat(examined() - before).isEqualTo(2);
	}

	/**
	 * The driver's {@code countDocuments} (and Spring Data's {@code count}) is an
	 * aggregation, which the library runs over the whole collection; the backend answers
	 * it through the query path.
	 */
	@Test
	void countDocumentsByIdAndAnotherConditionExaminesOnlyThatDocument() {
		long before = examined();

		assertThat(this.tasks.countDocuments(fields(eq("_id", id(8)), eq("status", "PENDING")))).isEqualTo(1);
		assertThat(this.tasks.countDocuments(fields(in("_id", id(8), id(9), id(10)), eq("status", "PENDING")),
				new CountOptions().skip(1).limit(5)))
			.isEqualTo(1);
		assertThat(examined() - before).isEqualTo(4);
	}

	@Test
	void countDocumentsKeepsItsAnswersWithoutAFilterWithSkipAndLimitAndOnAMissingCollection() {
		assertThat(this.tasks.countDocuments()).isEqualTo(DOCUMENTS);
		assertThat(this.tasks.countDocuments(eq("status", "PENDING"), new CountOptions().skip(10).limit(100)))
			.isEqualTo(100);
		assertThat(this.tasks.countDocuments(eq("status", "PENDING"), new CountOptions().skip(DOCUMENTS / 2 - 3)))
			.isEqualTo(3);
		assertThat(this.tasks.countDocuments(eq("status", "NONE"))).isZero();
		assertThat(this.clients.database(this.tasks).getCollection("missing").countDocuments()).isZero();
	}

	@Test
	void otherAggregationsStillGoToTheLibrary() {
		List<Bson> pipeline = List.of(Aggregates.match(in("_id", id(1), id(2), id(3))),
				Aggregates.group("$status", Accumulators.sum("n", 1)), Aggregates.sort(Sorts.ascending("_id")));

		List<Document> byStatus = this.tasks.aggregate(pipeline).into(new ArrayList<>());

		assertThat(byStatus).containsExactly(new Document("_id", "CLAIMED").append("n", 2),
				new Document("_id", "PENDING").append("n", 1));
	}

	@Test
	void conditionalUpdateByIdTakesTheDocumentOnceExaminingOnlyIt() {
		Bson claimable = fields(eq("_id", id(10)), eq("status", "PENDING"), eq("leaseToken", "L10"));
		long before = examined();

		UpdateResult first = this.tasks.updateOne(claimable, Updates.set("status", "CLAIMED"));
		UpdateResult second = this.tasks.updateOne(claimable, Updates.set("status", "CLAIMED"));

		assertThat(first.getMatchedCount()).isEqualTo(1);
		assertThat(first.getModifiedCount()).isEqualTo(1);
		assertThat(second.getMatchedCount()).isZero();
		assertThat(this.tasks.find(eq("_id", id(10))).first()).containsEntry("status", "CLAIMED");
		assertThat(examined() - before).isEqualTo(3);
	}

	@Test
	void conditionalUpdateOfAnInListChangesOnlyTheMatchingDocuments() {
		long before = examined();

		UpdateResult result = this.tasks.updateMany(fields(eq("status", "PENDING"), in("_id", id(20), id(21), id(22))),
				Updates.set("status", "CLAIMED"));

		assertThat(result.getMatchedCount()).isEqualTo(2);
		assertThat(examined() - before).isEqualTo(3);
		assertThat(this.tasks.find(in("_id", id(20), id(21), id(22))).into(new ArrayList<>()))
			.extracting(task -> task.get("status"))
			.containsOnly("CLAIMED");
		assertThat(this.tasks.countDocuments(eq("status", "CLAIMED"))).isEqualTo(DOCUMENTS / 2 + 2);
	}

	@Test
	void findAndModifyByIdAndAnotherConditionExaminesOnlyThatDocument() {
		long before = examined();

		Document taken = this.tasks.findOneAndUpdate(fields(eq("_id", id(30)), eq("status", "PENDING")),
				Updates.set("status", "SENDING"), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
		Document again = this.tasks.findOneAndUpdate(fields(eq("_id", id(30)), eq("status", "PENDING")),
				Updates.set("status", "SENDING"));

		assertThat(taken).containsEntry("_id", id(30)).containsEntry("status", "SENDING");
		assertThat(again).isNull();
		assertThat(examined() - before).isEqualTo(2);
	}

	@Test
	void deleteByIdAndAnotherConditionExaminesOnlyTheNamedDocuments() {
		long before = examined();

		assertThat(this.tasks.deleteOne(fields(eq("_id", id(40)), eq("status", "CLAIMED"))).getDeletedCount()).isZero();
		assertThat(this.tasks.deleteMany(fields(in("_id", id(40), id(41), id(42)), eq("status", "PENDING")))
			.getDeletedCount()).isEqualTo(2);

		assertThat(examined() - before).isEqualTo(4);
		assertThat(this.tasks.countDocuments()).isEqualTo(DOCUMENTS - 2);
		assertThat(this.tasks.find(eq("_id", id(41))).first()).isNotNull();
	}

	@Test
	void upsertOfAnUnknownIdWithAnotherConditionInsertsTheSelectorFields() {
		UpdateResult result = this.tasks.updateOne(fields(eq("_id", "new-task"), eq("status", "PENDING")),
				Updates.set("leaseToken", "L-new"), new UpdateOptions().upsert(true));

		assertThat(result.getUpsertedId()).isNotNull();
		assertThat(this.tasks.find(eq("_id", "new-task")).first())
			.isEqualTo(new Document("_id", "new-task").append("status", "PENDING").append("leaseToken", "L-new"));
	}

	@Test
	void upsertOfAKnownIdWhoseOtherConditionFailsIsADuplicateKeyAsOnMongoDb() {
		assertThatExceptionOfType(MongoWriteException.class)
			.isThrownBy(() -> this.tasks.updateOne(fields(eq("_id", id(1)), eq("status", "PENDING")),
					Updates.set("leaseToken", "L-x"), new UpdateOptions().upsert(true)))
			.satisfies(
					ex -> assertThat(ErrorCategory.fromErrorCode(ex.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY));
		assertThat(this.tasks.find(eq("_id", id(1))).first()).containsEntry("leaseToken", "L1");
	}

	@Test
	void queriesWithoutAnIdLookupStillScan() {
		long before = examined();

		assertThat(this.clients.countCommand(this.tasks, fields(eq("status", "PENDING"), eq("leaseToken", "L2"))))
			.isEqualTo(1);
		assertThat(this.clients.countCommand(this.tasks, fields(gt("_id", id(DOCUMENTS - 3)), eq("status", "PENDING"))))
			.isEqualTo(1);

		assertThat(examined() - before).isEqualTo(2L * DOCUMENTS);
	}

	@ParameterizedTest
	@MethodSource("combinedFilters")
	void answersAsTheLibrarysScan(Bson filter) {
		MongoCollection<Document> stock = this.clients.tasks(H2Backend.inMemory());
		seed(stock);

		assertThat(this.tasks.find(filter).into(new ArrayList<>()))
			.containsExactlyInAnyOrderElementsOf(stock.find(filter).into(new ArrayList<>()));
		assertThat(this.clients.countCommand(this.tasks, filter)).isEqualTo(this.clients.countCommand(stock, filter));
		assertThat(this.tasks.countDocuments(filter)).isEqualTo(stock.countDocuments(filter));
	}

	static Stream<Bson> combinedFilters() {
		return Stream.of(fields(eq("_id", id(5)), eq("status", "CLAIMED")),
				fields(eq("_id", id(5)), eq("status", "PENDING")), fields(eq("_id", id(5)), eq("n", 5)),
				fields(eq("_id", id(5)), eq("n", 6)),
				fields(in("_id", id(5), id(6), id(7), "x"), eq("status", "PENDING")),
				fields(in("_id"), eq("status", "PENDING")), fields(eq("_id", 5), eq("status", "CLAIMED")),
				in("_id", id(5), id(6), id(5), "x"), fields(in("_id", id(5), id(6), 6), eq("status", "PENDING")),
				fields(in("_id", id(4), id(5), id(6)), eq("status", "PENDING"), eq("n", 6)),
				fields(eq("_id", id(5)), in("status", "CLAIMED", "PENDING")),
				new Document("_id", id(9)).append("$or", List.of(new Document("n", 9), new Document("n", 10))),
				fields(eq("_id", null), eq("status", "PENDING")), and(eq("_id", id(5)), eq("status", "CLAIMED")),
				and(in("_id", id(5), id(6)), eq("status", "CLAIMED")), and(eq("_id", id(5)), eq("_id", id(6))),
				and(eq("status", "PENDING"), or(eq("_id", id(6)), eq("_id", id(8)))),
				fields(in("_id", Pattern.compile("^t0000[1-3]$"), id(4)), eq("status", "CLAIMED")),
				fields(regex("_id", "^t0000[1-3]$"), eq("status", "CLAIMED")));
	}

	@Test
	void opensAStoreWrittenByTheLibrarysBackendRebuildingItsUniqueIndexesFromTheDocuments(@TempDir Path folder) {
		String file = folder.resolve("store.mv").toString();
		StoreClients.withTasks(new H2Backend(MVStore.open(file)), IndexedH2BackendTests::seed);

		IndexedH2Backend reopened = new IndexedH2Backend(MVStore.open(file));
		MongoCollection<Document> collection = this.clients.tasks(reopened);
		assertThat(this.clients.countCommand(collection, new Document())).isEqualTo(DOCUMENTS);
		long before = StoreClients.examined(reopened);

		assertThat(collection.find(fields(eq("_id", id(2)), eq("status", "PENDING"))).first()).containsEntry("n", 2);
		assertThat(StoreClients.examined(reopened) - before).isEqualTo(1);
		assertThat(reopened.getMvStore().hasMap("test.tasks._index__id_")).isFalse();
		assertThat(reopened.getMvStore().openMap("test.tasks._unique__id_").sizeAsLong()).isEqualTo(DOCUMENTS);
		assertThatExceptionOfType(MongoWriteException.class)
			.isThrownBy(() -> collection.insertOne(new Document("_id", id(5))))
			.satisfies(
					ex -> assertThat(ErrorCategory.fromErrorCode(ex.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY));
	}

	@Test
	void aNewCollectionStoresItsDocumentsInInsertionOrderWhateverTheirIds(@TempDir Path folder) {
		String file = folder.resolve("store.mv").toString();
		StoreClients.withTasks(new IndexedH2Backend(MVStore.open(file)), collection -> {
			collection.createIndex(Indexes.ascending("status"));
			for (String id : List.of("m", "b", "z", "a")) {
				collection.insertOne(new Document("_id", id).append("status", "PENDING"));
			}
			collection.deleteOne(eq("_id", "b"));
			collection.insertOne(new Document("_id", "c").append("status", "PENDING"));
			collection.findOneAndDelete(eq("status", "PENDING"),
					new FindOneAndDeleteOptions().sort(Sorts.descending("_id")));
			collection.updateOne(eq("_id", "a"), Updates.set("status", "SENT"));
		});

		MVStore raw = MVStore.open(file);
		MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents = raw.openMap("databases.test.tasks",
				new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(new BsonDocuments()));
		assertThat(documents.keySet()).containsExactly(1L, 4L, 5L);
		assertThat(documents.values()).extracting(document -> document.get("_id")).containsExactly("m", "a", "c");
		raw.close();
		StoreClients.withTasks(new IndexedH2Backend(MVStore.open(file)), collection -> {
			assertThat(collection.find()).extracting(document -> document.get("_id")).containsExactly("m", "a", "c");
			assertThat(collection.find(eq("status", "PENDING"))).extracting(document -> document.get("_id"))
				.containsExactlyInAnyOrder("m", "c");
			assertThat(collection.find(eq("_id", "a")).first()).containsEntry("status", "SENT");
		});
	}

	@Test
	void anInsertIntoACollectionAnEarlierVersionWroteToByIdIsRefusedSayingWhatToDo(@TempDir Path folder) {
		String file = folder.resolve("store.mv").toString();
		StoreClients.withTasks(new IndexedH2Backend(MVStore.open(file)),
				collection -> collection.insertOne(new Document("_id", "m").append("status", "PENDING")));
		MVStore raw = MVStore.open(file);
		raw.openMap("databases.test.tasks",
				new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(new BsonDocuments()))
			.put("b", new de.bwaldvogel.mongo.bson.Document("_id", "b"));
		raw.close();

		StoreClients.withTasks(new IndexedH2Backend(MVStore.open(file)),
				collection -> assertThatExceptionOfType(MongoException.class)
					.isThrownBy(() -> collection.insertOne(new Document("_id", "a")))
					.withMessageContaining("a version before decision 0100 wrote to this file")
					.withMessageContaining("restore the copy taken before the upgrade"));
	}

	@Test
	void aCollectionTheLibraryStoredByIdKeepsItsDocumentsAtTheirIds(@TempDir Path folder) {
		String file = folder.resolve("store.mv").toString();
		StoreClients.withTasks(new H2Backend(MVStore.open(file)), collection -> {
			collection.insertOne(new Document("_id", "m").append("status", "PENDING"));
			collection.insertOne(new Document("_id", "b").append("status", "PENDING"));
		});

		StoreClients.withTasks(new IndexedH2Backend(MVStore.open(file)), collection -> {
			collection.createIndex(Indexes.ascending("status"));
			collection.insertOne(new Document("_id", "a").append("status", "PENDING"));
			collection.deleteOne(eq("_id", "b"));
			collection.updateOne(eq("_id", "m"), Updates.set("status", "SENT"));
			assertThat(collection.find(eq("status", "PENDING"))).extracting(document -> document.get("_id"))
				.containsExactly("a");
		});

		MVStore raw = MVStore.open(file);
		assertThat(raw
			.openMap("databases.test.tasks",
					new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(new BsonDocuments()))
			.keySet()).containsExactly("a", "m");
		raw.close();
	}

	@Test
	void anUpdateLeavesTheDocumentTheStoreHoldsAsItWasWhileH2MayBeWritingIt() {
		MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents = this.backend.getMvStore()
			.openMap("databases.test.tasks");
		de.bwaldvogel.mongo.bson.Document held = stored(documents, id(3));
		Object status = held.get("status");

		this.tasks.updateOne(eq("_id", id(3)), Updates.set("status", "SENT"));
		this.tasks.updateOne(eq("leaseToken", "L3"), Updates.set("n", -3));
		this.tasks.findOneAndUpdate(and(eq("status", "SENT"), eq("n", -3)), Updates.set("status", "DONE"));

		assertThat(held.get("status")).isEqualTo(status);
		assertThat(held.get("n")).isEqualTo(3);
		assertThat(stored(documents, id(3))).containsEntry("status", "DONE").containsEntry("n", -3);
	}

	/** The instance the map holds for the document with this {@code _id}. */
	private static de.bwaldvogel.mongo.bson.Document stored(MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents,
			String id) {
		return documents.values().stream().filter(document -> id.equals(document.get("_id"))).findFirst().orElseThrow();
	}

	@Test
	void documentsTheLibraryJavaSerialisedAndOnesWrittenAsBsonReadBackSideBySide(@TempDir Path folder) {
		String file = folder.resolve("store.mv").toString();
		StoreClients.withTasks(new H2Backend(MVStore.open(file)), IndexedH2BackendTests::seed);
		StoreClients.withTasks(new IndexedH2Backend(MVStore.open(file)),
				collection -> collection.updateMany(lt("n", DOCUMENTS / 2), Updates.set("rewritten", true)));

		MVStore raw = MVStore.open(file);
		Formats formats = new Formats();
		raw.openMap("databases.test.tasks",
				new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(formats))
			.forEach((id, document) -> {
			});
		raw.close();
		assertThat(formats.bson).as("rewritten, and their neighbours on the pages written again")
			.containsAll(IntStream.range(0, DOCUMENTS / 2).mapToObj(IndexedH2BackendTests::id).toList())
			.doesNotContain(id(DOCUMENTS - 1));
		StoreClients.withTasks(new IndexedH2Backend(MVStore.open(file)), collection -> {
			assertThat(collection.countDocuments(eq("rewritten", true))).isEqualTo(DOCUMENTS / 2);
			assertThat(collection.find(eq("_id", id(1999))).first()).containsEntry("n", 1999)
				.containsEntry("leaseToken", "L1999");
			assertThat(collection.find(eq("_id", id(5))).first()).containsEntry("n", 5)
				.containsEntry("rewritten", true);
		});
	}

	@Test
	void uniqueIndexesReadBackFromTheFileFindTheirKeysAndStillRejectDuplicates(@TempDir Path folder) {
		String file = folder.resolve("store.mv").toString();
		StoreClients.withTasks(new IndexedH2Backend(MVStore.open(file)), collection -> {
			seed(collection);
			collection.insertOne(new Document("_id", "no-token"));
			collection.createIndex(Indexes.ascending("leaseToken"), new IndexOptions().unique(true).name("leaseToken"));
		});

		StoreClients.withTasks(new IndexedH2Backend(MVStore.open(file)), collection -> {
			assertThat(collection.find(eq("leaseToken", "L1234")).first()).containsEntry("n", 1234);
			assertThat(collection.find(eq("_id", id(1999))).first()).containsEntry("n", 1999);
			assertThatExceptionOfType(MongoWriteException.class)
				.isThrownBy(() -> collection.insertOne(new Document("_id", id(5))))
				.satisfies(ex -> assertThat(ErrorCategory.fromErrorCode(ex.getCode()))
					.isEqualTo(ErrorCategory.DUPLICATE_KEY));
			assertThatExceptionOfType(MongoWriteException.class)
				.as("a second document without the field, its key read back from the file")
				.isThrownBy(() -> collection.insertOne(new Document("_id", "no-token-either")))
				.satisfies(ex -> assertThat(ErrorCategory.fromErrorCode(ex.getCode()))
					.isEqualTo(ErrorCategory.DUPLICATE_KEY));
		});
	}

	@Test
	void aUniqueIndexBuildCutShortIsBuiltAgainFromTheDocumentsOnTheNextOpen(@TempDir Path folder) {
		String file = folder.resolve("store.mv").toString();
		StoreClients.withTasks(new IndexedH2Backend(MVStore.open(file)), IndexedH2BackendTests::seed);
		MVStore crashed = MVStore.open(file);
		MVMap<KeyValue, Object> index = crashed.openMap("test.tasks._unique__id_",
				new MVMap.Builder<KeyValue, Object>().keyType(new UniqueKeys()));
		IntStream.range(0, DOCUMENTS / 2).forEach(n -> index.remove(new KeyValue(id(n))));
		crashed.<String, Boolean>openMap("test._unique_built").remove("test.tasks._unique__id_");
		crashed.close();

		StoreClients.withTasks(new IndexedH2Backend(MVStore.open(file)), collection -> {
			assertThat(collection.find(eq("_id", id(3))).first()).containsEntry("n", 3);
			assertThat(collection.find(in("_id", id(0), id(DOCUMENTS - 1))).into(new ArrayList<>())).hasSize(2);
			assertThatExceptionOfType(MongoWriteException.class)
				.isThrownBy(() -> collection.insertOne(new Document("_id", id(5))))
				.satisfies(ex -> assertThat(ErrorCategory.fromErrorCode(ex.getCode()))
					.isEqualTo(ErrorCategory.DUPLICATE_KEY));
		});
	}

	@Test
	void aUniqueIndexThatFailsOnDuplicatesIsBuiltInFullOnceTheyAreGone() {
		this.tasks.insertOne(new Document("_id", "dup").append("leaseToken", "L1999"));
		IndexOptions unique = new IndexOptions().unique(true).name("leaseToken");

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.tasks.createIndex(Indexes.ascending("leaseToken"), unique))
			.withMessageContaining("Index build failed");
		this.tasks.deleteOne(eq("_id", "dup"));
		this.tasks.createIndex(Indexes.ascending("leaseToken"), unique);

		assertThat(this.tasks.find(eq("leaseToken", "L1999")).first()).containsEntry("n", 1999);
		assertThatExceptionOfType(MongoWriteException.class)
			.isThrownBy(() -> this.tasks.insertOne(new Document("_id", "again").append("leaseToken", "L1999")))
			.satisfies(
					ex -> assertThat(ErrorCategory.fromErrorCode(ex.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY));
	}

	@Test
	void uniqueIndexesKeepTheirOwnKeyTypeAndStillRejectDuplicates() {
		this.tasks.createIndex(Indexes.ascending("leaseToken"), new IndexOptions().unique(true).name("leaseToken"));

		assertThat(this.backend.getMvStore().openMap("test.tasks._unique__id_").getKeyType())
			.isInstanceOf(UniqueKeys.class);
		assertThat(this.backend.getMvStore().openMap("test.tasks._unique_leaseToken").getKeyType())
			.isInstanceOf(UniqueKeys.class);
		assertThatExceptionOfType(MongoWriteException.class)
			.isThrownBy(() -> this.tasks.insertOne(new Document("_id", "other").append("leaseToken", "L5")))
			.satisfies(
					ex -> assertThat(ErrorCategory.fromErrorCode(ex.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY));
		assertThatExceptionOfType(MongoWriteException.class)
			.isThrownBy(() -> this.tasks.insertOne(new Document("_id", id(5))))
			.satisfies(
					ex -> assertThat(ErrorCategory.fromErrorCode(ex.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY));
		assertThat(this.tasks.find(eq("leaseToken", "L7")).first()).containsEntry("n", 7);
		assertThat(this.tasks.find(in("_id", id(7), id(1999), "none")).into(new ArrayList<>())).hasSize(2);
		this.tasks.deleteOne(eq("_id", id(7)));
		this.tasks.insertOne(new Document("_id", "again").append("leaseToken", "L7"));
		assertThat(this.tasks.find(eq("leaseToken", "L7")).first()).containsEntry("_id", "again");
	}

	@Test
	void droppingAUniqueIndexRemovesItsMap() {
		this.tasks.createIndex(Indexes.ascending("leaseToken"), new IndexOptions().unique(true).name("leaseToken"));
		assertThat(this.backend.getMvStore().hasMap("test.tasks._unique_leaseToken")).isTrue();

		this.tasks.dropIndex("leaseToken");

		assertThat(this.backend.getMvStore().hasMap("test.tasks._unique_leaseToken")).isFalse();
		this.tasks.insertOne(new Document("_id", "other").append("leaseToken", "L5"));
	}

	/**
	 * The conditions as one document with a field each, as Spring Data's
	 * {@code Criteria.where(..).and(..)} writes them (the driver's {@code Filters.and}
	 * writes {@code $and}).
	 */
	private static Bson fields(Bson... conditions) {
		BsonDocument all = new BsonDocument();
		for (Bson condition : conditions) {
			all.putAll(condition.toBsonDocument());
		}
		return all;
	}

	private long examined() {
		return StoreClients.examined(this.backend);
	}

	/**
	 * {@link BsonDocuments}, noting the documents it reads that were written as BSON.
	 */
	private static final class Formats extends BasicDataType<de.bwaldvogel.mongo.bson.Document> {

		private final BsonDocuments documents = new BsonDocuments();

		private final Set<Object> bson = ConcurrentHashMap.newKeySet();

		@Override
		public de.bwaldvogel.mongo.bson.Document read(ByteBuffer buffer) {
			boolean tagged = buffer.get(buffer.position()) == BsonDocuments.TAG;
			de.bwaldvogel.mongo.bson.Document document = this.documents.read(buffer);
			if (tagged) {
				this.bson.add(document.get("_id"));
			}
			return document;
		}

		@Override
		public void write(WriteBuffer buffer, de.bwaldvogel.mongo.bson.Document document) {
			this.documents.write(buffer, document);
		}

		@Override
		public int getMemory(de.bwaldvogel.mongo.bson.Document document) {
			return this.documents.getMemory(document);
		}

		@Override
		public de.bwaldvogel.mongo.bson.Document[] createStorage(int size) {
			return new de.bwaldvogel.mongo.bson.Document[size];
		}

	}

	private static void seed(MongoCollection<Document> collection) {
		collection.insertMany(IntStream.range(0, DOCUMENTS)
			.mapToObj(n -> new Document("_id", id(n)).append("n", n)
				.append("status", n % 2 == 0 ? "PENDING" : "CLAIMED")
				.append("leaseToken", "L" + n))
			.toList());
	}

	private static String id(int n) {
		return String.format("t%05d", n);
	}

}
