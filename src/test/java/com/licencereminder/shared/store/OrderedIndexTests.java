package com.licencereminder.shared.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.FindOneAndDeleteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The non-unique indexes of {@link IndexedH2Backend} ({@link OrderedIndex}) through the
 * MongoDB driver, on a collection shaped like the engine's {@code reminder_tasks} with
 * its indexes: every query answers as the library's scan on the stock backend given the
 * same writes, and the engine's claim and digest queries examine only the documents their
 * index ranges hold ({@link IndexedH2Collection#documentsExamined()}).
 */
class OrderedIndexTests {

	private static final int DOCUMENTS = 3000;

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private static final String[] STATUSES = { "PENDING", "CLAIMED", "SENDING", "SENT", "PENDING", "CANCELLED" };

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
			createIndexes(collection);
			seed(collection);
		}
	}

	@AfterEach
	void stop() {
		this.clients.close();
	}

	@ParameterizedTest
	@MethodSource("queries")
	void answersAsTheLibrarysScan(Bson filter, Bson sort, int skip, int limit) {
		assertSameAnswers(filter, sort, skip, limit);
		assertThat(this.tasks.countDocuments(filter, countOptions(skip, limit)))
			.isEqualTo(this.stock.countDocuments(filter, countOptions(skip, limit)));
	}

	static Stream<Arguments> queries() {
		Bson byDue = Sorts.ascending("dueAt");
		return Stream.of(Arguments.of(claim(at(900), 50), byDue, 0, 50), Arguments.of(claim(at(900), 50), byDue, 0, 0),
				Arguments.of(claim(at(2000), 50), byDue, 10, 25), Arguments.of(claim(at(-1), 50), byDue, 0, 50),
				Arguments.of(claim(at(900), 50), Sorts.descending("dueAt"), 0, 7),
				Arguments.of(digest(at(100), at(400), List.of("d1", "d2", "d7", "d49", "nobody")), null, 0, 0),
				Arguments.of(fields(eq("status", "PENDING"), lte("dueAt", at(500))), byDue, 0, 3),
				Arguments.of(fields(eq("status", "PENDING"), lte("dueAt", at(500))), null, 0, 0),
				Arguments.of(fields(eq("status", "PENDING"), range("dueAt", "$gt", at(500), "$lt", at(100))), null, 0,
						0),
				Arguments.of(fields(eq("status", "PENDING"), range("dueAt", "$gte", at(120), "$lte", at(120))), null, 0,
						0),
				Arguments.of(fields(in("status", "CLAIMED", "SENDING"), lt("leaseUntil", at(300))), byDue, 0, 20),
				Arguments.of(eq("status", "SENT"), null, 0, 0),
				Arguments.of(eq("status", "SENT"), Sorts.ascending("dueAt"), 5, 5),
				Arguments.of(eq("status", "SENT"), Sorts.orderBy(Sorts.ascending("dueAt"), Sorts.descending("n")), 0,
						9),
				Arguments.of(fields(eq("digestKey", "d3"), eq("status", "PENDING")), null, 0, 0),
				Arguments.of(fields(eq("digestKey", "d3"), ne("status", "PENDING")), null, 0, 0),
				Arguments.of(and(eq("digestKey", "d3"), eq("status", "CLAIMED"), exists("leaseOwner")), null, 0, 0),
				Arguments.of(eq("leaseOwner", "owner-2"), null, 0, 0), Arguments.of(eq("leaseOwner", null), null, 0, 0),
				Arguments.of(eq("status", 5), null, 0, 0), Arguments.of(eq("status", List.of("PENDING")), null, 0, 0),
				Arguments.of(eq("status", "no-such-status"), null, 0, 0), Arguments.of(in("status"), null, 0, 0),
				Arguments.of(or(eq("status", "SENT"), eq("n", 7)), null, 0, 0),
				Arguments.of(or(eq("status", "SENT"), eq("digestKey", "d4")), Sorts.ascending("dueAt"), 0, 30),
				Arguments.of(fields(eq("status", "PENDING"), lt("dueAt", "text")), null, 0, 0),
				Arguments.of(fields(eq("status", "PENDING"), gt("dueAt", 10)), null, 0, 0),
				Arguments.of(new Document("status", new Document("$eq", "CLAIMED")), null, 0, 0),
				Arguments.of(new Document(), Sorts.ascending("digestKey"), 0, 10),
				Arguments.of(new Document(), Sorts.orderBy(Sorts.ascending("digestKey"), Sorts.ascending("_id")), 95,
						10),
				Arguments.of(new Document(), Sorts.descending("status"), 5, 10),
				Arguments.of(new Document(), Sorts.ascending("status"), 0, 10),
				Arguments.of(eq("n", 7), Sorts.ascending("digestKey"), 0, 3),
				Arguments.of(new Document(), Sorts.ascending("leaseOwner"), 0, 10),
				Arguments.of(regex("digestKey", "^d4"), null, 0, 0),
				Arguments.of(or(regex("digestKey", "^d4[0-9]$"), regex("status", "ending", "i")), byDue, 0, 20),
				Arguments.of(fields(eq("status", "PENDING"), regex("dueAt", "2030-01-01T0")), byDue, 3, 10),
				Arguments.of(regex("status", "^pend", "i"), Sorts.ascending("digestKey"), 0, 10));
	}

	@Test
	void aPageSortedByAnotherIndexReadsOnlyTheDocumentsWhoseKeysTheExpressionMatches() {
		Bson pending = regex("status", "^pend", "i");
		long before = examined();

		List<Document> found = find(this.tasks, pending, Sorts.ascending("digestKey"), 0, 10);

		// the 40 pending tasks of the first digest key, "d0" (ten of them wanted, the
		// others tie; two in three of its tasks are pending) and, for each index, the two
		// documents it holds unordered; not all 60 tasks the sorted index lists for it
		assertThat(examined() - before).isEqualTo(40 + 2 + 2);
		assertThat(found).hasSize(10);
		assertSameAnswers(pending, Sorts.ascending("digestKey"), 0, 10);
	}

	@Test
	void aRegularExpressionIsTestedOnTheIndexKeysAndReadsOnlyTheMatchingDocuments() {
		Bson rare = or(regex("digestKey", "^D4[79]$", "i"), eq("status", "no-such-status"));
		long before = examined();

		List<Document> found = find(this.tasks, rare, Sorts.ascending("dueAt"), 0, 10);

		// the 120 tasks of the two keys and, for each branch, the two documents its index
		// holds unordered (a status that is an array, a sub-document), not every
		// document
		assertThat(examined() - before).isEqualTo(2 * DOCUMENTS / 50 + 2 + 2);
		assertThat(found).hasSize(10);
		assertSameAnswers(rare, Sorts.ascending("dueAt"), 0, 10);
	}

	@Test
	void theClaimQueryExaminesOnlyWhatItsBatchNeeds() {
		long before = examined();

		List<Document> batch = this.tasks.find(claim(at(2900), 20))
			.sort(Sorts.ascending("dueAt"))
			.limit(20)
			.into(new ArrayList<>());

		assertThat(batch).hasSize(20);
		assertThat(batch).isEqualTo(
				this.stock.find(claim(at(2900), 20)).sort(Sorts.ascending("dueAt")).limit(20).into(new ArrayList<>()));
		// 20 pending ones in due order (and ties), the 67 expired leases, the odd
		// documents
		assertThat(examined() - before).isLessThan(200);
	}

	@Test
	void tasksDueAtOneInstantAreClaimedABatchAtATimeWithoutReadingAllOfThem() {
		List<Document> together = IntStream.range(0, 2000)
			.mapToObj(n -> new Document("_id", String.format("same%05d", n)).append("status", "PENDING")
				.append("dueAt", at(-10)))
			.toList();
		this.tasks.insertMany(together);
		this.stock.insertMany(together);
		long before = examined();

		List<Document> batch = this.tasks.find(claim(at(-1), 20))
			.sort(Sorts.ascending("dueAt"))
			.limit(20)
			.into(new ArrayList<>());

		assertThat(batch).isEqualTo(
				this.stock.find(claim(at(-1), 20)).sort(Sorts.ascending("dueAt")).limit(20).into(new ArrayList<>()));
		// the first 20 of the 2,000 tying ones, the 67 expired leases, the odd documents
		assertThat(examined() - before).isLessThan(100);
		assertSameAnswers(claim(at(-1), 20), Sorts.descending("dueAt"), 0, 20);
		assertSameAnswers(claim(at(-1), 20), Sorts.ascending("dueAt"), 1990, 20);
	}

	@Test
	void documentsTyingInTheSortComeInTheOrderTheyWereInserted() {
		List<Document> together = IntStream.range(0, 200)
			.mapToObj(n -> new Document("_id", String.format("same%05d", (n * 79) % 200)).append("status", "PENDING")
				.append("dueAt", at(-10)))
			.toList();
		this.tasks.insertMany(together);

		List<Document> batch = this.tasks.find(claim(at(-1), 20))
			.sort(Sorts.ascending("dueAt"))
			.limit(20)
			.into(new ArrayList<>());

		assertThat(batch).extracting(task -> task.get("_id"))
			.containsExactlyElementsOf(together.subList(0, 20).stream().map(task -> task.get("_id")).toList());
	}

	@Test
	void anUnfilteredFirstPageSortedByAnIndexedFieldReadsOnlyThatPage() {
		Bson byKey = Sorts.orderBy(Sorts.ascending("digestKey"), Sorts.ascending("_id"));
		long before = examined();

		find(this.tasks, new Document(), byKey, 0, 20);

		// the page and the 60 documents that share its last digest key, not the 3,000
		assertThat(examined() - before).isLessThan(100);
		assertSameAnswers(new Document(), byKey, 0, 20);
	}

	@Test
	void aSortByAFieldThenIdReadsPagesOfTiesInOrderThroughTheIndex() {
		Bson newestFirst = Sorts.orderBy(Sorts.descending("dueAt"), Sorts.descending("_id"));
		long before = examined();

		List<Document> page = find(this.tasks, fields(eq("status", "PENDING"), lte("dueAt", at(2000))), newestFirst, 0,
				20);

		// the 20 newest pending ones and the odd documents, not the ~1,000 pending ones
		assertThat(examined() - before).isLessThan(40);
		assertSameAnswers(fields(eq("status", "PENDING"), lte("dueAt", at(2000))), newestFirst, 0, 20);
		Document last = page.get(page.size() - 1);
		Bson after = and(eq("status", "PENDING"),
				or(lt("dueAt", last.get("dueAt")), and(eq("dueAt", last.get("dueAt")), lt("_id", last.get("_id")))));
		assertSameAnswers(after, newestFirst, 0, 20);
		Bson oldestFirst = Sorts.orderBy(Sorts.ascending("dueAt"), Sorts.ascending("_id"));
		assertSameAnswers(fields(eq("status", "PENDING"), gt("dueAt", at(5))), oldestFirst, 0, 20);
	}

	@Test
	void aSortThatStartsWithAFieldTheFilterFixesReadsItsPageThroughTheIndex() {
		Bson byStatusThenDue = Sorts.orderBy(Sorts.descending("status"), Sorts.ascending("dueAt"),
				Sorts.ascending("_id"));
		long before = examined();

		find(this.tasks, eq("status", "PENDING"), byStatusThenDue, 0, 20);

		// the 20 first pending ones and the odd documents, not the ~1,000 pending ones
		assertThat(examined() - before).isLessThan(40);
		assertSameAnswers(eq("status", "PENDING"), byStatusThenDue, 0, 20);
		assertSameAnswers(eq("status", "PENDING"), byStatusThenDue, 500, 20);
		assertSameAnswers(in("status", "PENDING", "SENT"), byStatusThenDue, 0, 20);
	}

	@Test
	void aSparseIndexServesAFieldThatMustBePresentWithItsEntriesAlone() {
		// an _id after the seed's, so that insertion order stays _id order (the stock's)
		Document withArray = new Document("_id", "with-owners").append("status", "CLAIMED")
			.append("leaseOwner", List.of("owner-1", "owner-2"));
		this.tasks.insertOne(withArray);
		this.stock.insertOne(withArray);
		long before = examined();

		List<Document> leased = find(this.tasks, ne("leaseOwner", null), null, 0, 0);

		// the 1,000 claimed or sending tasks and the one with an array, not the 3,000
		assertThat(leased).hasSize(DOCUMENTS / 3 + 1);
		assertThat(examined() - before).isEqualTo(leased.size());
		assertSameAnswers(ne("leaseOwner", null), null, 0, 0);
		assertSameAnswers(and(ne("leaseOwner", null), eq("status", "SENDING")), null, 0, 0);
	}

	@Test
	void anUpperBoundAloneOnDatesReadsOnlyDates() {
		Bson early = and(eq("status", "PENDING"), lt("dueAt", at(10)));
		long before = examined();

		List<Document> found = find(this.tasks, early, null, 0, 0);

		// the pending tasks due before and the two unordered documents that do not match
		// (a double, a sub-document), not the pending one due "soon", a text the index
		// orders before every date
		assertThat(examined() - before).isEqualTo(found.size() + 2);
		assertSameAnswers(early, null, 0, 0);
		assertSameAnswers(and(eq("status", "PENDING"), lte("dueAt", at(10))), null, 0, 0);
	}

	@Test
	void theDigestQueryExaminesOnlyTheSiblingsOfItsKeys() {
		Bson digest = digest(at(0), at(DOCUMENTS), List.of("d1", "d2"));
		long before = examined();

		List<Document> found = this.tasks.find(digest).into(new ArrayList<>());

		assertThat(found).isEqualTo(this.stock.find(digest).into(new ArrayList<>()));
		assertThat(found).isNotEmpty();
		// the pending documents of two keys of fifty, and the odd documents
		assertThat(examined() - before).isLessThan(2 * DOCUMENTS / 50);
	}

	/**
	 * With no document the indexes cannot order, a count an index decides is read from
	 * the index's pages, without reading its entries or a document; an {@code $or} of
	 * branches that set one field to different values adds up their counts, and branches
	 * that can overlap are counted as the union of their positions.
	 */
	@Test
	void aDecidedCountIsReadFromTheIndexPagesAndBranchesThatCannotOverlapAddUp() {
		List<Object> odd = odd().stream().map(document -> document.get("_id")).toList();
		this.tasks.deleteMany(in("_id", odd));
		this.stock.deleteMany(in("_id", odd));
		List<Bson> disjoint = List.of(eq("status", "PENDING"), fields(eq("status", "PENDING"), lte("dueAt", at(500))),
				fields(eq("status", "PENDING"), range("dueAt", "$gt", at(100), "$lt", at(400))),
				in("status", "CLAIMED", "SENDING"),
				or(eq("status", "SENT"), fields(eq("status", "PENDING"), lt("dueAt", at(200)))));
		List<Bson> overlapping = List.of(
				or(eq("status", "PENDING"), fields(eq("status", "PENDING"), lt("dueAt", at(200)))),
				or(eq("status", "SENT"), eq("digestKey", "d4")));
		long examined = examined();
		long pageCounts = collection().indexPageCounts();
		long positionReads = collection().indexPositionReads();

		for (Bson filter : disjoint) {
			assertThat(this.tasks.countDocuments(filter)).as("%s", filter)
				.isEqualTo(this.stock.countDocuments(filter))
				.isPositive();
		}
		assertThat(collection().indexPageCounts() - pageCounts)
			.as("an interval each (two for the $in), one for each branch of the $or")
			.isEqualTo(disjoint.size() + 2);
		assertThat(collection().indexPositionReads()).isEqualTo(positionReads);

		for (Bson filter : overlapping) {
			assertThat(this.tasks.countDocuments(filter)).as("%s", filter).isEqualTo(this.stock.countDocuments(filter));
		}
		assertThat(examined()).as("no document read").isEqualTo(examined);
	}

	private IndexedH2Collection collection() {
		return (IndexedH2Collection) this.backend.resolveDatabase("test").resolveCollection("tasks", true);
	}

	@Test
	void theCountCommandUsesTheIndexes() {
		long before = examined();

		// a condition on a field outside the index: the candidates it gives are read
		Document owned = new Document("leaseOwner", "owner-1").append("n", new Document("$gte", 0));
		long count = this.clients.countCommand(this.tasks, owned);

		assertThat(count).isEqualTo(this.clients.countCommand(this.stock, owned)).isPositive();
		assertThat(examined() - before).isEqualTo(count);
	}

	@Test
	void keepsInStepWithEveryWrite() {
		for (MongoCollection<Document> collection : List.of(this.tasks, this.stock)) {
			writes().forEach(write -> write.accept(collection));
		}
		long before = examined();

		assertSameAnswers(claim(at(3000), 3000), Sorts.ascending("dueAt"), 0, 0);
		assertSameAnswers(eq("status", "CLAIMED"), null, 0, 0);
		assertSameAnswers(eq("status", "SENT"), null, 0, 0);
		assertSameAnswers(eq("status", "FAILED"), null, 0, 0);
		assertSameAnswers(eq("leaseOwner", "me"), null, 0, 0);
		assertSameAnswers(in("digestKey", "d0", "d1", "d2", "d3", "new"), null, 0, 0);
		assertSameAnswers(fields(in("status", "PENDING", "CLAIMED", "SENT"), gte("dueAt", at(0))),
				Sorts.descending("dueAt"), 0, 0);

		assertThat(this.tasks.find(eq("_id", "t00010")).first()).containsEntry("status", "CLAIMED");
		assertThat(this.tasks.find(eq("status", "FAILED")).into(new ArrayList<>())).isNotEmpty();
		long viaIndexes = examined() - before;
		assertThat(viaIndexes).isLessThan(4L * DOCUMENTS);
	}

	@Test
	void aStatusChangeMovesTheDocumentBetweenIndexKeys() {
		Bson pending = fields(eq("status", "PENDING"), lte("dueAt", at(0)));
		assertThat(this.tasks.find(pending).into(new ArrayList<>())).extracting(task -> task.get("_id"))
			.containsExactly("t00000");

		this.tasks.updateOne(eq("_id", "t00000"), Updates.set("status", "CLAIMED"));
		long before = examined();

		assertThat(this.tasks.find(pending).first()).isNull();
		assertThat(this.tasks.find(fields(eq("status", "CLAIMED"), lte("dueAt", at(0)))).into(new ArrayList<>()))
			.extracting(task -> task.get("_id"))
			.containsExactly("t00000", "t00001");
		assertThat(examined() - before).isLessThanOrEqualTo(2 + 2L * odd().size());
	}

	@Test
	void rebuildsItsIndexesWhenAFileIsOpened(@TempDir Path folder) {
		String file = folder.resolve("store.mv").toString();
		StoreClients.withTasks(new IndexedH2Backend(MVStore.open(file)), collection -> {
			createIndexes(collection);
			seed(collection);
			writes().forEach(write -> write.accept(collection));
		});
		writes().forEach(write -> write.accept(this.stock));

		IndexedH2Backend reopened = new IndexedH2Backend(MVStore.open(file));
		this.backend = reopened;
		this.tasks = this.clients.tasks(reopened);
		long before = examined();

		assertSameAnswers(claim(at(300), 20), Sorts.ascending("dueAt"), 0, 100);
		assertSameAnswers(eq("leaseOwner", "owner-1"), null, 0, 0);
		assertSameAnswers(eq("leaseOwner", "me"), null, 0, 0);
		assertSameAnswers(digest(at(0), at(DOCUMENTS), List.of("d1", "d2")), null, 0, 0);
		// eight queries, each of which would scan the whole collection without the
		// indexes
		assertThat(examined() - before).isLessThan(DOCUMENTS);
	}

	@Test
	void ordersValuesAsTheLibraryDoes() {
		List<Object> values = Arrays.asList(MaxKey.getInstance(), Instant.EPOCH, T0, true, false,
				new ObjectId("000000000000000000000002"), new ObjectId("000000000000000000000001"), "b", "a", "", 7, 3L,
				-5, Long.MIN_VALUE, null, Missing.getInstance(), MinKey.getInstance());
		for (Object left : values) {
			for (Object right : values) {
				assertThat(Integer.signum(IndexOrder.compareValues(left, right))).as("%s vs %s", left, right)
					.isEqualTo(Integer.signum(ValueComparator.asc().compare(left, right)));
			}
		}
	}

	/**
	 * The same writes, by every write path of the library: insert, update, replace,
	 * upsert, findAndModify, delete.
	 */
	private static List<Consumer<MongoCollection<Document>>> writes() {
		return List.of(collection -> collection.insertOne(task(DOCUMENTS + 1).append("digestKey", "new")),
				collection -> collection.updateOne(eq("_id", "t00010"),
						Updates.combine(Updates.set("status", "CLAIMED"), Updates.set("leaseOwner", "me"),
								Updates.set("leaseUntil", at(5)))),
				collection -> collection.updateMany(fields(eq("status", "PENDING"), lt("dueAt", at(60))),
						Updates.set("status", "SENT")),
				collection -> collection.updateMany(eq("digestKey", "d3"), Updates.unset("digestKey")),
				collection -> collection.replaceOne(eq("_id", "t00020"),
						new Document("status", "PENDING").append("dueAt", at(-5)).append("digestKey", "d2")),
				collection -> collection.replaceOne(eq("_id", "upserted-by-replace"),
						new Document("status", "PENDING").append("dueAt", at(-6)), new ReplaceOptions().upsert(true)),
				collection -> collection.updateOne(fields(eq("_id", "upserted"), eq("status", "PENDING")),
						Updates.set("dueAt", at(-7)), new UpdateOptions().upsert(true)),
				collection -> collection.findOneAndUpdate(fields(eq("status", "PENDING"), lte("dueAt", at(3000))),
						Updates.combine(Updates.set("status", "CLAIMED"), Updates.set("leaseOwner", "me")),
						new FindOneAndUpdateOptions().sort(Sorts.ascending("dueAt"))
							.returnDocument(ReturnDocument.AFTER)),
				collection -> collection.findOneAndUpdate(eq("_id", "t00030"), Updates.set("status", "FAILED")),
				collection -> collection.findOneAndDelete(eq("status", "SENDING"),
						new FindOneAndDeleteOptions().sort(Sorts.descending("dueAt"))),
				collection -> collection.findOneAndReplace(eq("_id", "t00040"),
						new Document("status", "CLAIMED").append("dueAt", at(40)).append("leaseOwner", "me")),
				collection -> collection.deleteOne(eq("_id", "t00050")),
				collection -> collection.deleteMany(fields(eq("status", "CANCELLED"), lt("dueAt", at(1000)))),
				collection -> collection.updateOne(eq("_id", "odd-array"), Updates.set("status", "PENDING")));
	}

	private void assertSameAnswers(Bson filter, Bson sort, int skip, int limit) {
		assertThat(find(this.tasks, filter, sort, skip, limit)).as("%s sorted by %s", filter, sort)
			.isEqualTo(find(this.stock, filter, sort, skip, limit));
		assertThat(this.clients.countCommand(this.tasks, filter))
			.isEqualTo(this.clients.countCommand(this.stock, filter));
	}

	private static CountOptions countOptions(int skip, int limit) {
		return new CountOptions().skip(skip).limit(limit);
	}

	private static List<Document> find(MongoCollection<Document> collection, Bson filter, Bson sort, int skip,
			int limit) {
		var found = collection.find(filter).skip(skip).limit(limit);
		return (sort == null ? found : found.sort(sort)).into(new ArrayList<>());
	}

	/** The dispatcher's candidate query: due pending tasks, or expired leases. */
	private static Bson claim(Instant now, int leaseMinutes) {
		return or(fields(eq("status", "PENDING"), lte("dueAt", now)),
				fields(in("status", "CLAIMED", "SENDING"), lt("leaseUntil", at(leaseMinutes))));
	}

	/** The dispatcher's digest sibling query. */
	private static Bson digest(Instant after, Instant before, List<String> keys) {
		return fields(eq("status", "PENDING"), range("dueAt", "$gt", after, "$lt", before), in("digestKey", keys));
	}

	private long examined() {
		return StoreClients.examined(this.backend);
	}

	/** The indexes {@code ReminderIndexes} declares for {@code reminder_tasks}. */
	private static void createIndexes(MongoCollection<Document> collection) {
		collection.createIndex(Indexes.ascending("status", "dueAt"), new IndexOptions().name("status_dueAt"));
		collection.createIndex(Indexes.ascending("status", "leaseUntil"), new IndexOptions().name("status_leaseUntil"));
		collection.createIndex(Indexes.ascending("digestKey", "status"), new IndexOptions().name("digestKey_status"));
		collection.createIndex(Indexes.ascending("leaseOwner"), new IndexOptions().name("leaseOwner").sparse(true));
	}

	/**
	 * Tasks due a minute apart, three to a minute, and a few documents the index cannot
	 * order.
	 */
	private static void seed(MongoCollection<Document> collection) {
		collection
			.insertMany(Stream.concat(IntStream.range(0, DOCUMENTS).mapToObj(OrderedIndexTests::task), odd().stream())
				.sorted(Comparator.comparing(document -> document.get("_id"), ValueComparator.asc()))
				.toList());
	}

	private static Document task(int n) {
		String status = STATUSES[n % STATUSES.length];
		Document task = new Document("_id", String.format("t%05d", n)).append("n", n)
			.append("status", status)
			.append("dueAt", at(n / 3))
			.append("digestKey", "d" + n % 50);
		if (status.equals("CLAIMED") || status.equals("SENDING")) {
			task.append("leaseOwner", "owner-" + n % 4).append("leaseUntil", at(n / 10));
		}
		return task;
	}

	private static List<Document> odd() {
		return List.of(
				new Document("_id", "odd-array").append("status", List.of("PENDING", "CLAIMED")).append("dueAt", at(1)),
				new Document("_id", "odd-double").append("status", "PENDING").append("dueAt", 12.5),
				new Document("_id", "odd-text").append("status", "PENDING").append("dueAt", "soon"),
				new Document("_id", "odd-missing").append("dueAt", at(2)).append("digestKey", "d1"),
				new Document("_id", "odd-number").append("status", 5).append("dueAt", at(3)),
				new Document("_id", "odd-subdocument").append("status", new Document("code", "PENDING"))
					.append("dueAt", at(4)),
				new Document("_id", 7).append("status", "PENDING").append("dueAt", at(5)).append("digestKey", "d2"));
	}

	private static Instant at(int minutes) {
		return T0.plusSeconds(60L * minutes);
	}

	/**
	 * Two range conditions on one field, as Spring Data writes
	 * {@code where(field).gt(..).lt(..)}.
	 */
	private static Bson range(String field, String operator, Object value, String otherOperator, Object otherValue) {
		return new Document(field, new Document(operator, value).append(otherOperator, otherValue));
	}

	/** The conditions as one document with a field each, as Spring Data writes them. */
	private static Bson fields(Bson... conditions) {
		BsonDocument all = new BsonDocument();
		for (Bson condition : conditions) {
			all.putAll(condition.toBsonDocument());
		}
		return all;
	}

}
