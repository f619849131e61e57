package com.licencereminder.shared.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;

/**
 * Strings in the keys of the store's index maps, written as the length of their UTF-8
 * bytes and the bytes. H2's own string format ({@link WriteBuffer#putStringData}) puts
 * each character into the buffer on its own, which was about a sixth of the CPU of H2's
 * serialisation thread in a district's import; the JDK encodes and decodes UTF-8 in bulk.
 * A string of up to {@value #KEPT} ASCII characters (ids, numbers, statuses: most keys)
 * is copied through an array the writing thread keeps, since encoding it anew allocated
 * an array per key written (3.3 GB in a district's import, H2's serialisation thread
 * writing every key of every page it saves); its UTF-8 bytes are its characters.
 */
final class StoredStrings {

	/** The longest string copied through the kept array. */
	static final int KEPT = 128;

	private static final ThreadLocal<byte[]> ASCII = ThreadLocal.withInitial(() -> new byte[KEPT]);

	private StoredStrings() {
	}

	static void write(WriteBuffer buffer, String text) {
		int length = text.length();
		if (length <= KEPT) {
			byte[] ascii = ASCII.get();
			int i = 0;
			while (i < length) {
				char c = text.charAt(i);
				if (c >= 0x80) {
					break;
				}
				ascii[i++] = (byte) c;
			}
			if (i == length) {
				buffer.putVarInt(length).put(ascii, 0, length);
				return;
			}
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		buffer.putVarInt(bytes.length).put(bytes);
	}

	static String read(ByteBuffer buffer) {
		int length = DataUtils.readVarInt(buffer);
		String text;
		if (buffer.hasArray()) {
			text = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
			buffer.position(buffer.position() + length);
		}
		else {
			byte[] bytes = new byte[length];
			buffer.get(bytes);
			text = new String(bytes, StandardCharsets.UTF_8);
		}
		return text;
	}

}
