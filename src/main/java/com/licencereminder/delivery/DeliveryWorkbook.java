package com.licencereminder.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import com.licencereminder.shared.SpreadsheetSafe;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;

/**
 * The delivery log as an Excel workbook, written row by row with POI's streaming
 * {@link SXSSFWorkbook}: at most {@value #WINDOW} rows are held in memory, the rest go to
 * a compressed temporary file that is deleted when the workbook is closed. One sheet, a
 * header row in the reader's language, then one row per attempt: times as date cells in
 * the zone, recipients masked, every text cell passed through {@link SpreadsheetSafe} so
 * that it cannot run as a formula. The workbook's properties record the filter and the
 * export time (evidence). A log longer than a sheet holds ends with a row saying it was
 * cut.
 */
final class DeliveryWorkbook {

	static final int WINDOW = 200;

	private static final List<String> COLUMNS = List.of("createdAt", "channel", "status", "holderName", "recipient",
			"licenceIds", "stageOffsetDays", "provider", "providerId", "errorCode", "errorMessage", "updatedAt", "text",
			"attemptId");

	private DeliveryWorkbook() {
	}

	/**
	 * Writes the attempts to the stream.
	 * @param filter the filter the attempts match, as the reader gave it (recorded in the
	 * properties)
	 * @param exportedAt when the export was made
	 */
	static void write(Stream<DeliveryAttempt> attempts, OutputStream out, String filter, Instant exportedAt,
			ZoneId zone, MessageSource messages, Locale locale) throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW)) {
			workbook.setCompressTempFiles(true);
			var properties = workbook.getXSSFWorkbook().getProperties().getCoreProperties();
			properties.setTitle(messages.getMessage("delivery.export.title", null, locale));
			properties.setDescription(messages.getMessage("delivery.export.description",
					new Object[] { filter, exportedAt.atZone(zone).toOffsetDateTime().toString() }, locale));
			properties.setCreated(Optional.of(Date.from(exportedAt)));
			SXSSFSheet sheet = workbook.createSheet(messages.getMessage("delivery.export.sheet", null, locale));
			Font bold = workbook.createFont();
			bold.setBold(true);
			CellStyle header = workbook.createCellStyle();
			header.setFont(bold);
			CellStyle date = workbook.createCellStyle();
			date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
			Row head = sheet.createRow(0);
			for (int i = 0; i < COLUMNS.size(); i++) {
				head.createCell(i)
					.setCellValue(messages.getMessage("delivery.export.column." + COLUMNS.get(i), null, locale));
				head.getCell(i).setCellStyle(header);
			}
			sheet.createFreezePane(0, 1);
			int last = SpreadsheetVersion.EXCEL2007.getLastRowIndex();
			int r = 1;
			for (DeliveryAttempt a : (Iterable<DeliveryAttempt>) attempts::iterator) {
				if (r == last) {
					sheet.createRow(r)
						.createCell(0)
						.setCellValue(
								messages.getMessage("delivery.export.truncated", new Object[] { last - 1 }, locale));
					break;
				}
				Row row = sheet.createRow(r++);
				int c = 0;
				time(row, c++, a.createdAt(), zone, date);
				text(row, c++, a.channel() == null ? null : a.channel().name());
				text(row, c++, a.status() == null ? null : a.status().name());
				text(row, c++, a.holderName());
				text(row, c++, Deliveries.mask(a.channel(), a.recipient()));
				text(row, c++, a.licenceIds() == null ? null : String.join(";", a.licenceIds()));
				row.createCell(c++).setCellValue(a.stageOffsetDays());
				text(row, c++, a.provider());
				text(row, c++, a.providerId());
				text(row, c++, a.errorCode());
				text(row, c++, a.errorMessage());
				time(row, c++, a.updatedAt(), zone, date);
				text(row, c++, a.text());
				text(row, c, a.id());
			}
			for (int i : new int[] { 0, 11 }) {
				sheet.setColumnWidth(i, 20 * 256);
			}
			workbook.write(out);
		}
	}

	private static void text(Row row, int column, String value) {
		if (value != null) {
			row.createCell(column).setCellValue(SpreadsheetSafe.cell(value));
		}
	}

	private static void time(Row row, int column, Instant value, ZoneId zone, CellStyle style) {
		if (value != null) {
			var cell = row.createCell(column);
			cell.setCellValue(value.atZone(zone).toLocalDateTime());
			cell.setCellStyle(style);
		}
	}

}
