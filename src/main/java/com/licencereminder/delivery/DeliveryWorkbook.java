package com.licencereminder.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.licencereminder.shared.ExportWorkbook;
import com.licencereminder.shared.SpreadsheetSafe;
import org.springframework.context.MessageSource;

/**
 * The delivery log as an Excel workbook ({@link ExportWorkbook}, streamed): a header row
 * in the reader's language, then one row per attempt: times as date cells in the zone,
 * recipients masked, every text cell passed through {@link SpreadsheetSafe} so that it
 * cannot run as a formula. The workbook's properties record the filter and the export
 * time (evidence). A log longer than a sheet holds ends with a row saying it was cut.
 */
final class DeliveryWorkbook {

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
		ExportWorkbook.write(attempts, out, new ExportWorkbook.Texts(messages, "delivery.export.", locale), COLUMNS,
				filter, exportedAt, zone,
				(a, cells) -> cells.time(a.createdAt())
					.text(a.channel() == null ? null : a.channel().name())
					.text(a.status() == null ? null : a.status().name())
					.text(a.holderName())
					.text(Deliveries.mask(a.channel(), a.recipient()))
					.text(a.licenceIds() == null ? null : String.join(";", a.licenceIds()))
					.number(a.stageOffsetDays())
					.text(a.provider())
					.text(a.providerId())
					.text(a.errorCode())
					.text(a.errorMessage())
					.time(a.updatedAt())
					.text(a.text())
					.text(a.id()));
	}

}
