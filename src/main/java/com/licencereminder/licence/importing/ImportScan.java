package com.licencereminder.licence.importing;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;

import com.licencereminder.licence.importing.RowNormaliser.Outcome;

/**
 * The first pass of an import: finds the header, checks every row without writing
 * anything ({@link RowNormaliser#check}: only the fields that can reject it), counts the
 * data rows and notes, for every licence key, the last accepted row that holds it. A
 * malformed file fails here, so it changes nothing.
 */
final class ImportScan {

	/** How often the scan reports its progress, in data rows. */
	static final int PROGRESS_ROWS = 1000;

	private Header header;

	private Header bestCandidate;

	private long rows;

	private boolean sawContent;

	private final Map<UUID, Integer> lastRowByKey = new HashMap<>();

	private ImportScan() {
	}

	/**
	 * Scans the table.
	 * @param suppliedType the licence type the uploader gave for a list without a type
	 * column, or null
	 * @param progress told the data rows counted so far, every {@value #PROGRESS_ROWS}
	 * rows
	 * @throws ImportFailure when the table has no rows or no usable header in its first
	 * rows
	 */
	static ImportScan of(TableReader reader, String suppliedType, LongConsumer progress) throws IOException {
		ImportScan scan = new ImportScan();
		boolean typeSupplied = suppliedType != null && !suppliedType.isBlank();
		RowNormaliser[] normaliser = new RowNormaliser[1];
		reader.read((row, cells) -> {
			if (scan.header == null) {
				if (cells.stream().allMatch(cell -> Text.clean(cell) == null)) {
					return row < Header.SEARCH_ROWS;
				}
				scan.sawContent = true;
				Header candidate = Header.of(row, cells);
				if (candidate.isUsable(typeSupplied)) {
					scan.header = candidate;
					normaliser[0] = new RowNormaliser(candidate, suppliedType);
					return true;
				}
				if (scan.bestCandidate == null || candidate.columns().size() > scan.bestCandidate.columns().size()) {
					scan.bestCandidate = candidate;
				}
				return row < Header.SEARCH_ROWS;
			}
			Outcome outcome = normaliser[0].check(row, cells);
			if (outcome instanceof Outcome.Blank) {
				return true;
			}
			scan.rows++;
			if (outcome instanceof Outcome.Keyed keyed) {
				scan.lastRowByKey.put(UUID.fromString(keyed.id()), row);
			}
			if (scan.rows % PROGRESS_ROWS == 0) {
				progress.accept(scan.rows);
			}
			return true;
		});
		if (scan.header == null) {
			if (!scan.sawContent) {
				throw new ImportFailure("import.failure.no-rows");
			}
			String missing = scan.bestCandidate == null ? Column.describeRequired()
					: scan.bestCandidate.missing(typeSupplied)
						.stream()
						.map(c -> c.aliases().get(0))
						.reduce((a, b) -> a + ", " + b)
						.orElse("");
			throw new ImportFailure("import.failure.no-header", String.valueOf(Header.SEARCH_ROWS), missing,
					Column.describeRequired());
		}
		return scan;
	}

	/** The header row found. */
	Header header() {
		return header;
	}

	/** The data rows counted (blank rows left out). */
	long rows() {
		return rows;
	}

	/** The licences the accepted rows hold (rows of one licence count once). */
	Set<UUID> licences() {
		return Collections.unmodifiableSet(lastRowByKey.keySet());
	}

	/** The last row holding an accepted licence with this id, or null. */
	Integer lastRowOf(UUID licenceId) {
		return lastRowByKey.get(licenceId);
	}

}
