package com.licencereminder.licence.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides how to read an uploaded file from its content, never from its name: a ZIP
 * container is an XLSX workbook; text is CSV in UTF-8 (with or without BOM), UTF-16 (with
 * BOM) or GB18030 (which includes GBK and GB2312). The encoding is decided by decoding
 * the whole file strictly: a file that is valid UTF-8 is UTF-8, otherwise one valid as
 * GB18030 is GB18030; anything else, and binary content, is refused with a message that
 * says what to do.
 */
final class SourceFiles {

	static final Charset GB18030 = Charset.forName("GB18030");

	/** How many leading bytes {@link #checkHead} looks at. */
	static final int SNIFF_BYTES = 64 * 1024;

	private SourceFiles() {
	}

	/** Opens the file with the reader its content calls for. */
	static TableReader open(Path file) throws IOException {
		long size = Files.size(file);
		byte[] head = new byte[(int) Math.min(size, SNIFF_BYTES)];
		try (InputStream in = Files.newInputStream(file)) {
			in.readNBytes(head, 0, head.length);
		}
		checkHead(head);
		if (startsWith(head, 0x50, 0x4B, 0x03, 0x04)) {
			return new XlsxTableReader(file);
		}
		Charset charset;
		int bom = 0;
		if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
			charset = StandardCharsets.UTF_8;
			bom = 3;
		}
		else if (startsWith(head, 0xFF, 0xFE)) {
			charset = StandardCharsets.UTF_16LE;
			bom = 2;
		}
		else if (startsWith(head, 0xFE, 0xFF)) {
			charset = StandardCharsets.UTF_16BE;
			bom = 2;
		}
		else {
			charset = decodes(file, StandardCharsets.UTF_8) ? StandardCharsets.UTF_8
					: decodes(file, GB18030) ? GB18030 : null;
			if (charset == null) {
				throw new ImportFailure("import.failure.encoding");
			}
		}
		if (bom > 0 && !decodes(file, charset)) {
			throw new ImportFailure("import.failure.encoding-bom", charset.name());
		}
		return new CsvTableReader(file, charset, bom, delimiter(file, charset, bom));
	}

	/**
	 * Refuses what the first bytes of a file already show cannot be imported: an empty
	 * file, an old Excel (.xls) workbook, binary content. The upload page checks this
	 * before queuing an import.
	 * @param head the file's first bytes (up to 64 KB; fewer only when the file is
	 * shorter)
	 * @throws ImportFailure saying what is wrong and what to do
	 */
	static void checkHead(byte[] head) {
		if (head.length == 0) {
			throw new ImportFailure("import.failure.empty");
		}
		if (startsWith(head, 0x50, 0x4B, 0x03, 0x04) || startsWith(head, 0xEF, 0xBB, 0xBF)
				|| startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF)) {
			return;
		}
		if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
			throw new ImportFailure("import.failure.xls");
		}
		if (looksBinary(head)) {
			throw notTabular();
		}
	}

	private static ImportFailure notTabular() {
		return new ImportFailure("import.failure.binary");
	}

	private static boolean startsWith(byte[] data, int... prefix) {
		if (data.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((data[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * NUL bytes, or more than 1% control characters other than tab, CR, LF and form feed.
	 */
	private static boolean looksBinary(byte[] head) {
		int control = 0;
		for (byte b : head) {
			if (b == 0) {
				return true;
			}
			if (b > 0 && b < 0x20 && b != '\t' && b != '\r' && b != '\n' && b != '\f') {
				control++;
			}
		}
		return control > head.length / 100;
	}

	/**
	 * Whether the whole file decodes in the charset without a single malformed sequence.
	 */
	static boolean decodes(Path file, Charset charset) throws IOException {
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.allocate(1 << 16);
		CharBuffer out = CharBuffer.allocate(1 << 16);
		try (InputStream stream = Files.newInputStream(file)) {
			int read;
			while ((read = stream.read(in.array(), in.position(), in.remaining())) >= 0) {
				in.position(in.position() + read);
				in.flip();
				CoderResult result = decoder.decode(in, out, false);
				if (result.isError()) {
					return false;
				}
				out.clear();
				in.compact();
			}
			in.flip();
			CoderResult result = decoder.decode(in, out, true);
			if (result.isError() || decoder.flush(out).isError()) {
				return false;
			}
			return !in.hasRemaining();
		}
	}

	/**
	 * The most frequent of comma, tab and semicolon in the first lines; comma when none.
	 */
	private static char delimiter(Path file, Charset charset, int bom) throws IOException {
		int[] counts = new int[3];
		char[] candidates = { ',', '\t', ';' };
		try (InputStream in = Files.newInputStream(file)) {
			in.skipNBytes(bom);
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset));
			String line;
			for (int lines = 0; lines < 50 && (line = reader.readLine()) != null; lines++) {
				for (int c = 0; c < candidates.length; c++) {
					char candidate = candidates[c];
					counts[c] += (int) line.chars().filter(ch -> ch == candidate).count();
				}
			}
		}
		catch (CharacterCodingException ex) {
			return ',';
		}
		int best = 0;
		for (int c = 1; c < counts.length; c++) {
			if (counts[c] > counts[best]) {
				best = c;
			}
		}
		return candidates[best];
	}

}
