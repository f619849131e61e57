package com.licencereminder.licence.importing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the first sheet of an XLSX workbook with Apache POI's event (SAX) API, so memory
 * stays flat whatever the number of rows. Date cells come out as ISO dates
 * ({@code 2026-03-01}), numbers in plain notation (a phone number stored as a number
 * stays {@code 13812345678}), formulas as their cached result. A merged cell's value is
 * given to every cell of its region (a header {@code 联系电话} merged over two columns names
 * both). POI's {@code ZipSecureFile} refuses zip bombs and its XML parsers refuse
 * DOCTYPEs and entities.
 */
class XlsxTableReader implements TableReader {

	/**
	 * More merged regions than this are not spread (a list has a few: title, header
	 * groups).
	 */
	static final int MAX_MERGED_REGIONS = 10_000;

	private final Path file;

	/**
	 * The merged regions of the first sheet, sorted by first row; read once, on first
	 * use.
	 */
	private List<CellRangeAddress> merged;

	XlsxTableReader(Path file) {
		this.file = file;
	}

	@Override
	public String description() {
		return "XLSX, first sheet";
	}

	@Override
	public void read(RowHandler handler) throws IOException {
		try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			XSSFReader reader = new XSSFReader(workbook);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
			StylesTable styles = reader.getStylesTable();
			var sheets = reader.getSheetsData();
			if (!sheets.hasNext()) {
				throw new ImportFailure("import.failure.no-sheet");
			}
			if (merged == null) {
				try (InputStream sheet = reader.getSheetsData().next()) {
					merged = mergedRegions(sheet);
				}
			}
			try (InputStream sheet = sheets.next()) {
				XMLReader parser = XMLHelper.newXMLReader();
				Rows rows = new Rows(handler, merged);
				parser.setContentHandler(
						new XSSFSheetXMLHandler(styles, null, strings, rows, new IsoDateFormatter(), false));
				try {
					parser.parse(new InputSource(sheet));
				}
				catch (StopReading stop) {
					// the handler asked to stop
				}
			}
		}
		catch (ImportFailure ex) {
			throw ex;
		}
		catch (Exception ex) {
			if (rootMessage(ex).contains("DOCTYPE is disallowed")) {
				throw new ImportFailure("import.failure.xml-entities", List.of(), ex);
			}
			if (String.valueOf(rootMessage(ex)).contains("Zip bomb")) {
				throw new ImportFailure("import.failure.zip-bomb", List.of(), ex);
			}
			throw damaged(ex);
		}
	}

	/**
	 * The sheet's {@code <mergeCell ref="H1:I1"/>} regions. They follow the cell data in
	 * the XML, so the sheet is parsed once for them before its rows are read.
	 */
	private static List<CellRangeAddress> mergedRegions(InputStream sheet) throws Exception {
		List<CellRangeAddress> regions = new ArrayList<>();
		XMLReader parser = XMLHelper.newXMLReader();
		parser.setContentHandler(new DefaultHandler() {

			@Override
			public void startElement(String uri, String localName, String qName, Attributes attributes) {
				String ref = attributes.getValue("ref");
				if ("mergeCell".equals(localName) && ref != null && regions.size() < MAX_MERGED_REGIONS) {
					regions.add(CellRangeAddress.valueOf(ref));
				}
			}

		});
		parser.parse(new InputSource(sheet));
		regions.sort(Comparator.comparingInt(CellRangeAddress::getFirstRow));
		return regions;
	}

	private static ImportFailure damaged(Exception ex) {
		return new ImportFailure("import.failure.xlsx-damaged", List.of(rootMessage(ex)), ex);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	/** Thrown from the SAX handler to stop parsing early. */
	private static final class StopReading extends RuntimeException {

		StopReading() {
			super(null, null, false, false);
		}

	}

	/**
	 * Collects the cells of each row, filling gaps left by empty cells and the cells a
	 * merged region covers with the value of its top-left cell.
	 */
	private static final class Rows implements SheetContentsHandler {

		private final RowHandler handler;

		private final List<CellRangeAddress> merged;

		private int nextRegion;

		/**
		 * The regions that cover the current or later rows, with their top-left value.
		 */
		private final Map<CellRangeAddress, String> open = new LinkedHashMap<>();

		private List<String> cells = new ArrayList<>();

		private Rows(RowHandler handler, List<CellRangeAddress> merged) {
			this.handler = handler;
			this.merged = merged;
		}

		@Override
		public void startRow(int rowNum) {
			cells = new ArrayList<>();
		}

		@Override
		public void endRow(int rowNum) {
			spreadMerged(rowNum);
			if (!handler.row(rowNum + 1, cells)) {
				throw new StopReading();
			}
		}

		private void spreadMerged(int rowNum) {
			open.keySet().removeIf(region -> region.getLastRow() < rowNum);
			while (nextRegion < merged.size() && merged.get(nextRegion).getFirstRow() <= rowNum) {
				CellRangeAddress region = merged.get(nextRegion++);
				if (region.getLastRow() >= rowNum) {
					int first = region.getFirstColumn();
					open.put(region, region.getFirstRow() == rowNum && first < cells.size() ? cells.get(first) : null);
				}
			}
			open.forEach((region, value) -> {
				if (value == null) {
					return;
				}
				for (int column = region.getFirstColumn(); column <= region.getLastColumn(); column++) {
					while (cells.size() <= column) {
						cells.add(null);
					}
					if (cells.get(column) == null || cells.get(column).isBlank()) {
						cells.set(column, value);
					}
				}
			});
		}

		@Override
		public void cell(String reference, String formattedValue, XSSFComment comment) {
			int column = reference == null ? cells.size() : new CellReference(reference).getCol();
			while (cells.size() < column) {
				cells.add(null);
			}
			cells.add(formattedValue);
		}

	}

	/** Formats date cells as ISO dates and other numbers without grouping or exponent. */
	private static final class IsoDateFormatter extends DataFormatter {

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString,
				boolean use1904Windowing) {
			if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
				return DateUtil.getLocalDateTime(value, use1904Windowing).toLocalDate().toString();
			}
			if (formatString == null || "General".equalsIgnoreCase(formatString) || "@".equals(formatString)
					|| "0".equals(formatString)) {
				return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
			}
			return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
		}

	}

}
