package com.licencereminder.shared.store;

import java.nio.ByteBuffer;
import java.time.Instant;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * H2 key type of the {@link OrderedIndex} maps: an entry is the document's values of the
 * index's fields and then its position, in {@link IndexOrder#ENTRIES}' order. Each value
 * is written as a tag and its content: null, missing, 32- and 64-bit integers, strings
 * ({@link StoredStrings}; H2's own format in files written before it is read too), object
 * ids, booleans and dates (seconds and nanoseconds) are the types an entry holds.
 */
final class IndexEntries extends BasicDataType<Object[]> {

	private static final byte NULL = 0;

	private static final byte MISSING = 1;

	private static final byte INT = 2;

	private static final byte LONG = 3;

	/** A string in H2's own format, as entries written before {@link #UTF8} hold it. */
	private static final byte STRING = 4;

	private static final byte OBJECT_ID = 5;

	private static final byte FALSE = 6;

	private static final byte TRUE = 7;

	private static final byte DATE = 8;

	/** A string as {@link StoredStrings} writes it. */
	private static final byte UTF8 = 9;

	@Override
	public int compare(Object[] left, Object[] right) {
		return IndexOrder.ENTRIES.compare(left, right);
	}

	@Override
	public int getMemory(Object[] entry) {
		int memory = 16 + 4 * entry.length;
		for (Object value : entry) {
			memory += value instanceof String text ? 40 + text.length() : 24;
		}
		return memory;
	}

	@Override
	public void write(WriteBuffer buffer, Object[] entry) {
		buffer.put((byte) entry.length);
		for (Object value : entry) {
			writeValue(buffer, value);
		}
	}

	private static void writeValue(WriteBuffer buffer, Object value) {
		if (value == null) {
			buffer.put(NULL);
		}
		else if (value instanceof Missing) {
			buffer.put(MISSING);
		}
		else if (value instanceof String text) {
			StoredStrings.write(buffer.put(UTF8), text);
		}
		else if (value instanceof Instant date) {
			buffer.put(DATE).putVarLong(date.getEpochSecond()).putVarInt(date.getNano());
		}
		else if (value instanceof Integer number) {
			buffer.put(INT).putInt(number);
		}
		else if (value instanceof Long number) {
			buffer.put(LONG).putLong(number);
		}
		else if (value instanceof Boolean bool) {
			buffer.put(bool ? TRUE : FALSE);
		}
		else if (value instanceof ObjectId id) {
			buffer.put(OBJECT_ID).put(id.toByteArray());
		}
		else {
			throw new IllegalArgumentException("An ordered index holds no " + value.getClass().getName());
		}
	}

	@Override
	public Object[] read(ByteBuffer buffer) {
		Object[] entry = new Object[buffer.get()];
		for (int i = 0; i < entry.length; i++) {
			entry[i] = readValue(buffer);
		}
		return entry;
	}

	private static Object readValue(ByteBuffer buffer) {
		byte tag = buffer.get();
		return switch (tag) {
			case NULL -> null;
			case MISSING -> Missing.getInstance();
			case UTF8 -> StoredStrings.read(buffer);
			case STRING -> DataUtils.readString(buffer);
			case DATE -> Instant.ofEpochSecond(DataUtils.readVarLong(buffer), DataUtils.readVarInt(buffer));
			case INT -> buffer.getInt();
			case LONG -> buffer.getLong();
			case FALSE -> Boolean.FALSE;
			case TRUE -> Boolean.TRUE;
			case OBJECT_ID -> {
				byte[] id = new byte[12];
				buffer.get(id);
				yield new ObjectId(id);
			}
			default -> throw new IllegalStateException("Unknown value tag " + tag + " in an ordered index");
		};
	}

	@Override
	public Object[][] createStorage(int size) {
		return new Object[size][];
	}

}
