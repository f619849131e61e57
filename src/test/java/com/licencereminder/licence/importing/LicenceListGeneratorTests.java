package com.licencereminder.licence.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LicenceListGeneratorTests {

	private static final String USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	private static final int[] USCC_WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

	@TempDir
	Path dir;

	@Test
	void sameSeedWritesByteIdenticalCsv() throws IOException {
		for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"), Charset.forName("GBK"))) {
			Path first = this.dir.resolve("first-" + charset.name() + ".csv");
			Path second = this.dir.resolve("second-" + charset.name() + ".csv");
			Path other = this.dir.resolve("other-" + charset.name() + ".csv");
			new LicenceListGenerator(42).writeCsv(first, 2_000, charset);
			new LicenceListGenerator(42).writeCsv(second, 2_000, charset);
			new LicenceListGenerator(43).writeCsv(other, 2_000, charset);

			assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
			assertThat(Files.mismatch(first, other)).isNotEqualTo(-1L);
		}
	}

	@Test
	void csvHasTitleHeaderAndRowsWithValidUsccsAndUniqueKeys() throws IOException {
		Path file = this.dir.resolve("list.csv");
		new LicenceListGenerator(7).writeCsv(file, 5_000, StandardCharsets.UTF_8);

		assertThat(Files.readAllBytes(file)).startsWith(0xEF, 0xBB, 0xBF);
		List<CSVRecord> records = readCsv(file, StandardCharsets.UTF_8);
		assertThat(records).hasSize(5_002);
		assertThat(records.get(0).get(0)).isEqualTo(LicenceListGenerator.TITLE);
		assertThat(records.get(1).toList()).isEqualTo(LicenceListGenerator.HEADER);
		Set<String> keys = new HashSet<>();
		for (CSVRecord record : records.subList(2, records.size())) {
			assertThat(record.size()).isEqualTo(LicenceListGenerator.HEADER.size());
			assertThat(record.get(1)).satisfies(uscc -> assertThat(passesGb32100(uscc)).as(uscc).isTrue());
			assertThat(keys.add(record.get(2) + "|" + record.get(3)))
				.as("unique key %s %s", record.get(2), record.get(3))
				.isTrue();
		}
		assertThat(records.stream().skip(2).map(record -> record.get(6))).contains("长期")
			.anyMatch(until -> until.contains("年"))
			.anyMatch(until -> until.contains("/"));
	}

	@Test
	void otherSeedKeepsTheKeys() throws IOException {
		Path first = this.dir.resolve("first.csv");
		Path other = this.dir.resolve("other.csv");
		new LicenceListGenerator(1).writeCsv(first, 500, StandardCharsets.UTF_8);
		new LicenceListGenerator(2).writeCsv(other, 500, StandardCharsets.UTF_8);

		assertThat(keys(readCsv(other, StandardCharsets.UTF_8)))
			.isEqualTo(keys(readCsv(first, StandardCharsets.UTF_8)));
	}

	@Test
	void xlsxHoldsTheSameRowsWithMergedTitleAndDateCells() throws Exception {
		Path csv = this.dir.resolve("list.csv");
		Path xlsx = this.dir.resolve("list.xlsx");
		new LicenceListGenerator(9).writeCsv(csv, 300, StandardCharsets.UTF_8);
		new LicenceListGenerator(9).writeXlsx(xlsx, 300);
		List<CSVRecord> records = readCsv(csv, StandardCharsets.UTF_8);

		try (XSSFWorkbook workbook = new XSSFWorkbook(xlsx.toFile())) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(301);
			assertThat(sheet.getMergedRegions())
				.containsExactly(new CellRangeAddress(0, 0, 0, LicenceListGenerator.HEADER.size() - 1));
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(LicenceListGenerator.TITLE);
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("企业名称");
			for (int i = 0; i < 300; i++) {
				Row row = sheet.getRow(i + 2);
				CSVRecord record = records.get(i + 2);
				assertThat(row.getCell(1).getStringCellValue()).isEqualTo(record.get(1));
				assertThat(row.getCell(3).getStringCellValue()).isEqualTo(record.get(3));
				assertThat(row.getCell(LicenceListGenerator.VALID_FROM).getCellType()).isEqualTo(CellType.NUMERIC);
				assertThat(DateUtil.isCellDateFormatted(row.getCell(LicenceListGenerator.VALID_FROM))).isTrue();
				Cell until = row.getCell(LicenceListGenerator.VALID_UNTIL);
				if ("长期".equals(record.get(6))) {
					assertThat(until.getStringCellValue()).isEqualTo("长期");
				}
				else {
					assertThat(DateUtil.isCellDateFormatted(until)).isTrue();
				}
				for (int column : new int[] { 0, 2, 4, 7 }) {
					assertThat(row.getCell(column).getCellType()).isEqualTo(CellType.STRING);
				}
			}
		}
	}

	@Test
	void zipBombIsSmallOnDiskButItsSheetDeclaresHundredsOfMegabytes() throws IOException {
		Path bomb = this.dir.resolve("bomb.xlsx");
		LicenceListGenerator.writeZipBomb(bomb);

		assertThat(Files.size(bomb)).isLessThan(2L * 1024 * 1024);
		try (ZipFile zip = new ZipFile(bomb.toFile())) {
			assertThat(zip.getEntry("xl/worksheets/sheet1.xml").getSize()).isGreaterThan(100L * 1024 * 1024);
			assertThat(zip.getEntry("[Content_Types].xml")).isNotNull();
		}
		assertThatThrownBy(() -> new XSSFWorkbook(bomb.toFile()).close()).hasStackTraceContaining("Zip bomb");
	}

	@Test
	void formulaFixtureHasMergedPhoneHeaderAndCachedValues() throws Exception {
		Path file = this.dir.resolve("formula.xlsx");
		LicenceListGenerator.writeXlsxWithFormulaAndMergedHeader(file);

		try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getMergedRegions()).containsExactly(new CellRangeAddress(0, 0, 7, 8));
			assertThat(sheet.getRow(0).getCell(7).getStringCellValue()).isEqualTo("联系电话");
			Cell holder = sheet.getRow(2).getCell(0);
			assertThat(holder.getCellType()).isEqualTo(CellType.FORMULA);
			assertThat(holder.getCachedFormulaResultType()).isEqualTo(CellType.STRING);
			assertThat(holder.getStringCellValue()).isEqualTo("许昌市魏都区公式面馆");
			assertThat(sheet.getRow(1).getCell(5).getLocalDateTimeCellValue().toLocalDate()).hasToString("2027-03-31");
			assertThat(sheet.getRow(2).getCell(5).getLocalDateTimeCellValue().toLocalDate()).hasToString("2026-12-19");
			assertThat(sheet.getRow(3).getCell(5).getLocalDateTimeCellValue().toLocalDate()).hasToString("2027-01-09");
			for (int row = 1; row <= 3; row++) {
				Cell until = sheet.getRow(row).getCell(5);
				assertThat(until.getCachedFormulaResultType()).isEqualTo(CellType.NUMERIC);
				assertThat(DateUtil.isCellDateFormatted(until)).isTrue();
			}
		}
	}

	@Test
	void truncatedXlsxIsHalfOfAValidOneAndDoesNotOpen() throws IOException {
		Path whole = this.dir.resolve("whole.xlsx");
		Path truncated = this.dir.resolve("truncated.xlsx");
		new LicenceListGenerator(1).writeXlsx(whole, 200);
		LicenceListGenerator.writeTruncatedXlsx(truncated);

		assertThat(Files.size(truncated)).isEqualTo(Files.size(whole) / 2);
		assertThatThrownBy(() -> new XSSFWorkbook(truncated.toFile()).close()).hasStackTraceContaining("Truncated ZIP");
	}

	@Test
	void hugeCellCsvHoldsOneMebicharacterCell() throws IOException {
		Path file = this.dir.resolve("huge.csv");
		LicenceListGenerator.writeCsvWithHugeCell(file);

		List<CSVRecord> records = readCsv(file, StandardCharsets.UTF_8);
		assertThat(records).hasSize(4);
		assertThat(records.get(2).get(0)).hasSize(1 << 20);
		assertThat(records.get(1).get(0)).isEqualTo("许昌市魏都区长名前餐馆");
		assertThat(records.get(3).get(0)).isEqualTo("许昌市魏都区长名后餐馆");
		assertThat(records.stream().skip(1).map(record -> record.get(1)))
			.allMatch(LicenceListGeneratorTests::passesGb32100);
	}

	@Test
	void externalEntityFixtureDeclaresEntitiesAndPoiRefusesIt() throws IOException {
		Path file = this.dir.resolve("entity.xlsx");
		LicenceListGenerator.writeXlsxWithExternalEntity(file);

		try (ZipFile zip = new ZipFile(file.toFile())) {
			assertThat(entryText(zip, "xl/worksheets/sheet1.xml")).contains("<!DOCTYPE worksheet")
				.contains("SYSTEM \"file:///etc/passwd\"");
			assertThat(entryText(zip, "xl/sharedStrings.xml")).contains("<!DOCTYPE sst").contains("&lol10;");
		}
		assertThatThrownBy(() -> new XSSFWorkbook(file.toFile()).close())
			.hasStackTraceContaining("DOCTYPE is disallowed");
	}

	@Test
	void usccOracleAgreesWithGeneratorCheck() {
		assertThat(passesGb32100("91350100M000100Y43")).isTrue();
		assertThat(LicenceListGenerator.isValidUscc("91350100M000100Y43")).isTrue();
		assertThat(passesGb32100("91350100M000100Y44")).isFalse();
		assertThat(LicenceListGenerator.isValidUscc("91350100M000100Y44")).isFalse();
		assertThat(LicenceListGenerator.isValidUscc("91350100M000100Y4")).isFalse();
		assertThat(LicenceListGenerator.isValidUscc("91350100I000100Y43")).isFalse();
	}

	/** GB 32100-2015 check, written independently of the generator. */
	private static boolean passesGb32100(String uscc) {
		if (uscc.length() != 18) {
			return false;
		}
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			int value = USCC_CHARSET.indexOf(uscc.charAt(i));
			if (value < 0) {
				return false;
			}
			sum += value * USCC_WEIGHTS[i];
		}
		int check = (31 - sum % 31) % 31;
		return USCC_CHARSET.indexOf(uscc.charAt(17)) == check;
	}

	private static List<CSVRecord> readCsv(Path file, Charset charset) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, charset)) {
			reader.mark(1);
			if (reader.read() != '\uFEFF') {
				reader.reset();
			}
			return CSVParser.parse(reader, CSVFormat.EXCEL).getRecords();
		}
	}

	private static Set<String> keys(List<CSVRecord> records) {
		Set<String> keys = new HashSet<>();
		records.stream().skip(2).forEach(record -> keys.add(record.get(2) + "|" + record.get(3)));
		return keys;
	}

	private static String entryText(ZipFile zip, String name) throws IOException {
		ZipEntry entry = zip.getEntry(name);
		try (InputStream in = zip.getInputStream(entry)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
