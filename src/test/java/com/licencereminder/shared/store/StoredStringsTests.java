package com.licencereminder.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class StoredStringsTests {

	private static final List<String> TEXTS = List.of("", "task-5f3a9c1e-0b7d-4c2a-9e61-3d8f2b7a4c10", "SENDING",
			"café", "食品经营许可证 JY13301050012345", "a".repeat(StoredStrings.KEPT), "b".repeat(StoredStrings.KEPT + 1),
			"x".repeat(StoredStrings.KEPT - 1) + "é", "\u007f\u0080", "ab");

	@Test
	void everyStringIsWrittenAsTheLengthOfItsUtf8BytesAndTheBytes() {
		for (String text : TEXTS) {
			WriteBuffer buffer = new WriteBuffer(16);
			StoredStrings.write(buffer, text);
			ByteBuffer written = buffer.getBuffer().flip();

			byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
			assertThat(DataUtils.readVarInt(written)).as(text).isEqualTo(utf8.length);
			byte[] bytes = new byte[written.remaining()];
			written.get(bytes);
			assertThat(bytes).as(text).isEqualTo(utf8);
		}
	}

	@Test
	void stringsWrittenOneAfterAnotherReadBackAsWritten() {
		WriteBuffer buffer = new WriteBuffer(16);
		TEXTS.forEach(text -> StoredStrings.write(buffer, text));
		ByteBuffer written = buffer.getBuffer().flip();

		for (String text : TEXTS) {
			assertThat(StoredStrings.read(written)).isEqualTo(text);
		}
		assertThat(written.hasRemaining()).isFalse();
	}

}
