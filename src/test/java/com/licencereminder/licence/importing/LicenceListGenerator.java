package com.licencereminder.licence.importing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes realistic licence lists of a Chinese district market regulator (许昌市魏都区) for
 * tests and benchmarks, and the files of the import corpus that are too big or too binary
 * to commit (see {@code src/test/resources/imports/README.md}).
 * <p>
 * A list has a title row, a header row ({@link #HEADER}) and data rows. Data row
 * {@code i} (0-based) is a pure function of the seed and {@code i}, so two lists written
 * with the same seed are byte-identical and re-importing one changes nothing. The key of
 * row {@code i} (licence type, licence number) and its USCC depend on {@code i} alone and
 * are unique within a list of up to {@value #MAX_ROWS} rows: a list written with another
 * seed holds the same licences with other values. Every USCC carries a correct GB 32100
 * check character. Valid-until dates lie between 180 days before and 730 days after the
 * reference date; about one special-equipment registration or business licence in two
 * says {@code 长期}.
 */
public final class LicenceListGenerator {

	/** The largest number of rows a list can have with unique keys. */
	public static final int MAX_ROWS = 9_999_999;

	/** The reference date ("today") of the one-argument constructor. */
	public static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 11, 27);

	/** The title written above the header. */
	public static final String TITLE = "许昌市魏都区市场监督管理局 证照到期提醒名单";

	/**
	 * The header row; column {@value #VALID_FROM} and {@value #VALID_UNTIL} hold dates.
	 */
	public static final List<String> HEADER = List.of("企业名称", "统一社会信用代码", "证照名称", "证照编号", "发证机关", "有效期起始日期", "有效期截止日期",
			"联系人", "联系电话", "小程序openid", "证照状态", "所属区域");

	static final int VALID_FROM = 5;

	static final int VALID_UNTIL = 6;

	private static final String USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	private static final int[] USCC_WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

	private static final int[] ORG_CODE_WEIGHTS = { 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final String LONG_TERM = "长期";

	private static final String DISTRICT = "许昌市魏都区";

	private static final String DISTRICT_REGULATOR = "许昌市魏都区市场监督管理局";

	private static final String CITY_REGULATOR = "许昌市市场监督管理局";

	private static final String HEALTH_COMMISSION = "许昌市魏都区卫生健康委员会";

	private static final String[] NAME_WORDS = { "老街", "春华", "福满楼", "金色年华", "华联", "百姓", "好运来", "清源", "阳光", "一品轩", "仁和",
			"味之源", "旺角", "家和", "佳佳乐", "百草堂", "鸿运", "瑞丰", "桃李", "悦容", "益康", "兴盛", "晨光", "水立方", "鲜果时光", "康宁", "老马家", "如家",
			"小胖子", "福源", "千禧", "天天鲜", "安康", "豫香源", "俏佳人", "真味", "聚鑫", "德仁", "美佳", "好滋味", "平安", "恒达", "蓝天", "福瑞祥", "同福",
			"济民", "雅致", "金桥", "四季", "喜洋洋" };

	private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱",
			"胡", "郭", "何", "高", "林", "郑", "梁", "宋", "许", "韩", "冯", "邓", "曹", "彭", "曾", "谢" };

	private static final String[] GIVEN_NAMES = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛",
			"明", "超", "秀英", "桂兰", "建国", "国庆", "海燕", "志强", "丽华", "小雨", "玉兰", "文", "斌", "红梅", "建军", "淑珍" };

	private static final String[] REGIONS = { "西大街道", "东大街道", "南关街道", "北大街道", "五一路街道", "高桥营街道", "丁庄街道", "七里店街道" };

	private static final String[] MOBILE_PREFIXES = { "135", "137", "138", "139", "150", "158", "186", "187" };

	private static final String OPENID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	/** Licence kinds, cycled by row index: food businesses dominate a district list. */
	private static final Kind[] KINDS = { Kind.FOOD, Kind.FOOD, Kind.FOOD, Kind.DRUG, Kind.FOOD, Kind.HYGIENE,
			Kind.FOOD, Kind.SPECIAL_EQUIPMENT, Kind.MEDICAL_DEVICE, Kind.BUSINESS };

	private final long seed;

	private final LocalDate today;

	/** A generator for lists dated around {@link #REFERENCE_DATE}. */
	public LicenceListGenerator(long seed) {
		this(seed, REFERENCE_DATE);
	}

	/** A generator whose valid-until dates are spread around {@code today}. */
	public LicenceListGenerator(long seed, LocalDate today) {
		this.seed = seed;
		this.today = today;
	}

	/**
	 * Writes a CSV list of {@code rows} data rows, streaming, with CRLF line ends. A
	 * UTF-8 file starts with a BOM, as Excel's "CSV UTF-8" writes it. The charset must
	 * encode Chinese (UTF-8, GB18030, GBK). Dates are written in the forms seen in real
	 * lists ({@code 2026-03-01}, {@code 2026/3/1}, {@code 2026年3月1日}, {@code 20260301},
	 * {@code 2026.03.01}).
	 */
	public void writeCsv(Path file, int rows, Charset charset) throws IOException {
		checkRows(rows);
		try (Writer writer = Files.newBufferedWriter(file, charset);
				CSVPrinter printer = new CSVPrinter(writer, CSVFormat.EXCEL)) {
			if (charset.equals(StandardCharsets.UTF_8)) {
				writer.write('\uFEFF');
			}
			printer.printRecord(titleRow());
			printer.printRecord(HEADER);
			for (int i = 0; i < rows; i++) {
				printer.printRecord(row(i).csvCells());
			}
		}
	}

	/**
	 * Writes the same rows as {@link #writeCsv} as an XLSX file, streaming (SXSSF,
	 * 100-row window): the title merged across all columns in row 1, the header in row 2,
	 * the data from row 3. Dates are date cells formatted {@code yyyy-mm-dd}; every other
	 * value is a text cell; {@code 长期} stays text and empty values leave the cell blank.
	 */
	public void writeXlsx(Path file, int rows) throws IOException {
		checkRows(rows);
		SXSSFWorkbook workbook = new SXSSFWorkbook(100);
		try (workbook; OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = workbook.createSheet("证照名单");
			CellStyle dateStyle = dateStyle(workbook);
			sheet.createRow(0).createCell(0).setCellValue(TITLE);
			sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADER.size() - 1));
			textRow(sheet.createRow(1), HEADER);
			for (int i = 0; i < rows; i++) {
				row(i).writeTo(sheet.createRow(i + 2), dateStyle);
			}
			workbook.write(out);
		}
		finally {
			workbook.dispose();
		}
	}

	/**
	 * Writes an XLSX file with the header in row 1, where {@code 联系电话} is merged across
	 * columns H and I (I1 empty), and three data rows whose formula cells carry cached
	 * values: the valid-until dates of rows 2–4 ({@code DATE(2027,3,31)},
	 * {@code E3+1825}, {@code DATE(YEAR(E4)+5,…)-1}, all date-formatted) and the holder
	 * name of row 3 ({@code CONCATENATE(…)}, cached as text {@code 许昌市魏都区公式面馆}).
	 */
	public static void writeXlsxWithFormulaAndMergedHeader(Path file) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = workbook.createSheet("证照名单");
			CellStyle dateStyle = dateStyle(workbook);
			textRow(sheet.createRow(0),
					List.of("企业名称", "统一社会信用代码", "证照名称", "证照编号", "有效期起始日期", "有效期截止日期", "联系人", "联系电话", "", "证照状态"));
			sheet.addMergedRegion(new CellRangeAddress(0, 0, 7, 8));

			Row first = sheet.createRow(1);
			textRow(first, List.of("许昌市魏都区公式烩面馆", individualUscc(9_000_001), "食品经营许可证", "JY24110029000011"));
			dateCell(first, 4, LocalDate.of(2022, 4, 1), dateStyle);
			formulaCell(first, 5, "DATE(2027,3,31)", dateStyle);
			textCells(first, 6, "王伟", "13812349001", "0374-2349001", "有效");

			Row second = sheet.createRow(2);
			second.createCell(0).setCellFormula("CONCATENATE(\"许昌市魏都区\",\"公式面馆\")");
			textCells(second, 1, individualUscc(9_000_002), "食品经营许可证", "JY14110029000028");
			dateCell(second, 4, LocalDate.of(2021, 12, 20), dateStyle);
			formulaCell(second, 5, "E3+1825", dateStyle);
			textCells(second, 6, "李娜", "13912349002", "", "有效");

			Row third = sheet.createRow(3);
			textRow(third, List.of("许昌市魏都区公式药房", individualUscc(9_000_003), "药品经营许可证", "豫DA9000003"));
			dateCell(third, 4, LocalDate.of(2022, 1, 10), dateStyle);
			formulaCell(third, 5, "DATE(YEAR(E4)+5,MONTH(E4),DAY(E4))-1", dateStyle);
			textCells(third, 6, "张敏", "", "15012349003", "有效");

			workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
			workbook.write(out);
		}
	}

	/** Writes a valid 200-row XLSX list and cuts the file to half its bytes. */
	public static void writeTruncatedXlsx(Path file) throws IOException {
		new LicenceListGenerator(1).writeXlsx(file, 200);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.truncate(channel.size() / 2);
		}
	}

	/**
	 * Writes an XLSX-shaped zip, a few hundred KB on disk, whose
	 * {@code xl/worksheets/sheet1.xml} inflates to 200 MiB of identical {@code <row>}
	 * elements. Streams: never holds the sheet in memory.
	 */
	public static void writeZipBomb(Path file) throws IOException {
		byte[] rows = ("<row><c t=\"inlineStr\"><is><t>许昌市魏都区某某餐饮店</t></is></c></row>".repeat(1024))
			.getBytes(StandardCharsets.UTF_8);
		long total = 200L * 1024 * 1024;
		writeXlsxReplacing(file, Map.of("xl/worksheets/sheet1.xml", out -> {
			out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
					+ "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
				.getBytes(StandardCharsets.UTF_8));
			for (long written = 0; written < total; written += rows.length) {
				out.write(rows);
			}
			out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
		}));
	}

	/**
	 * Writes a UTF-8 CSV (no BOM) with a header and three rows whose second data row (row
	 * 3) has a holder name of 1,048,576 characters; the other rows are valid.
	 */
	public static void writeCsvWithHugeCell(Path file) throws IOException {
		String phrase = "许昌市魏都区很长很长的名称";
		String huge = phrase.repeat((1 << 20) / phrase.length() + 1).substring(0, 1 << 20);
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				CSVPrinter printer = new CSVPrinter(writer, CSVFormat.EXCEL)) {
			printer.printRecord("企业名称", "统一社会信用代码", "证照名称", "证照编号", "有效期截止日期", "联系电话");
			printer.printRecord("许昌市魏都区长名前餐馆", individualUscc(9_100_001), "食品经营许可证", "JY24110029100017", "2027-05-31",
					"13812349101");
			printer.printRecord(huge, individualUscc(9_100_002), "食品经营许可证", "JY24110029100024", "2027-06-30",
					"13912349102");
			printer.printRecord("许昌市魏都区长名后餐馆", individualUscc(9_100_003), "食品经营许可证", "JY24110029100031", "2027-07-31",
					"15012349103");
		}
	}

	/**
	 * Writes an XLSX file whose {@code sheet1.xml} declares an external entity
	 * ({@code file:///etc/passwd}, used in cell A2) and whose {@code sharedStrings.xml}
	 * declares a "billion laughs" entity (ten levels of ten, used in the only shared
	 * string, cell B2). A parser that refuses DOCTYPE declarations rejects it; one that
	 * expands entities leaks a file or blows up.
	 */
	public static void writeXlsxWithExternalEntity(Path file) throws IOException {
		String ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
		String sheet = """
				<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
				<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
				<worksheet xmlns="%s"><sheetData>\
				<row r="1"><c r="A1" t="inlineStr"><is><t>企业名称</t></is></c><c r="B1" t="inlineStr"><is><t>联系人</t></is></c></row>\
				<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c><c r="B2" t="s"><v>0</v></c></row>\
				</sheetData></worksheet>
				"""
			.formatted(ns);
		StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
		for (int level = 1; level <= 10; level++) {
			entities.append("<!ENTITY lol")
				.append(level)
				.append(" \"")
				.append(("&lol" + (level - 1) + ";").repeat(10))
				.append("\">");
		}
		String sharedStrings = """
				<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
				<!DOCTYPE sst [%s]>
				<sst xmlns="%s" count="1" uniqueCount="1"><si><t>&lol10;</t></si></sst>
				""".formatted(entities, ns);
		writeXlsxReplacing(file,
				Map.of("xl/worksheets/sheet1.xml", out -> out.write(sheet.getBytes(StandardCharsets.UTF_8)),
						"xl/sharedStrings.xml", out -> out.write(sharedStrings.getBytes(StandardCharsets.UTF_8))));
	}

	/**
	 * Checks a unified social credit code (GB 32100-2015): 18 characters from
	 * {@code 0-9 A-H J-N P-R T U W-Y} whose last is the check character of the first 17.
	 */
	public static boolean isValidUscc(String uscc) {
		if (uscc == null || uscc.length() != 18) {
			return false;
		}
		for (int i = 0; i < 18; i++) {
			if (USCC_CHARSET.indexOf(uscc.charAt(i)) < 0) {
				return false;
			}
		}
		return usccCheckCharacter(uscc.substring(0, 17)) == uscc.charAt(17);
	}

	private LicenceRow row(int i) {
		SplittableRandom random = new SplittableRandom(mix64(mix64(this.seed) + i));
		Kind kind = KINDS[i % KINDS.length];
		String uscc = kind.company() ? uscc("91", i) : uscc("92", i);
		String number = kind.number(i, uscc);
		String holder = (kind.company() ? "许昌" : DISTRICT) + pick(random, NAME_WORDS) + pick(random, kind.suffixes);
		LocalDate until;
		LocalDate from;
		if (kind.mayBeLongTerm() && random.nextBoolean()) {
			until = null;
			from = LocalDate.of(2012, 1, 1).plusDays(random.nextInt(365 * 12));
		}
		else {
			until = this.today.plusDays(random.nextInt(-180, 731));
			from = until.minusYears(kind.years).plusDays(1);
		}
		int dateForm = weighted(random, 40, 25, 20, 10, 5);
		String contact = pick(random, SURNAMES) + pick(random, GIVEN_NAMES);
		String phones = phones(random);
		String openid = random.nextBoolean() ? openid(random) : "";
		int statusRoll = random.nextInt(100);
		String status = (statusRoll == 0) ? "注销" : (statusRoll == 1) ? "吊销" : (statusRoll == 2) ? "" : "有效";
		String region = pick(random, REGIONS);
		return new LicenceRow(holder, uscc, kind.type, number, kind.issuer, from, until, dateForm, contact, phones,
				openid, status, region);
	}

	/**
	 * SplitMix64's finaliser: rows get unrelated random streams, not shifted copies of
	 * one.
	 */
	private static long mix64(long value) {
		long z = (value ^ (value >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	private static String phones(SplittableRandom random) {
		return switch (weighted(random, 45, 15, 8, 8, 5, 5, 4, 4, 4, 2)) {
			case 0 -> mobile(random);
			case 1 -> mobile(random) + "；" + landline(random);
			case 2 -> "+86 " + mobile(random);
			case 3 -> mobile(random) + "、" + mobile(random);
			case 4 -> landline(random);
			case 5 -> mobile(random) + "/" + landline(random);
			case 6 -> "86" + mobile(random);
			case 7 -> mobile(random) + " " + mobile(random);
			case 8 -> toFullWidth(mobile(random));
			default -> "";
		};
	}

	private static String mobile(SplittableRandom random) {
		return pick(random, MOBILE_PREFIXES) + digits(random, 8);
	}

	private static String landline(SplittableRandom random) {
		return "0374-" + (2 + random.nextInt(7)) + digits(random, 6);
	}

	private static String digits(SplittableRandom random, int count) {
		StringBuilder digits = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			digits.append((char) ('0' + random.nextInt(10)));
		}
		return digits.toString();
	}

	private static String openid(SplittableRandom random) {
		StringBuilder openid = new StringBuilder("o");
		for (int i = 0; i < 27; i++) {
			openid.append(OPENID_CHARS.charAt(random.nextInt(OPENID_CHARS.length())));
		}
		return openid.toString();
	}

	private static String toFullWidth(String digits) {
		StringBuilder wide = new StringBuilder(digits.length());
		digits.chars().forEach(c -> wide.append((char) (c - '0' + '０')));
		return wide.toString();
	}

	private static <T> T pick(SplittableRandom random, T[] values) {
		return values[random.nextInt(values.length)];
	}

	private static int weighted(SplittableRandom random, int... weights) {
		int total = 0;
		for (int weight : weights) {
			total += weight;
		}
		int roll = random.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			roll -= weights[i];
			if (roll < 0) {
				return i;
			}
		}
		throw new IllegalStateException("unreachable");
	}

	private static String individualUscc(int i) {
		return uscc("92", i);
	}

	/**
	 * The USCC of row {@code i}: registration prefix, district 411002, an organisation
	 * code {@code MA}+6 characters (a bijection of {@code i}) with its GB 11714 check
	 * character, and the GB 32100 check character.
	 */
	private static String uscc(String prefix, int i) {
		long modulus = 887_503_681L;
		long scrambled = (i * 104_729L + 7_919L) % modulus;
		char[] body = new char[6];
		for (int k = 5; k >= 0; k--) {
			body[k] = USCC_CHARSET.charAt((int) (scrambled % 31));
			scrambled /= 31;
		}
		String organisation = "MA" + new String(body);
		String first17 = prefix + "411002" + organisation + organisationCheckCharacter(organisation);
		return first17 + usccCheckCharacter(first17);
	}

	private static char organisationCheckCharacter(String body) {
		int sum = 0;
		for (int k = 0; k < 8; k++) {
			char c = body.charAt(k);
			sum += (Character.isDigit(c) ? c - '0' : c - 'A' + 10) * ORG_CODE_WEIGHTS[k];
		}
		int check = 11 - sum % 11;
		return (check == 10) ? 'X' : (check == 11) ? '0' : (char) ('0' + check);
	}

	private static char usccCheckCharacter(String first17) {
		int sum = 0;
		for (int k = 0; k < 17; k++) {
			sum += USCC_CHARSET.indexOf(first17.charAt(k)) * USCC_WEIGHTS[k];
		}
		int check = 31 - sum % 31;
		return USCC_CHARSET.charAt((check == 31) ? 0 : check);
	}

	private static void checkRows(int rows) {
		if (rows < 0 || rows > MAX_ROWS) {
			throw new IllegalArgumentException("rows must be between 0 and " + MAX_ROWS + ": " + rows);
		}
	}

	private static String[] titleRow() {
		String[] title = new String[HEADER.size()];
		Arrays.fill(title, "");
		title[0] = TITLE;
		return title;
	}

	private static CellStyle dateStyle(Workbook workbook) {
		CellStyle style = workbook.createCellStyle();
		style.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
		return style;
	}

	private static void textRow(Row row, List<String> values) {
		textCells(row, 0, values.toArray(String[]::new));
	}

	private static void textCells(Row row, int firstColumn, String... values) {
		for (int k = 0; k < values.length; k++) {
			if (!values[k].isEmpty()) {
				row.createCell(firstColumn + k).setCellValue(values[k]);
			}
		}
	}

	private static void dateCell(Row row, int column, LocalDate date, CellStyle style) {
		var cell = row.createCell(column);
		cell.setCellValue(date);
		cell.setCellStyle(style);
	}

	private static void formulaCell(Row row, int column, String formula, CellStyle style) {
		var cell = row.createCell(column);
		cell.setCellFormula(formula);
		cell.setCellStyle(style);
	}

	/**
	 * Writes a small valid XLSX (one sheet, a header of shared strings) as a zip, with
	 * the entries named in {@code replacements} written by their writer instead.
	 */
	private static void writeXlsxReplacing(Path file, Map<String, EntryWriter> replacements) throws IOException {
		ByteArrayOutputStream template = new ByteArrayOutputStream();
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			textRow(workbook.createSheet("证照名单").createRow(0), List.of("企业名称", "联系人"));
			workbook.write(template);
		}
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(template.toByteArray()));
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
			out.setLevel(Deflater.BEST_COMPRESSION);
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				out.putNextEntry(new ZipEntry(entry.getName()));
				EntryWriter replacement = replacements.get(entry.getName());
				if (replacement != null) {
					replacement.write(out);
				}
				else {
					in.transferTo(out);
				}
				out.closeEntry();
			}
		}
	}

	@FunctionalInterface
	private interface EntryWriter {

		void write(OutputStream out) throws IOException;

	}

	private enum Kind {

		FOOD("食品经营许可证", DISTRICT_REGULATOR, 5, "烩面馆", "便利店", "超市", "快餐店", "饭店", "小吃店", "烘焙坊", "茶餐厅", "饺子馆", "酒楼"),

		DRUG("药品经营许可证", DISTRICT_REGULATOR, 5, "大药房", "药店", "药房"),

		HYGIENE("卫生许可证", HEALTH_COMMISSION, 4, "宾馆", "美发店", "洗浴中心", "美容院", "KTV", "游泳馆", "网吧"),

		SPECIAL_EQUIPMENT("特种设备使用登记证", CITY_REGULATOR, 6, "物业服务有限公司", "实业有限公司", "商贸有限公司"),

		MEDICAL_DEVICE("医疗器械经营许可证", CITY_REGULATOR, 5, "医疗器械经营部", "母婴用品店", "口腔诊所"),

		BUSINESS("营业执照", DISTRICT_REGULATOR, 20, "商贸有限公司", "餐饮管理有限公司", "科技有限公司");

		final String type;

		final String issuer;

		final int years;

		final String[] suffixes;

		Kind(String type, String issuer, int years, String... suffixes) {
			this.type = type;
			this.issuer = issuer;
			this.years = years;
			this.suffixes = suffixes;
		}

		boolean company() {
			return this == SPECIAL_EQUIPMENT || this == BUSINESS;
		}

		boolean mayBeLongTerm() {
			return this == SPECIAL_EQUIPMENT || this == BUSINESS;
		}

		/**
		 * The licence number of row {@code i}; it embeds {@code i + 1}, so it is unique
		 * per kind.
		 */
		String number(int i, String uscc) {
			String serial = String.format("%07d", i + 1);
			return switch (this) {
				case FOOD -> "JY" + (1 + i / 10 % 3) + "411002" + serial;
				case DRUG -> "豫DA" + serial;
				case HYGIENE -> "豫卫公证字〔" + (2022 + i % 3) + "〕第411002-" + serial + "号";
				case SPECIAL_EQUIPMENT -> "梯11豫K" + serial + "(" + (20 + i % 6) + ")";
				case MEDICAL_DEVICE -> "豫许市监械经营许" + (2020 + i % 5) + serial + "号";
				case BUSINESS -> uscc;
			};
		}

	}

	private record LicenceRow(String holder, String uscc, String type, String number, String issuer,
			LocalDate validFrom, LocalDate validUntil, int dateForm, String contact, String phones, String openid,
			String status, String region) {

		List<String> csvCells() {
			return List.of(this.holder, this.uscc, this.type, this.number, this.issuer, format(this.validFrom),
					(this.validUntil != null) ? format(this.validUntil) : LONG_TERM, this.contact, this.phones,
					this.openid, this.status, this.region);
		}

		void writeTo(Row row, CellStyle dateStyle) {
			textCells(row, 0, this.holder, this.uscc, this.type, this.number, this.issuer);
			dateCell(row, VALID_FROM, this.validFrom, dateStyle);
			if (this.validUntil != null) {
				dateCell(row, VALID_UNTIL, this.validUntil, dateStyle);
			}
			else {
				row.createCell(VALID_UNTIL).setCellValue(LONG_TERM);
			}
			textCells(row, 7, this.contact, this.phones, this.openid, this.status, this.region);
		}

		private String format(LocalDate date) {
			int y = date.getYear();
			int m = date.getMonthValue();
			int d = date.getDayOfMonth();
			return switch (this.dateForm) {
				case 0 -> date.toString();
				case 1 -> y + "/" + m + "/" + d;
				case 2 -> y + "年" + m + "月" + d + "日";
				case 3 -> String.format("%04d%02d%02d", y, m, d);
				default -> String.format("%04d.%02d.%02d", y, m, d);
			};
		}

	}

}
