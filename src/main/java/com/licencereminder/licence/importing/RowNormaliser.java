package com.licencereminder.licence.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceStatus;

/**
 * Turns the cells of one row into a {@link LicenceRow} or the reasons it cannot be one.
 * <p>
 * A row is rejected only when a required field is missing or invalid (holder, licence
 * type, licence number, valid-until) or its USCC fails the GB 32100 check; every reason
 * is reported, not just the first. Contact problems never reject a row: they are
 * warnings, and the licence is unreachable on the channels that need the missing contact.
 */
final class RowNormaliser {

	static final int MAX_TEXT_LENGTH = 200;

	private static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

	private final Header header;

	private final String suppliedType;

	RowNormaliser(Header header, String suppliedType) {
		this.header = header;
		this.suppliedType = Text.clean(suppliedType);
	}

	/** The outcome of one row. */
	sealed interface Outcome {

		/** The row makes a licence; {@code warnings} may be empty. */
		record Accepted(LicenceRow licence, List<RowIssue> warnings) implements Outcome {
		}

		/** The row cannot make a licence; {@code errors} says why, cell by cell. */
		record Rejected(List<RowIssue> errors) implements Outcome {
		}

		/** Nothing in the row: skipped, not counted. */
		record Blank() implements Outcome {
		}

		/** The row makes the licence with this id ({@link RowNormaliser#check} only). */
		record Keyed(String id) implements Outcome {
		}

	}

	Outcome normalise(int row, List<String> cells) {
		if (isBlank(cells)) {
			return new Outcome.Blank();
		}
		Cells in = new Cells(row, cells);
		Required required = in.requiredFields();
		String holder = required.holder();
		String type = required.type();
		String number = required.number();
		String uscc = required.uscc();
		LocalDate[] validity = required.validity();
		LicenceStatus status = in.status();
		String issuer = in.optional(Column.ISSUER);
		String contact = in.optional(Column.CONTACT);
		String region = in.optional(Column.REGION);
		ContactNumbers phones = in.phones();
		String openId = in.openId();
		if (!in.errors.isEmpty()) {
			return new Outcome.Rejected(in.errors);
		}
		if (phones.mobiles().isEmpty()) {
			in.warn(Column.PHONES, in.joined(Column.PHONES),
					phones.landlines().isEmpty() && openId == null ? "import.row.unreachable" : "import.row.no-mobile");
		}
		return new Outcome.Accepted(
				new LicenceRow(row, Text.key(type), Text.key(number), holder, uscc, type, number, issuer, validity[0],
						validity[1], status, contact, phones.mobiles(), phones.landlines(), openId, region),
				in.warnings);
	}

	/**
	 * The verdict {@link #normalise} gives the row, reading only the fields that can
	 * reject it (contacts, status and the optional fields never do, and they cost most of
	 * the work): {@code Blank}, {@code Rejected} with the same errors, or {@code Keyed}
	 * with the id of the licence it makes. For a pass that needs no more than that.
	 */
	Outcome check(int row, List<String> cells) {
		if (isBlank(cells)) {
			return new Outcome.Blank();
		}
		Cells in = new Cells(row, cells);
		Required required = in.requiredFields();
		if (!in.errors.isEmpty()) {
			return new Outcome.Rejected(in.errors);
		}
		return new Outcome.Keyed(Licence.idFor(Text.key(required.type()), Text.key(required.number())));
	}

	private static boolean isBlank(List<String> cells) {
		return cells.stream().allMatch(cell -> Text.clean(cell) == null);
	}

	/** The fields that can reject a row, each {@code null} when missing or invalid. */
	private record Required(String holder, String type, String number, String uscc, LocalDate[] validity) {
	}

	/** The cells of one row, with the issues found reading them. */
	private final class Cells {

		private final int row;

		private final List<String> cells;

		private final List<RowIssue> errors = new ArrayList<>();

		private final List<RowIssue> warnings = new ArrayList<>();

		private Cells(int row, List<String> cells) {
			this.row = row;
			this.cells = cells;
		}

		/**
		 * Reads the fields that can reject the row, in the order their errors are
		 * reported.
		 */
		private Required requiredFields() {
			String holder = required(Column.HOLDER, "import.row.holder-missing");
			String type = header.first(Column.TYPE) < 0 ? suppliedType
					: required(Column.TYPE, "import.row.type-missing");
			String number = required(Column.NUMBER, "import.row.number-missing");
			String uscc = uscc();
			LocalDate[] validity = validity();
			return new Required(holder, type, number, uscc, validity);
		}

		private String raw(int index) {
			return index >= 0 && index < cells.size() ? cells.get(index) : null;
		}

		/**
		 * The first non-empty cleaned value of a column, placeholders ({@code 无},
		 * {@code -}) as empty.
		 */
		private String value(Column column) {
			for (int index : header.all(column)) {
				String value = Text.clean(raw(index));
				if (value != null && !Text.isPlaceholder(value)) {
					return value;
				}
			}
			return null;
		}

		private String rawValue(Column column) {
			for (int index : header.all(column)) {
				String value = raw(index);
				if (Text.clean(value) != null) {
					return value;
				}
			}
			return "";
		}

		private String joined(Column column) {
			List<String> parts = new ArrayList<>();
			for (int index : header.all(column)) {
				String value = Text.clean(raw(index));
				if (value != null) {
					parts.add(value);
				}
			}
			return String.join(" ", parts);
		}

		private void error(Column column, String value, String code, String... args) {
			errors.add(new RowIssue(row, header.name(column), value, code, args));
		}

		private void warn(Column column, String value, String code, String... args) {
			warnings.add(new RowIssue(row, header.name(column), value, code, args));
		}

		private String required(Column column, String missingCode) {
			String value = value(column);
			if (value == null) {
				error(column, rawValue(column), missingCode);
			}
			else if (value.length() > MAX_TEXT_LENGTH) {
				error(column, value, "import.row.too-long", String.valueOf(value.length()),
						String.valueOf(MAX_TEXT_LENGTH));
				return null;
			}
			return value;
		}

		private String optional(Column column) {
			String value = value(column);
			if (value != null && value.length() > MAX_TEXT_LENGTH) {
				warn(column, value, "import.row.truncated", String.valueOf(MAX_TEXT_LENGTH));
				return value.substring(0, MAX_TEXT_LENGTH);
			}
			return value;
		}

		private String uscc() {
			String value = value(Column.USCC);
			if (value == null) {
				return null;
			}
			String code = value.replace(" ", "").toUpperCase(Locale.ROOT);
			Uscc.Invalid reason = Uscc.invalidReason(code);
			if (reason != null) {
				error(Column.USCC, value, reason.key(), reason.args().toArray(String[]::new));
				return null;
			}
			return code;
		}

		/** {validFrom, validUntil}; validUntil null means no expiry. */
		private LocalDate[] validity() {
			LocalDate from = null;
			LocalDate until = null;
			String untilText = value(Column.VALID_UNTIL);
			String rangeText = value(Column.VALIDITY);
			Optional<Dates.Range> range = rangeText == null ? Optional.empty() : Dates.parseRange(rangeText);
			if (untilText != null) {
				until = date(Column.VALID_UNTIL, untilText, true);
			}
			else if (range.isPresent()) {
				until = rangeEnd(range.get().until(), rangeText);
			}
			else if (rangeText != null) {
				until = date(Column.VALIDITY, rangeText, true);
			}
			else {
				error(header.first(Column.VALID_UNTIL) >= 0 ? Column.VALID_UNTIL : Column.VALIDITY,
						rawValue(Column.VALID_UNTIL), "import.row.valid-until-missing");
			}
			String fromText = value(Column.VALID_FROM);
			if (fromText != null) {
				from = date(Column.VALID_FROM, fromText, false);
			}
			else if (range.isPresent() && range.get().from() instanceof Dates.DateValue.Day day) {
				from = day.date();
			}
			if (from != null && until != null && from.isAfter(until)) {
				warn(Column.VALID_FROM, fromText == null ? rangeText : fromText, "import.row.from-after-until",
						from.toString(), until.toString());
			}
			return new LocalDate[] { from, until };
		}

		private LocalDate rangeEnd(Dates.DateValue end, String text) {
			if (end instanceof Dates.DateValue.Day day) {
				return day.date();
			}
			if (end instanceof Dates.DateValue.Invalid) {
				error(Column.VALIDITY, text, "import.row.date-invalid");
			}
			return null;
		}

		private LocalDate date(Column column, String text, boolean required) {
			Dates.DateValue value = Dates.parse(text);
			if (value instanceof Dates.DateValue.Day day) {
				return day.date();
			}
			if (required && value instanceof Dates.DateValue.Invalid) {
				error(column, text, "import.row.date-invalid");
			}
			else if (!required) {
				warn(column, text, "import.row.date-ignored");
			}
			return null;
		}

		private LicenceStatus status() {
			String value = value(Column.STATUS);
			if (value == null) {
				return LicenceStatus.VALID;
			}
			Optional<LicenceStatus> status = StatusWords.parse(value);
			if (status.isEmpty()) {
				warn(Column.STATUS, value, "import.row.status-unknown");
				return LicenceStatus.VALID;
			}
			return status.get();
		}

		private ContactNumbers phones() {
			Set<String> mobiles = new LinkedHashSet<>();
			Set<String> landlines = new LinkedHashSet<>();
			for (int index : header.all(Column.PHONES)) {
				ContactNumbers parsed = PhoneNumbers.parse(Text.clean(raw(index)));
				mobiles.addAll(parsed.mobiles());
				landlines.addAll(parsed.landlines());
				for (String rejected : parsed.rejected()) {
					warnings.add(new RowIssue(row, header.name(index), rejected, "import.row.phone-invalid"));
				}
			}
			return new ContactNumbers(List.copyOf(mobiles), List.copyOf(landlines), List.of());
		}

		private String openId() {
			String value = value(Column.OPENID);
			if (value != null && !OPENID.matcher(value).matches()) {
				warn(Column.OPENID, value, "import.row.openid-invalid");
				return null;
			}
			return value;
		}

	}

}
