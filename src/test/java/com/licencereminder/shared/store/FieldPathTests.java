package com.licencereminder.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * {@link FieldPath} reads what the library's own lookup reads, for paths with and without
 * dots, in documents where the field is present, null, missing, a document, an array of
 * documents or an array of values.
 */
class FieldPathTests {

	@Test
	void everyPathReadsWhatTheLibrarysLookupReads() {
		List<Document> documents = List.of(new Document("status", "SENT").append("dueAt", Instant.EPOCH),
				new Document("status", null), new Document(),
				new Document("status", new Document("code", 3)).append("channels", List.of("SMS", "VOICE")),
				new Document("history",
						List.of(new Document("event", "PLANNED"), new Document("event", "SENT"), new Document())),
				new Document("history", new ArrayList<>(Arrays.asList(1, null, "x"))));
		List<String> paths = List.of("status", "dueAt", "channels", "history", "status.code", "history.event",
				"history.0", "absent", "absent.deeper");

		for (Document document : documents) {
			for (String path : paths) {
				assertThat(new FieldPath(path).valueIn(document)).as("%s in %s", path, document)
					.isEqualTo(Utils.getSubdocumentValueCollectionAware(document, path));
			}
		}
	}

}
