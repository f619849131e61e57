package com.licencereminder.shared;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;

/**
 * An export as an Excel workbook, written row by row with POI's streaming
 * {@link SXSSFWorkbook}: at most {@value #WINDOW} rows are held in memory, the rest go to
 * a compressed temporary file that is deleted when the workbook is closed. One sheet, a
 * bold frozen header row in the reader's language, then one row per item. Its texts are
 * messages under a prefix: {@code <prefix>title}, {@code <prefix>description}
 * (<code>{0}</code> the filter, <code>{1}</code> the export time; both in the workbook's
 * properties, as evidence), {@code <prefix>sheet}, {@code <prefix>column.<column>} and
 * {@code <prefix>truncated} (<code>{0}</code> the rows exported: an export longer than a
 * sheet holds ends with a row saying it was cut).
 */
public final class ExportWorkbook {

	/** Rows held in memory. */
	public static final int WINDOW = 200;

	private ExportWorkbook() {
	}

	/**
	 * Writes the items to the stream, one row each.
	 * @param texts the messages' prefix and language
	 * @param columns the columns' names (their headers are messages)
	 * @param filter the filter the items match, as the reader gave it ({@link #describe})
	 * @param exportedAt when the export was made
	 * @param row fills an item's row, cell after cell
	 */
	public static <T> void write(Stream<T> items, OutputStream out, Texts texts, List<String> columns, String filter,
			Instant exportedAt, ZoneId zone, RowWriter<T> row) throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW)) {
			workbook.setCompressTempFiles(true);
			var properties = workbook.getXSSFWorkbook().getProperties().getCoreProperties();
			properties.setTitle(texts.get("title"));
			properties.setDescription(
					texts.get("description", filter, exportedAt.atZone(zone).toOffsetDateTime().toString()));
			properties.setCreated(Optional.of(Date.from(exportedAt)));
			SXSSFSheet sheet = workbook.createSheet(texts.get("sheet"));
			Font bold = workbook.createFont();
			bold.setBold(true);
			CellStyle header = workbook.createCellStyle();
			header.setFont(bold);
			CellStyle date = workbook.createCellStyle();
			date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
			CellStyle day = workbook.createCellStyle();
			day.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
			Row head = sheet.createRow(0);
			for (int i = 0; i < columns.size(); i++) {
				head.createCell(i).setCellValue(texts.get("column." + columns.get(i)));
				head.getCell(i).setCellStyle(header);
			}
			sheet.createFreezePane(0, 1);
			TreeSet<Integer> timeColumns = new TreeSet<>();
			int last = SpreadsheetVersion.EXCEL2007.getLastRowIndex();
			int r = 1;
			for (T item : (Iterable<T>) items::iterator) {
				if (r == last) {
					sheet.createRow(r).createCell(0).setCellValue(texts.get("truncated", last - 1));
					break;
				}
				row.write(item, new Cells(sheet.createRow(r++), zone, date, day, timeColumns));
			}
			for (int i : timeColumns) {
				sheet.setColumnWidth(i, 20 * 256);
			}
			workbook.write(out);
		}
	}

	/** A filter's parameters as {@code name=value, ...}, or {@code -} without any. */
	public static String describe(Map<String, String> parameters) {
		return parameters.isEmpty() ? "-"
				: parameters.entrySet()
					.stream()
					.map(e -> e.getKey() + "=" + e.getValue())
					.collect(Collectors.joining(", "));
	}

	/** Fills the row of an item. */
	@FunctionalInterface
	public interface RowWriter<T> {

		void write(T item, Cells cells);

	}

	/**
	 * The messages of an export.
	 *
	 * @param prefix the messages' keys' prefix, such as {@code delivery.export.}
	 */
	public record Texts(MessageSource messages, String prefix, Locale locale) {

		String get(String key, Object... args) {
			return messages.getMessage(prefix + key, args, locale);
		}

	}

	/**
	 * The cells of a row, filled from the first column on; each call fills the next.
	 * Every text passes through {@link SpreadsheetSafe} so that it cannot run as a
	 * formula; times are date-time cells in the zone, 20 characters wide, and days date
	 * cells. A null leaves its cell empty.
	 */
	public static final class Cells {

		private final Row row;

		private final ZoneId zone;

		private final CellStyle date;

		private final CellStyle day;

		private final TreeSet<Integer> timeColumns;

		private int column;

		Cells(Row row, ZoneId zone, CellStyle date, CellStyle day, TreeSet<Integer> timeColumns) {
			this.row = row;
			this.zone = zone;
			this.date = date;
			this.day = day;
			this.timeColumns = timeColumns;
		}

		public Cells text(String value) {
			if (value != null) {
				row.createCell(column).setCellValue(SpreadsheetSafe.cell(value));
			}
			column++;
			return this;
		}

		public Cells number(double value) {
			row.createCell(column++).setCellValue(value);
			return this;
		}

		public Cells time(Instant value) {
			timeColumns.add(column);
			if (value != null) {
				var cell = row.createCell(column);
				cell.setCellValue(value.atZone(zone).toLocalDateTime());
				cell.setCellStyle(date);
			}
			column++;
			return this;
		}

		public Cells day(LocalDate value) {
			if (value != null) {
				var cell = row.createCell(column);
				cell.setCellValue(value);
				cell.setCellStyle(day);
			}
			column++;
			return this;
		}

	}

}
