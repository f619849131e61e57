package com.licencereminder.shared.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndexEntriesTests {

	private final IndexEntries entries = new IndexEntries();

	@Test
	void anEntryReadBackEqualsTheEntryWritten() {
		ObjectId id = new ObjectId();
		Object[] entry = { "深圳市某某餐饮店", null, Missing.getInstance(), 3, 4L, true, false,
				Instant.ofEpochSecond(1_700_000_000L, 123), id, "" };

		Object[] read = roundTrip(entry);

		assertThat(read).hasSameSizeAs(entry);
		assertThat(read[0]).isEqualTo("深圳市某某餐饮店");
		assertThat(read[2]).isInstanceOf(Missing.class);
		assertThat(read[8]).isEqualTo(id);
		assertThat(read[9]).isEqualTo("");
		assertThat(this.entries.compare(read, entry)).isZero();
	}

	@Test
	void aStringIsWrittenAsItsUtf8Bytes() {
		WriteBuffer buffer = new WriteBuffer();
		this.entries.write(buffer, new Object[] { "食品JY1" });

		byte[] utf8 = "食品JY1".getBytes(StandardCharsets.UTF_8);
		ByteBuffer written = buffer.getBuffer().flip();
		assertThat(written.get()).as("number of values").isEqualTo((byte) 1);
		written.get();
		assertThat(written.get()).as("length").isEqualTo((byte) utf8.length);
		byte[] content = new byte[written.remaining()];
		written.get(content);
		assertThat(content).isEqualTo(utf8);
	}

	@Test
	void anEntryWrittenWithH2sStringFormatIsReadAsItWasWritten() {
		String text = "营业执照-JY123";
		WriteBuffer buffer = new WriteBuffer();
		buffer.put((byte) 2);
		buffer.put((byte) 4).putVarInt(text.length()).putStringData(text, text.length());
		buffer.put((byte) 3).putLong(9L);

		Object[] read = this.entries.read(buffer.getBuffer().flip());

		assertThat(read).containsExactly(text, 9L);
	}

	private Object[] roundTrip(Object[] entry) {
		WriteBuffer buffer = new WriteBuffer();
		this.entries.write(buffer, entry);
		return this.entries.read(buffer.getBuffer().flip());
	}

}
