package com.licencereminder.shared.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape {@link SlowCommands} logs: field names, operators, sorts and field paths, and
 * no value a command carries.
 */
class SlowCommandsTests {

	@Test
	void theShapeKeepsFieldsOperatorsAndSortsButNoValue() {
		Document find = new Document("find", "licences")
			.append("filter",
					new Document("mobiles", "+8613812345678").append("$or",
							List.of(new Document("holderName", "许昌市魏都区百姓烩面馆"),
									new Document("status", new Document("$in", List.of("VALID", "EXPIRED"))))))
			.append("sort", new Document("validUntil", 1).append("_id", 1))
			.append("limit", 26);

		Map<String, Object> shape = SlowCommands.shape(find);

		assertThat(shape).hasToString("{filter={mobiles=?, $or=[{holderName=?}, {status={$in=[2 values]}}]},"
				+ " sort={\"validUntil\" : 1, \"_id\" : 1}}");
	}

	@Test
	void theShapeOfAPipelineKeepsItsStagesAndFieldPaths() {
		Document aggregate = new Document("aggregate", "licences").append("pipeline",
				List.of(new Document("$match", new Document("uscc", "92411002MA00087E8L")),
						new Document("$group", new Document("_id", "$status").append("n", new Document("$sum", 1))),
						new Document("$sort", new Document("n", -1))));

		assertThat(SlowCommands.shape(aggregate))
			.hasToString("{pipeline=[{$match={uscc=?}}, {$group={_id=$status, n={$sum=?}}}, {$sort={\"n\" : -1}}]}");
	}

	@Test
	void aBulkWriteShowsEachShapeOfItsStatementsOnceWithTheirNumber() {
		List<Document> updates = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			updates.add(new Document("q", new Document("_id", "licence-" + i)).append("u",
					new Document("$unset", new Document("planPending", ""))));
		}
		updates.add(new Document("q", new Document("_id", "x")).append("u",
				new Document("$set", new Document("status", "EXPIRED"))));

		assertThat(SlowCommands.shape(new Document("update", "licences").append("updates", updates))).hasToString(
				"{updates=[1000 × {q={_id=?}, u={$unset={planPending=?}}}, {q={_id=?}, u={$set={status=?}}}]}");
	}

}
