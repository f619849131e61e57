package com.licencereminder.shared;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes an export as RFC 4180 CSV: a header row, then a record per item as the items are
 * read. Making each text cell formula-safe ({@link SpreadsheetSafe}) is the caller's
 * part, as it knows which cells are text.
 */
public final class CsvExport {

	private CsvExport() {
	}

	/**
	 * Writes the items and closes the stream of items and the writer.
	 * @param bom whether to start with a byte order mark (spreadsheet programs then read
	 * UTF-8)
	 * @param header the columns' names
	 * @param record prints an item's record
	 */
	public static <T> void write(Stream<T> items, Writer writer, boolean bom, List<String> header,
			RecordWriter<T> record) throws IOException {
		if (bom) {
			writer.write('\uFEFF');
		}
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get();
		try (CSVPrinter csv = new CSVPrinter(writer, format); items) {
			for (T item : (Iterable<T>) items::iterator) {
				record.write(csv, item);
			}
		}
	}

	/** Prints an item's record. */
	@FunctionalInterface
	public interface RecordWriter<T> {

		void write(CSVPrinter csv, T item) throws IOException;

	}

}
