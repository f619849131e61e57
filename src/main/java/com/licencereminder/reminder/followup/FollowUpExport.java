package com.licencereminder.reminder.followup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.licencereminder.shared.CsvExport;
import com.licencereminder.shared.Downloads;
import com.licencereminder.shared.ExportWorkbook;
import com.licencereminder.shared.Masking;
import com.licencereminder.shared.SpreadsheetSafe;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The follow-up list's exports, shared by the API ({@link FollowUpController}) and the
 * console ({@link FollowUpPages}): the items of a status in the work queue's order (open
 * items first, then the oldest first), read from the store {@value FollowUps#EXPORT_PAGE}
 * at a time as they are sent ({@link FollowUps#stream}), and sent by {@link Downloads} (a
 * failure part-way aborts the transfer). An export leaves the system, so phones are
 * always masked ({@link Masking#phone}), and so are numbers in notes
 * ({@link Masking#text}); every text cell is made formula-safe ({@link SpreadsheetSafe}).
 * The columns, one row per item with its latest outcome, are {@link #COLUMNS}.
 */
@Component
class FollowUpExport {

	private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	/** The columns' names: the CSV's header, and the XLSX's headers' message keys. */
	static final List<String> COLUMNS = List.of("createdAt", "status", "reason", "holderName", "contact", "phones",
			"licenceType", "licenceNumber", "validUntil", "licenceId", "cycle", "outcome", "outcomeNote", "outcomeBy",
			"outcomeAt", "followUpId");

	private final FollowUps followUps;

	private final MessageSource messages;

	private final Clock clock;

	FollowUpExport(FollowUps followUps, MessageSource messages, Clock clock) {
		this.followUps = followUps;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * Sends the items of the status (null: all) as CSV, times as offset date-times in the
	 * zone.
	 * @param disposition the {@code Content-Disposition} header
	 * @param bom whether to start with a byte order mark (spreadsheet programs then read
	 * UTF-8)
	 */
	void sendCsv(FollowUp.Status status, String disposition, boolean bom, HttpServletResponse response)
			throws IOException {
		ZoneId zone = clock.getZone();
		Downloads.send(response, "text/csv;charset=UTF-8", disposition, out -> CsvExport.write(followUps.stream(status),
				new OutputStreamWriter(out, StandardCharsets.UTF_8), bom, COLUMNS, (csv, item) -> {
					FollowUp.Outcome outcome = latest(item);
					csv.printRecord(time(item.createdAt(), zone), item.status(), item.reason(), cell(item.holderName()),
							cell(item.contact()), cell(phones(item)), cell(item.licenceType()),
							cell(item.licenceNumber()), item.validUntil(), cell(item.licenceId()), item.cycle(),
							outcome == null ? null : outcome.result(),
							cell(outcome == null ? null : Masking.text(outcome.note())),
							cell(outcome == null ? null : outcome.by()),
							time(outcome == null ? null : outcome.at(), zone), cell(item.id()));
				}));
	}

	/**
	 * Sends the items of the status (null: all) as an Excel workbook
	 * ({@link ExportWorkbook}) with headers in the reader's language, its properties
	 * recording the filter and the export time.
	 * @param filter the filter's parameters, as the reader gave them
	 */
	void sendXlsx(FollowUp.Status status, Map<String, String> filter, Locale locale, HttpServletResponse response)
			throws IOException {
		Instant now = clock.instant();
		Downloads.send(response, XLSX, disposition(filter, now, "xlsx"),
				out -> writeXlsx(status, filter, now, out, locale));
	}

	/**
	 * {@code follow-ups_<export time>_<name>-<value>...}: evidence of what was exported
	 * and when.
	 */
	String disposition(Map<String, String> filter, String extension) {
		return disposition(filter, clock.instant(), extension);
	}

	private String disposition(Map<String, String> filter, Instant exportedAt, String extension) {
		return Downloads.attachment("follow-ups", filter, exportedAt, clock.getZone(), extension);
	}

	private void writeXlsx(FollowUp.Status status, Map<String, String> filter, Instant exportedAt, OutputStream out,
			Locale locale) throws IOException {
		try (Stream<FollowUp> items = followUps.stream(status)) {
			ExportWorkbook.write(items, out, new ExportWorkbook.Texts(messages, "reminder.follow-up.export.", locale),
					COLUMNS, ExportWorkbook.describe(filter), exportedAt, clock.getZone(), (item, cells) -> {
						FollowUp.Outcome outcome = latest(item);
						cells.time(item.createdAt())
							.text(item.status() == null ? null : item.status().name())
							.text(item.reason() == null ? null : item.reason().name())
							.text(item.holderName())
							.text(item.contact())
							.text(phones(item))
							.text(item.licenceType())
							.text(item.licenceNumber())
							.day(item.validUntil())
							.text(item.licenceId())
							.number(item.cycle())
							.text(outcome == null ? null : outcome.result().name())
							.text(outcome == null ? null : Masking.text(outcome.note()))
							.text(outcome == null ? null : outcome.by())
							.time(outcome == null ? null : outcome.at())
							.text(item.id());
					});
		}
	}

	/** The item's latest outcome, or null. */
	private static FollowUp.Outcome latest(FollowUp item) {
		return item.outcomes() == null || item.outcomes().isEmpty() ? null
				: item.outcomes().get(item.outcomes().size() - 1);
	}

	/** The item's phones, masked, separated by {@code ;}. */
	private static String phones(FollowUp item) {
		return item.phones() == null ? null : String.join(";", item.phones().stream().map(Masking::phone).toList());
	}

	private static String time(Instant instant, ZoneId zone) {
		return instant == null ? null : instant.atZone(zone).toOffsetDateTime().toString();
	}

	private static String cell(String text) {
		return SpreadsheetSafe.cell(text);
	}

}
