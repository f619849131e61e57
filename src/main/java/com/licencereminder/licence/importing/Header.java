package com.licencereminder.licence.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A header row: which cells hold which {@link Column}. A column named more than once (say
 * {@code 手机} and {@code 电话}) is read from all its cells.
 *
 * @param row the header's row number as a spreadsheet shows it
 * @param columns the cell indexes of each recognised column, in file order
 * @param names the header text of each cell index, as written in the file
 * @param ignored headers that name no known column
 */
record Header(int row, Map<Column, List<Integer>> columns, Map<Integer, String> names, List<String> ignored) {

	/** How many rows from the top are searched for the header. */
	static final int SEARCH_ROWS = 30;

	/** Reads a row as a header; the result may not be {@link #isUsable usable}. */
	static Header of(int row, List<String> cells) {
		Map<Column, List<Integer>> columns = new EnumMap<>(Column.class);
		Map<Integer, String> names = new LinkedHashMap<>();
		List<String> ignored = new ArrayList<>();
		for (int i = 0; i < cells.size(); i++) {
			String name = Text.clean(cells.get(i));
			if (name == null) {
				continue;
			}
			names.put(i, name);
			int index = i;
			Column.forHeader(name)
				.ifPresentOrElse(column -> columns.computeIfAbsent(column, c -> new ArrayList<>()).add(index),
						() -> ignored.add(name));
		}
		return new Header(row, columns, names, ignored);
	}

	/**
	 * Whether this row can be the header: it names the holder, the licence type (unless
	 * the import supplies one), the number and the expiry (a valid-until or a validity
	 * range column).
	 */
	boolean isUsable(boolean typeSupplied) {
		return missing(typeSupplied).isEmpty();
	}

	/** The required columns this row lacks. */
	Set<Column> missing(boolean typeSupplied) {
		Set<Column> missing = EnumSet.noneOf(Column.class);
		for (Column required : List.of(Column.HOLDER, Column.TYPE, Column.NUMBER)) {
			if (!columns.containsKey(required) && !(required == Column.TYPE && typeSupplied)) {
				missing.add(required);
			}
		}
		if (!columns.containsKey(Column.VALID_UNTIL) && !columns.containsKey(Column.VALIDITY)) {
			missing.add(Column.VALID_UNTIL);
		}
		return missing;
	}

	/** The first cell index of a column, or -1. */
	int first(Column column) {
		List<Integer> indexes = columns.get(column);
		return indexes == null ? -1 : indexes.get(0);
	}

	/** All cell indexes of a column (empty when absent). */
	List<Integer> all(Column column) {
		return columns.getOrDefault(column, List.of());
	}

	/** The header text of a cell, for error reports. */
	String name(int index) {
		return names.getOrDefault(index, "#" + (index + 1));
	}

	/**
	 * The header text of a column's first cell, or the column's main alias when absent.
	 */
	String name(Column column) {
		int index = first(column);
		return index < 0 ? column.aliases().get(0) : name(index);
	}

}
