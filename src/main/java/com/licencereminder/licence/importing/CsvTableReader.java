package com.licencereminder.licence.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV with Apache Commons CSV: RFC 4180 quoting, quoted cells spanning lines, the
 * detected encoding and delimiter, after skipping a byte order mark. Record numbers are
 * row numbers: a spreadsheet program shows one record per row, blank lines included.
 */
class CsvTableReader implements TableReader {

	private final Path file;

	private final Charset charset;

	private final int bomLength;

	private final char delimiter;

	CsvTableReader(Path file, Charset charset, int bomLength, char delimiter) {
		this.file = file;
		this.charset = charset;
		this.bomLength = bomLength;
		this.delimiter = delimiter;
	}

	@Override
	public String description() {
		return "CSV, " + charset.name() + (bomLength > 0 ? " with BOM" : "") + ", delimiter '"
				+ (delimiter == '\t' ? "\\t" : String.valueOf(delimiter)) + "'";
	}

	@Override
	public void read(RowHandler handler) throws IOException {
		CSVFormat format = CSVFormat.RFC4180.builder()
			.setDelimiter(delimiter)
			.setIgnoreEmptyLines(false)
			.setTrailingData(true)
			.setLenientEof(false)
			.get();
		long lastRow = 0;
		try (Reader reader = open(); CSVParser parser = format.parse(reader)) {
			for (CSVRecord record : parser) {
				lastRow = record.getRecordNumber();
				List<String> cells = new ArrayList<>(record.size());
				record.forEach(cells::add);
				if (!handler.row(Math.toIntExact(lastRow), cells)) {
					return;
				}
			}
		}
		catch (UncheckedIOException ex) {
			throw malformed(lastRow + 1, ex.getCause());
		}
		catch (IOException ex) {
			if (ex instanceof java.nio.charset.CharacterCodingException) {
				throw ex;
			}
			throw malformed(lastRow + 1, ex);
		}
	}

	private Reader open() throws IOException {
		InputStream in = Files.newInputStream(file);
		in.skipNBytes(bomLength);
		return new BufferedReader(new InputStreamReader(in, charset.newDecoder()), 1 << 16);
	}

	private static ImportFailure malformed(long row, Throwable cause) {
		String detail = cause == null ? "" : cause.getMessage();
		if (detail != null && detail.contains("EOF reached before encapsulated token finished")) {
			return new ImportFailure("import.failure.csv-quote", List.of(String.valueOf(row)), cause);
		}
		return new ImportFailure("import.failure.csv-malformed", List.of(String.valueOf(row), String.valueOf(detail)),
				cause);
	}

}
