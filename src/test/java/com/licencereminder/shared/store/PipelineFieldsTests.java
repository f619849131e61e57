package com.licencereminder.shared.store;

import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PipelineFields}: the fields a pipeline reads of its input documents, up to the
 * stage that replaces them; null whenever it may read others.
 */
class PipelineFieldsTests {

	@Test
	void aGroupReadsTheFieldPathsOfItsKeyAndAccumulators() {
		List<Document> stages = List.of(new Document("$group",
				new Document("_id", new Document("channel", "$channel")).append("n", new Document("$sum", "$count"))));

		assertThat(PipelineFields.readBy(stages)).containsExactlyInAnyOrder("channel", "count");
	}

	@Test
	void theStagesBeforeTheGroupAddWhatTheyName() {
		List<Document> stages = List.of(
				new Document("$match",
						new Document("$or", List.of(new Document("status", "SENT"), new Document("kind", "x")))),
				new Document("$sort", new Document("createdAt", -1)), new Document("$skip", 5),
				new Document("$limit", 10), new Document("$addFields", new Document("twice", "$n")),
				new Document("$group", new Document("_id", "$twice")));

		assertThat(PipelineFields.readBy(stages)).containsExactlyInAnyOrder("status", "kind", "createdAt", "n",
				"twice");
	}

	@Test
	void anInclusionProjectionReadsItsFieldsAndIdUnlessLeftOut() {
		Document day = new Document("$dateToString", new Document("format", "%Y-%m-%d").append("date", "$createdAt"));

		assertThat(
				PipelineFields.readBy(List.of(new Document("$project", new Document("channel", 1).append("day", day)))))
			.containsExactlyInAnyOrder("channel", "createdAt", "_id");
		assertThat(PipelineFields
			.readBy(List.of(new Document("$project", new Document("_id", 0).append("channel", true).append("n", 1)))))
			.containsExactlyInAnyOrder("channel", "n");
	}

	@Test
	void aCountReadsNothing() {
		assertThat(PipelineFields.readBy(List.of(new Document("$count", "n")))).isEmpty();
	}

	@Test
	void whatMayReadOtherFieldsIsNotTold() {
		List<List<Document>> unknown = List.of(List.of(),
				// whole documents pass on
				List.of(new Document("$sort", new Document("n", 1))),
				List.of(new Document("$project", new Document("n", 0))),
				List.of(new Document("$project", new Document("_id", 0))),
				List.of(new Document("$group",
						new Document("_id", null).append("all", new Document("$push", "$$ROOT")))),
				List.of(new Document("$group", new Document("_id", "$renewal.inTime"))),
				List.of(new Document("$unwind", "$renewals"), new Document("$count", "n")),
				List.of(new Document("$match", new Document("$expr", new Document("$gt", List.of("$a", "$b")))),
						new Document("$count", "n")),
				List.of(new Document("$limit", 1).append("$skip", 1)));

		assertThat(unknown).allSatisfy(stages -> assertThat(PipelineFields.readBy(stages)).isNull());
	}

}
