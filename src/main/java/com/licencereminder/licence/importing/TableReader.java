package com.licencereminder.licence.importing;

import java.io.IOException;
import java.util.List;

/**
 * Streams the rows of one table (a CSV file or the sheet of a workbook) in order, never
 * holding the whole file in memory.
 */
interface TableReader {

	/**
	 * Delivers every row, blank ones included, until the end or until the handler returns
	 * {@code false}.
	 * @throws ImportFailure when the file turns out to be malformed
	 */
	void read(RowHandler handler) throws IOException;

	/**
	 * What was detected, for the job's messages (e.g.
	 * {@code CSV, GB18030, delimiter ','}).
	 */
	String description();

	/** Receives rows. */
	@FunctionalInterface
	interface RowHandler {

		/**
		 * @param row the row number as a spreadsheet program shows it (1-based)
		 * @param cells the cell texts; missing cells are {@code null} or absent
		 * @return whether to go on reading
		 */
		boolean row(int row, List<String> cells);

	}

}
