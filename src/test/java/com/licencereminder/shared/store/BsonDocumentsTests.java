package com.licencereminder.shared.store;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link BsonDocuments}: what it writes reads back equal, several documents one after the
 * other as H2 writes a page, smaller than the Java-serialised form; and what H2's default
 * type wrote reads back too.
 */
class BsonDocumentsTests {

	private final BsonDocuments type = new BsonDocuments();

	@Test
	void aDocumentWithEveryKindOfValueTheServiceStoresReadsBackEqual() {
		Document written = task();

		assertThat(readAll(write(this.type, written, written))).containsExactly(written, written);
	}

	@Test
	void documentsReadBackEqualFromABufferWithoutAnArray() {
		Document task = task();
		ByteBuffer written = write(this.type, task, task);
		ByteBuffer direct = ByteBuffer.allocateDirect(written.remaining()).put(written).flip();

		assertThat(readAll(direct)).containsExactly(task, task);
	}

	@Test
	void documentsReadBackEqualFromAPageThatIsASliceOfALargerArray() {
		Document task = task();
		ByteBuffer written = write(this.type, task, task);
		int length = written.remaining();
		ByteBuffer chunk = ByteBuffer.allocate(length + 100).position(37).put(written);
		ByteBuffer page = chunk.position(37).limit(37 + length).slice();

		assertThat(page.arrayOffset()).isEqualTo(37);
		assertThat(readAll(page)).containsExactly(task, task);
	}

	@Test
	void aDocumentThatCannotBeEncodedLeavesNothingForTheNextOne() {
		Document task = task();
		WriteBuffer buffer = new WriteBuffer();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.type.write(buffer, new Document("unsupported", new Object())));
		WriteBuffer next = new WriteBuffer();
		this.type.write(next, task);

		assertThat(readAll(next.getBuffer().flip())).containsExactly(task);
	}

	@Test
	void aLengthLongerThanWhatIsLeftOfThePageIsRefusedAsDamage() {
		ByteBuffer written = write(this.type, task());
		int length = written.remaining();
		ByteBuffer chunk = ByteBuffer.allocate(length * 2).put(written).put(written.flip());
		ByteBuffer page = chunk.position(0).limit(length - 1).slice();

		assertThatIllegalStateException().isThrownBy(() -> this.type.read(page))
			.withMessageContaining("bytes left: the store file is damaged");
	}

	@Test
	void aDocumentLargerThanTheRetainedBufferIsWrittenWholeAndSoAreSmallOnesAfterIt() {
		Document task = task();
		Document large = task().append("note", "许".repeat(BsonDocuments.RETAINED_CAPACITY));

		assertThat(readAll(write(this.type, task, large, task))).containsExactly(task, large, task);
	}

	@Test
	void aDocumentWrittenByH2sDefaultTypeReadsBackEqual() {
		Document written = task();

		assertThat(readAll(write(new ObjectDataType(), written, written))).containsExactly(written, written);
	}

	@Test
	void bsonTakesLessThanHalfTheJavaSerialisedForm() {
		int bson = write(this.type, task()).remaining();
		int serialised = write(new ObjectDataType(), task()).remaining();

		assertThat(bson).isLessThan(serialised / 2);
	}

	private List<Document> readAll(ByteBuffer buffer) {
		List<Document> read = new ArrayList<>();
		while (buffer.hasRemaining()) {
			read.add(this.type.read(buffer));
		}
		return read;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ByteBuffer write(org.h2.mvstore.type.DataType type, Document... documents) {
		WriteBuffer buffer = new WriteBuffer();
		for (Document document : documents) {
			type.write(buffer, document);
		}
		return buffer.getBuffer().flip();
	}

	private static Document task() {
		return new Document("_id", "7f1c2d3e-0000-4000-8000-000000000001").append("licenceId", new ObjectId())
			.append("status", "PENDING")
			.append("dueAt", Instant.parse("2027-03-01T08:00:00Z"))
			.append("attempts", 2)
			.append("version", 12_345_678_901L)
			.append("score", 0.5)
			.append("acknowledged", false)
			.append("leaseOwner", null)
			.append("channels", List.of("SMS", "VOICE"))
			.append("recipient", new Document("phone", "+8613812345678").append("masked", "138****5678"))
			.append("history",
					List.of(new Document("at", Instant.parse("2026-12-01T00:00:00Z")).append("event", "PLANNED")));
	}

}
