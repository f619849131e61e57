package com.licencereminder.shared.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UniqueKeysTests {

	private final UniqueKeys keys = new UniqueKeys();

	@Test
	void aKeyReadBackEqualsTheKeyWrittenAndComparesEqualToIt() {
		KeyValue key = new KeyValue("JY123", 42L, 1.5, true, new Date(1_000), Instant.ofEpochSecond(7), new ObjectId(),
				Missing.getInstance(), new Document("a", 1));

		KeyValue read = roundTrip(key);

		assertThat(read.size()).isEqualTo(key.size());
		assertThat(read.get(0)).isEqualTo("JY123");
		assertThat(read.get(6)).isEqualTo(key.get(6));
		assertThat(read.get(7)).isInstanceOf(Missing.class);
		assertThat(UniqueKeys.hash(read)).as("hash stable across writing and reading").isEqualTo(UniqueKeys.hash(key));
		assertThat(this.keys.compare(read, key)).isZero();
		assertThat(this.keys.compare(key, read)).isZero();
	}

	@Test
	void differentKeysCompareUnequalAndAntisymmetrically() {
		KeyValue a = new KeyValue("a");
		KeyValue b = new KeyValue("b");
		KeyValue missing = new KeyValue(Missing.getInstance());
		KeyValue other = new KeyValue(new Document("x", 1));

		assertThat(Integer.signum(this.keys.compare(a, b))).isEqualTo(-Integer.signum(this.keys.compare(b, a)))
			.isNotZero();
		assertThat(Integer.signum(this.keys.compare(missing, other)))
			.isEqualTo(-Integer.signum(this.keys.compare(other, missing)))
			.isNotZero();
		assertThat(this.keys.compare(roundTrip(missing), missing)).isZero();
	}

	@Test
	void keysWithEqualHashesCompareConsistentlyFromManyThreadsAtOnce() throws Exception {
		KeyValue first = new KeyValue("Aa");
		KeyValue second = new KeyValue("BB");
		assertThat(UniqueKeys.hash(first)).isEqualTo(UniqueKeys.hash(second));
		int expected = Integer.signum(this.keys.compare(first, second));
		assertThat(expected).isNotZero();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				results.add(threads.submit(() -> {
					WriteBuffer buffer = new WriteBuffer();
					for (int i = 0; i < 20_000; i++) {
						this.keys.write(buffer.clear(), new KeyValue("x" + i, (long) i));
						if (Integer.signum(this.keys.compare(first, second)) != expected) {
							return false;
						}
					}
					return true;
				}));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aStringIsWrittenAsItsUtf8BytesBehindItsTag() {
		WriteBuffer buffer = new WriteBuffer();
		this.keys.write(buffer, new KeyValue("食品JY1"));

		byte[] utf8 = "食品JY1".getBytes(StandardCharsets.UTF_8);
		ByteBuffer written = buffer.getBuffer().flip();
		assertThat(written.get()).as("number of values").isEqualTo((byte) 1);
		assertThat(written.get()).as("tag").isEqualTo(UniqueKeys.UTF8);
		assertThat(written.get()).as("length").isEqualTo((byte) utf8.length);
		byte[] content = new byte[written.remaining()];
		written.get(content);
		assertThat(content).isEqualTo(utf8);
	}

	@Test
	void aKeyWrittenWithH2sStringFormatIsReadAsItWasWritten() {
		WriteBuffer buffer = new WriteBuffer();
		buffer.putVarInt(2);
		ObjectDataType earlier = new ObjectDataType();
		earlier.write(buffer, "营业执照-JY123");
		earlier.write(buffer, 7L);

		KeyValue read = this.keys.read(buffer.getBuffer().flip());

		assertThat(read).isEqualTo(new KeyValue("营业执照-JY123", 7L));
		assertThat(this.keys.compare(read, new KeyValue("营业执照-JY123", 7L))).isZero();
	}

	@Test
	void aPagesBinarySearchFindsEachKeyAndTheInsertionPointOfOthersAsTheComparisonOrders() {
		List<KeyValue> sorted = new ArrayList<>();
		for (int i = 0; i < 200; i += 2) {
			sorted.add(new KeyValue("licence-" + i, (long) i));
		}
		sorted.add(new KeyValue("Aa"));
		sorted.add(new KeyValue("BB"));
		sorted.sort(this.keys::compare);
		KeyValue[] page = sorted.toArray(KeyValue[]::new);

		for (int i = 0; i < page.length; i++) {
			KeyValue copy = roundTrip(page[i]);
			for (int guess : new int[] { 0, i, page.length, -5 }) {
				assertThat(this.keys.binarySearch(copy, page, page.length, guess)).as("%s, guess %d", copy, guess)
					.isEqualTo(i);
			}
		}
		for (int i = 1; i < 200; i += 2) {
			KeyValue absent = new KeyValue("licence-" + i, (long) i);
			int expected = Arrays.binarySearch(page, absent, this.keys::compare);
			assertThat(expected).as("absent").isNegative();
			assertThat(this.keys.binarySearch(absent, page, page.length, 1)).as("%s", absent).isEqualTo(expected);
		}
		assertThat(this.keys.binarySearch(new KeyValue("licence-0", 0L), page, 0, 0)).as("an empty page").isEqualTo(-1);
	}

	private KeyValue roundTrip(KeyValue key) {
		WriteBuffer buffer = new WriteBuffer();
		this.keys.write(buffer, key);
		return this.keys.read(buffer.getBuffer().flip());
	}

}
