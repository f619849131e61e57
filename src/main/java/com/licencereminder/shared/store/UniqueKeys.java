package com.licencereminder.shared.store;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * H2 key type of the unique indexes' maps ({@link UniqueIndex}). H2's default type for
 * the library's {@code KeyValue} keys Java-serialises both keys on every comparison
 * (about 20 per lookup) and every key of a page each time the page is written; in the
 * engine benchmark that was about half the CPU of planning on the file store.
 * <p>
 * Order: by a hash of the key's values first, stable across writing and reading (the hash
 * code of strings, numbers, booleans, dates and object ids; every other value counts the
 * same, so that identity hash codes, such as the library's {@code Missing}, play no
 * part); keys with equal hashes are equal when {@code equals} says so, and ordered by
 * their Java-serialised form otherwise (as H2's default type orders them; not through an
 * {@link ObjectDataType} instance, whose comparison depends on the type it last handled
 * and so is not safe for concurrent use). A unique index only looks keys up exactly,
 * which this order serves.
 * <p>
 * Format: the number of values, then each value: a string as tag {@value #UTF8} and
 * {@link StoredStrings}' form, anything else as H2's {@link ObjectDataType} writes it
 * (numbers and dates natively, anything else Java-serialised; strings too in files
 * written before the tag, which are read as they are). The tag is one that
 * {@link ObjectDataType} never writes first.
 */
final class UniqueKeys extends BasicDataType<KeyValue> {

	/**
	 * Writes and reads single values; both are safe for concurrent use (unlike its
	 * comparison).
	 */
	private final ObjectDataType values = new ObjectDataType();

	/** The first byte of a string value; {@link ObjectDataType}'s tags end at 119. */
	static final byte UTF8 = 120;

	@Override
	public int compare(KeyValue left, KeyValue right) {
		return left == right ? 0 : compare(hash(left), left, right);
	}

	private static int compare(int leftHash, KeyValue left, KeyValue right) {
		int cmp = Integer.compare(leftHash, hash(right));
		if (cmp != 0 || left.equals(right)) {
			return cmp;
		}
		return ObjectDataType.compareNotNull(ObjectDataType.serialize(left), ObjectDataType.serialize(right));
	}

	/**
	 * H2's binary search of a page's keys, with the searched key's hash taken once rather
	 * than at every comparison (it was about a twentieth of a district import's CPU).
	 */
	@Override
	public int binarySearch(KeyValue key, Object storage, int size, int initialGuess) {
		KeyValue[] keys = cast(storage);
		int keyHash = hash(key);
		int low = 0;
		int high = size - 1;
		int probe = initialGuess - 1;
		if (probe < 0 || probe > high) {
			probe = high >>> 1;
		}
		while (low <= high) {
			int cmp = key == keys[probe] ? 0 : compare(keyHash, key, keys[probe]);
			if (cmp > 0) {
				low = probe + 1;
			}
			else if (cmp < 0) {
				high = probe - 1;
			}
			else {
				return probe;
			}
			probe = (low + high) >>> 1;
		}
		return -(low + 1);
	}

	/** The key's hash, the same for a key and its copy read back from the file. */
	static int hash(KeyValue key) {
		int hash = 1;
		for (int i = 0; i < key.size(); i++) {
			Object value = key.get(i);
			hash = 31 * hash + (stable(value) ? value.hashCode() : 0);
		}
		return hash;
	}

	private static boolean stable(Object value) {
		return value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Double
				|| value instanceof Boolean || value instanceof Date || value instanceof Instant
				|| value instanceof ObjectId;
	}

	@Override
	public int getMemory(KeyValue key) {
		int memory = 24;
		for (Object value : key) {
			memory += values.getMemory(value);
		}
		return memory;
	}

	@Override
	public void write(WriteBuffer buffer, KeyValue key) {
		buffer.putVarInt(key.size());
		for (Object value : key) {
			if (value instanceof String text) {
				StoredStrings.write(buffer.put(UTF8), text);
			}
			else {
				values.write(buffer, value);
			}
		}
	}

	@Override
	public KeyValue read(ByteBuffer buffer) {
		int size = DataUtils.readVarInt(buffer);
		List<Object> read = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			if (buffer.get(buffer.position()) == UTF8) {
				buffer.get();
				read.add(StoredStrings.read(buffer));
			}
			else {
				read.add(values.read(buffer));
			}
		}
		return new KeyValue(read);
	}

	@Override
	public KeyValue[] createStorage(int size) {
		return new KeyValue[size];
	}

}
