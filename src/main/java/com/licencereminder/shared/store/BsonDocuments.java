package com.licencereminder.shared.store;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * H2 value type of the collections' document maps: a document is written as BSON, the
 * form MongoDB itself stores and the library already reads and writes on the wire, behind
 * a tag byte that H2's default type never writes first. H2's default type
 * ({@link ObjectDataType}) Java-serialises the library's documents: a class description
 * with every document, field names and values as Java objects, several times the BSON
 * size, and the most expensive part of every write (decision 0093).
 * <p>
 * A document without the tag was written by that default type (a store written by an
 * earlier version, or by the library's own backend) and is read by it; it is written as
 * BSON the next time its page is written (H2 writes a changed page whole). A store once
 * written this way no longer opens with the library's backend or an earlier version. The
 * order of values plays no part: documents are never keys.
 */
final class BsonDocuments extends BasicDataType<Document> {

	/**
	 * The first byte of a BSON value; {@link ObjectDataType} starts every value with a
	 * type or tag byte between 0 and 119.
	 */
	static final byte TAG = (byte) 0xB5;

	/**
	 * The largest encoding buffer a thread keeps between writes; one grown past it for a
	 * large document is dropped after that document.
	 */
	static final int RETAINED_CAPACITY = 64 * 1024;

	/**
	 * The buffer each thread encodes into, reused from one document to the next: H2
	 * writes a page's documents one after the other, and a buffer per document (grown by
	 * copying as it fills) was about half the cost of writing one.
	 */
	private static final ThreadLocal<ByteBuf> ENCODING = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

	/**
	 * The length of the empty BSON document: its length field and its terminating zero.
	 */
	private static final int MIN_LENGTH = 5;

	private final ObjectDataType earlier = new ObjectDataType();

	@Override
	public int compare(Document left, Document right) {
		throw new UnsupportedOperationException("Documents are values, never keys");
	}

	@Override
	public int getMemory(Document document) {
		return 48 + memory(document);
	}

	@Override
	public void write(WriteBuffer buffer, Document document) {
		ByteBuf bson = ENCODING.get().clear();
		try {
			BsonEncoder.encodeDocument(document, bson);
			buffer.put(TAG);
			buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
		}
		finally {
			if (bson.capacity() > RETAINED_CAPACITY) {
				ENCODING.remove();
				bson.release();
			}
		}
	}

	/**
	 * Reads the document in place when the buffer is backed by an array (the pages H2
	 * reads and decompresses are), else from a copy; a length that does not fit the page
	 * (a damaged file) is refused with an {@link IllegalStateException} rather than read
	 * from the bytes beyond it.
	 */
	@Override
	public Document read(ByteBuffer buffer) {
		int start = buffer.position();
		if (buffer.get(start) != TAG) {
			return (Document) this.earlier.read(buffer);
		}
		int length = Byte.toUnsignedInt(buffer.get(start + 1)) | Byte.toUnsignedInt(buffer.get(start + 2)) << 8
				| Byte.toUnsignedInt(buffer.get(start + 3)) << 16 | Byte.toUnsignedInt(buffer.get(start + 4)) << 24;
		int left = buffer.limit() - start - 1;
		if (length < MIN_LENGTH || length > left) {
			throw new IllegalStateException("A stored document says it is " + length + " bytes long where its page has "
					+ left + " bytes left: the store file is damaged");
		}
		ByteBuf bson;
		if (buffer.hasArray()) {
			bson = Unpooled.wrappedBuffer(buffer.array(), buffer.arrayOffset() + start + 1, length);
			buffer.position(start + 1 + length);
		}
		else {
			byte[] copy = new byte[length];
			buffer.position(start + 1);
			buffer.get(copy);
			bson = Unpooled.wrappedBuffer(copy);
		}
		return BsonDecoder.decodeBson(bson);
	}

	@Override
	public Document[] createStorage(int size) {
		return new Document[size];
	}

	/**
	 * An estimate of the heap a value takes, as H2's page cache counts it: without
	 * encoding it, as H2 asks on every write.
	 */
	private static int memory(Object value) {
		if (value instanceof String text) {
			return 40 + text.length();
		}
		if (value instanceof Map<?, ?> fields) {
			int memory = 64;
			for (Map.Entry<?, ?> field : fields.entrySet()) {
				memory += 32 + memory(field.getKey()) + memory(field.getValue());
			}
			return memory;
		}
		if (value instanceof Collection<?> values) {
			int memory = 40;
			for (Object element : values) {
				memory += 8 + memory(element);
			}
			return memory;
		}
		if (value instanceof byte[] bytes) {
			return 16 + bytes.length;
		}
		return 24;
	}

}
