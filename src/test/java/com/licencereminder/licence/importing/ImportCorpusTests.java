package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceStatus;
import com.licencereminder.licence.Licences;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The bad-input corpus ({@code src/test/resources/imports/README.md}), the generated
 * attack files of {@link LicenceListGenerator} and the sample list
 * ({@code config/samples/README.md}), each with its exact outcome. A file that fails must
 * leave the store exactly as it was.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ImportCorpusTests {

	static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Licences licences;

	@TempDir
	Path dir;

	ImportApi api;

	@BeforeEach
	void cleanStore() {
		mongo.dropCollection(Licence.class);
		mongo.dropCollection(ImportJob.class);
		mongo.dropCollection(ImportIssue.class);
		api = new ImportApi(mvc);
	}

	@Test
	void messyGbkCsvRejectsExactlyItsThreeBadRowsAndReadsEveryMessyForm() throws Exception {
		Map<String, Object> job = api.importAndWait("gbk-messy.csv", corpus("gbk-messy.csv"));

		assertThat(job).containsEntry("status", "COMPLETED")
			.containsEntry("headerRow", 2)
			.containsEntry("rowsTotal", 15)
			.containsEntry("rowsAccepted", 12)
			.containsEntry("rowsRejected", 3)
			.containsEntry("duplicates", 0)
			.containsEntry("created", 12)
			.containsEntry("warnings", 3);
		assertThat((String) job.get("format")).isEqualTo("CSV, GB18030, delimiter ','");
		assertThat(messages(job)).contains("Columns not recognised and ignored: 备注");
		List<CSVRecord> errors = ImportApi.parseCsv(api.errors(id(job)));
		assertThat(errors).extracting(r -> List.of(r.get("row"), r.get("column"), r.get("value")))
			.containsExactly(List.of("8", "有效期", "待定"), List.of("11", "证照类型", ""),
					List.of("13", "USCC", "92411002MA0P4K4Q4"));
		assertThat(errors.get(0).get("message")).startsWith("Not a valid date");
		assertThat(errors.get(1).get("message")).startsWith("The licence type is empty");
		assertThat(errors.get(2).get("message")).isEqualTo(
				"A unified social credit code has 18 characters; this one has 17." + " Check it and correct it.");
		assertThat(ImportApi.parseCsv(api.warnings(id(job))))
			.extracting(r -> List.of(r.get("row"), r.get("column"), r.get("value")))
			.containsExactly(List.of("9", "Phone", "0374-2612300"), List.of("17", "Phone", "(0374)2398765"));

		assertThat(licences.count()).isEqualTo(12);
		Licence row3 = licence("食品经营许可证", "JY24110020100017");
		assertThat(row3.holderName()).isEqualTo("许昌市魏都区聚鑫饭庄");
		assertThat(row3.validFrom()).isEqualTo(LocalDate.of(2021, 12, 1));
		assertThat(row3.validUntil()).isEqualTo(LocalDate.of(2026, 11, 30));
		assertThat(row3.mobiles()).containsExactly("+8613812345601");
		assertThat(row3.landlines()).containsExactly("+863742301234");
		assertThat(licence("食品经营许可证", "JY14110020100024").mobiles()).containsExactly("+8613912345602",
				"+8613912345612");
		Licence row5 = licence("药品经营许可证", "豫DA3741801");
		assertThat(row5.validUntil()).isEqualTo(LocalDate.of(2026, 2, 28));
		assertThat(row5.isExpiredOn(TODAY)).isTrue();
		assertThat(row5.mobiles()).containsExactly("+8615012345603");
		assertThat(licence("卫生许可证", "豫卫公证字〔2023〕第411002-000201号").validUntil()).isEqualTo(LocalDate.of(2027, 5, 31));
		Licence row7 = licence("食品经营许可证", "JY24110020100235");
		assertThat(row7.licenceNumber()).isEqualTo("JY24110020100235");
		assertThat(row7.mobiles()).containsExactly("+8618612345605");
		assertThat(licence("特种设备使用登记证", "梯11豫K01234(21)").expires()).isFalse();
		assertThat(licence("卫生许可证", "豫卫公证字〔2022〕第411002-000318号").validUntil()).isEqualTo(LocalDate.of(2026, 12, 14));
		Licence row12 = licence("食品经营许可证", "JY24110020100058");
		assertThat(row12.validUntil()).isEqualTo(LocalDate.of(2026, 12, 8));
		assertThat(row12.mobiles()).containsExactly("+8615012345607", "+8615012345617");
		Licence row14 = licence("医疗器械经营许可证", "豫许市监械经营许20220033号");
		assertThat(row14.status()).isEqualTo(LicenceStatus.CANCELLED);
		assertThat(row14.mobiles()).containsExactly("+8613912345608");
		Licence row16 = licence("食品经营许可证", "JY24110020100089");
		assertThat(row16.status()).isEqualTo(LicenceStatus.VALID);
		assertThat(row16.validUntil()).isEqualTo(LocalDate.of(2026, 12, 31));
		assertThat(licence("卫生许可证", "豫卫公证字〔2023〕第411002-000377号").landlines()).containsExactly("+863742398765");
		assertThat(licences.find(Licence.idFor("药品经营许可证", "豫DA3741802"))).isEmpty();
		assertThat(licences.find(Licence.idFor("食品经营许可证", "JY14110020100065"))).isEmpty();
	}

	@Test
	void utf8WithAndWithoutBomGiveTheSameLicences() throws Exception {
		Map<String, Object> withBom = api.importAndWait("utf8-bom.csv", corpus("utf8-bom.csv"));

		assertThat(withBom).containsEntry("status", "COMPLETED")
			.containsEntry("rowsTotal", 5)
			.containsEntry("rowsAccepted", 5)
			.containsEntry("rowsRejected", 0)
			.containsEntry("created", 5)
			.containsEntry("warnings", 0);
		assertThat((String) withBom.get("format")).isEqualTo("CSV, UTF-8 with BOM, delimiter ','");
		assertThat(licence("食品经营许可证", "JY24110020200011").holderName()).isEqualTo("许昌市魏都区同福面馆");
		assertThat(licence("特种设备使用登记证", "梯11豫K02001(24)").expires()).isFalse();
		List<Licence> before = store();

		Map<String, Object> withoutBom = api.importAndWait("utf8-nobom.csv", corpus("utf8-nobom.csv"));

		assertThat(withoutBom).containsEntry("status", "COMPLETED")
			.containsEntry("rowsAccepted", 5)
			.containsEntry("created", 0)
			.containsEntry("updated", 0)
			.containsEntry("unchanged", 5);
		assertThat((String) withoutBom.get("format")).isEqualTo("CSV, UTF-8, delimiter ','");
		assertThat(store()).isEqualTo(before);
	}

	@Test
	void headerOnlyCompletesWithNoRowsAndOneFileWarning() throws Exception {
		List<Licence> before = importKnownGood();

		Map<String, Object> job = api.importAndWait("header-only.csv", corpus("header-only.csv"));

		assertThat(job).containsEntry("status", "COMPLETED")
			.containsEntry("headerRow", 1)
			.containsEntry("rowsTotal", 0)
			.containsEntry("rowsAccepted", 0)
			.containsEntry("rowsRejected", 0)
			.containsEntry("warnings", 1);
		assertThat(messages(job)).contains("The file has a header but no data rows.");
		assertThat(store()).isEqualTo(before);
	}

	@Test
	void anEmptyFileFailsAndChangesNothing() throws Exception {
		assertFailsAndChangesNothing("empty.csv", corpus("empty.csv"), "The file is empty.");
	}

	@Test
	void aFileOfBlankLinesFailsAsHavingNoRowsAndChangesNothing() throws Exception {
		assertFailsAndChangesNothing("blank-lines.csv", corpus("blank-lines.csv"), "The file contains no rows.");
	}

	@Test
	void garbageFailsAsNotACsvOrXlsxFileAndChangesNothing() throws Exception {
		assertFailsAndChangesNothing("garbage.csv", corpus("garbage.csv"), "This is not a CSV or XLSX file");
	}

	@Test
	void rowsWithoutAHeaderFailNamingTheRequiredColumnsAndTheirAliases() throws Exception {
		Map<String, Object> job = assertFailsAndChangesNothing("no-header.csv", corpus("no-header.csv"),
				"No header row found in the first 30 rows; required columns missing: 企业名称, 证照名称, 证照编号, 有效期截止日期.");
		assertThat((String) job.get("failure")).contains("企业名称 (单位名称/", "/holder/", "证照名称 (证照类型/", "/licence_type/",
				"证照编号 (许可证编号/", "/licence_no/", "有效期截止日期 (有效期至/", "/valid_until/");
	}

	@Test
	void theHeaderIsFoundBelowTitleAndBlankRowsUpToRow30() throws Exception {
		String header = "* 企业名称,证照类型（必填）,LICENCE NO,有效期至\n";
		String data = "许昌市魏都区同福面馆,食品经营许可证,JY1,2027-03-31\n";
		String titles = "许昌市魏都区市场监督管理局,,,\n\n".repeat(14) + "证照到期名单,,,\n";

		Map<String, Object> found = api.importAndWait("row30.csv",
				(titles + header + data).getBytes(StandardCharsets.UTF_8));

		assertThat(found).containsEntry("status", "COMPLETED")
			.containsEntry("headerRow", 30)
			.containsEntry("rowsTotal", 1)
			.containsEntry("rowsAccepted", 1);
		assertThat(licence("食品经营许可证", "JY1").source().row()).isEqualTo(31);

		Map<String, Object> tooLow = api.importAndWait("row31.csv",
				(titles + "备注,,,\n" + header + data).getBytes(StandardCharsets.UTF_8));

		assertThat(tooLow).containsEntry("status", "FAILED");
		assertThat((String) tooLow.get("failure")).startsWith("No header row found in the first 30 rows");
	}

	@Test
	void formulaLikeCellsAreStoredVerbatimAndNeutralisedInTheErrorReport() throws Exception {
		Map<String, Object> job = api.importAndWait("formula-injection.csv", corpus("formula-injection.csv"));

		assertThat(job).containsEntry("status", "COMPLETED")
			.containsEntry("rowsTotal", 5)
			.containsEntry("rowsAccepted", 4)
			.containsEntry("rowsRejected", 1)
			.containsEntry("warnings", 0);
		assertThat(licence("食品经营许可证", "JY24110020300014").holderName())
			.isEqualTo("=HYPERLINK(\"http://x.example/\",\"点击续证\")");
		assertThat(licence("食品经营许可证", "JY24110020300021").contact()).isEqualTo("=1+2");
		Licence hygiene = licence("卫生许可证", "豫卫公证字〔2024〕第411002-000601号");
		assertThat(hygiene.holderName()).isEqualTo("@SUM(A1)");
		assertThat(hygiene.contact()).isEqualTo("-2+3");
		Licence drug = licence("药品经营许可证", "豫DA3743001");
		assertThat(drug.holderName()).isEqualTo("+cmd|' /C calc'!A0");
		assertThat(drug.contact()).isEqualTo("@李四");
		String report = api.errors(id(job));
		assertThat(report).contains("\r\n6,有效期至,'=TODAY()+30,");
		List<CSVRecord> errors = ImportApi.parseCsv(report);
		assertThat(errors).singleElement().satisfies(error -> {
			assertThat(error.get("row")).isEqualTo("6");
			assertThat(error.get("value")).isEqualTo("'=TODAY()+30");
			assertThat(error.get("message")).startsWith("Not a valid date");
		});
	}

	@Test
	void reportCellsStartingWithFormulaCharactersGetALeadingQuote() throws Exception {
		String csv = "企业名称,证照名称,证照编号,有效期至,联系电话,证照状态,openid\n" + "甲店,食品经营许可证,JY1,+1,13812345678,,\n"
				+ "乙店,食品经营许可证,JY2,-1,13812345678,,\n" + "丙店,食品经营许可证,JY3,@1,13812345678,,\n"
				+ "丁店,食品经营许可证,JY4,2027-01-01,13812345678,=有效,\n" + "戊店,食品经营许可证,JY5,2027-01-01,13812345678,,@openid\n"
				+ "己店,食品经营许可证,JY6,2027-01-01,13812345678,-有效,\n";
		Map<String, Object> job = api.importAndWait("quote.csv", csv.getBytes(StandardCharsets.UTF_8));

		assertThat(job).containsEntry("rowsRejected", 3).containsEntry("rowsAccepted", 3).containsEntry("warnings", 3);
		assertThat(ImportApi.parseCsv(api.errors(id(job)))).extracting(r -> r.get("row") + " " + r.get("value"))
			.containsExactly("2 '+1", "3 '-1", "4 '@1");
		assertThat(ImportApi.parseCsv(api.warnings(id(job)))).extracting(r -> r.get("row") + " " + r.get("value"))
			.containsExactly("5 '=有效", "6 '@openid", "7 '-有效");
		assertThat(licence("食品经营许可证", "JY6").status()).isEqualTo(LicenceStatus.VALID);
	}

	@Test
	void anUnterminatedQuoteFailsNamingItsRowAndImportsNoRowAtAll() throws Exception {
		assertFailsAndChangesNothing("unterminated-quote.csv", corpus("unterminated-quote.csv"),
				"Malformed CSV: a quote (\") opened in row 3 is never closed.");
		assertThat(licences.find(Licence.idFor("食品经营许可证", "JY24110020400017"))).isEmpty();
	}

	@Test
	void xlsxFormulaCellsGiveTheirCachedValuesAndAMergedHeaderNamesBothColumns() throws Exception {
		Path file = dir.resolve("formula.xlsx");
		LicenceListGenerator.writeXlsxWithFormulaAndMergedHeader(file);

		Map<String, Object> job = api.importAndWait("formula.xlsx", Files.readAllBytes(file));

		assertThat(job).containsEntry("status", "COMPLETED")
			.containsEntry("rowsTotal", 3)
			.containsEntry("rowsAccepted", 3)
			.containsEntry("rowsRejected", 0)
			.containsEntry("warnings", 0);
		Licence first = licence("食品经营许可证", "JY24110029000011");
		assertThat(first.validUntil()).isEqualTo(LocalDate.of(2027, 3, 31));
		assertThat(first.mobiles()).containsExactly("+8613812349001");
		assertThat(first.landlines()).containsExactly("+863742349001");
		Licence second = licence("食品经营许可证", "JY14110029000028");
		assertThat(second.holderName()).isEqualTo("许昌市魏都区公式面馆");
		assertThat(second.validUntil()).isEqualTo(LocalDate.of(2021, 12, 20).plusDays(1825));
		Licence third = licence("药品经营许可证", "豫DA9000003");
		assertThat(third.validUntil()).isEqualTo(LocalDate.of(2027, 1, 9));
		assertThat(third.mobiles()).containsExactly("+8615012349003");
		assertThat(store())
			.allSatisfy(licence -> assertThat(licence.toString()).doesNotContain("DATE(", "CONCATENATE", "E3+"));
	}

	@Test
	void aTruncatedXlsxFailsAsDamagedAndChangesNothing() throws Exception {
		Path file = dir.resolve("truncated.xlsx");
		LicenceListGenerator.writeTruncatedXlsx(file);

		assertFailsAndChangesNothing("truncated.xlsx", Files.readAllBytes(file),
				"The Excel file is damaged or incomplete and cannot be read");
	}

	@Test
	void aZipBombIsRefusedUnreadAsExpandingTooMuchAndChangesNothing() throws Exception {
		Path file = dir.resolve("bomb.xlsx");
		LicenceListGenerator.writeZipBomb(file);
		assertThat(Files.size(file)).isLessThan(2L * 1024 * 1024);

		Map<String, Object> job = assertFailsAndChangesNothing("bomb.xlsx", Files.readAllBytes(file),
				"The workbook expands to far more data than its size suggests (a possible zip bomb)");

		assertThat(job).as("refused before its first row").containsEntry("rowsProcessed", 0);
	}

	@Test
	void aOneMegabyteCellRejectsItsRowWithAShortenedValueInTheReport() throws Exception {
		Path file = dir.resolve("huge.csv");
		LicenceListGenerator.writeCsvWithHugeCell(file);

		Map<String, Object> job = api.importAndWait("huge.csv", Files.readAllBytes(file));

		assertThat(job).containsEntry("status", "COMPLETED")
			.containsEntry("rowsTotal", 3)
			.containsEntry("rowsAccepted", 2)
			.containsEntry("rowsRejected", 1);
		String report = api.errors(id(job));
		assertThat(report.length()).isLessThan(1000);
		assertThat(ImportApi.parseCsv(report)).singleElement().satisfies(error -> {
			assertThat(error.get("row")).isEqualTo("3");
			assertThat(error.get("column")).isEqualTo("企业名称");
			assertThat(error.get("value")).startsWith("许昌市魏都区很长很长的名称")
				.endsWith("…(1048576)")
				.hasSize(200 + "…(1048576)".length());
			assertThat(error.get("message")).isEqualTo("Too long (1048576 characters, at most 200).");
		});
		assertThat(store()).extracting(Licence::licenceNumber)
			.containsExactlyInAnyOrder("JY24110029100017", "JY24110029100031");
	}

	@Test
	void anXlsxWithExternalOrNestedEntitiesIsRefusedWithoutExpandingThem() throws Exception {
		Path file = dir.resolve("entities.xlsx");
		LicenceListGenerator.writeXlsxWithExternalEntity(file);

		Map<String, Object> job = assertFailsAndChangesNothing("entities.xlsx", Files.readAllBytes(file),
				"The Excel file contains unsafe XML declarations (DOCTYPE/entities) and was not read");

		assertThat((String) job.get("failure")).doesNotContain("root:", "lollol");
	}

	@Test
	void theSampleListGivesItsDocumentedCountsRejectedRowsAndWarnings() throws Exception {
		byte[] sample = Files.readAllBytes(Path.of("config/samples/licences-sample.csv"));

		Map<String, Object> job = api.importAndWait("licences-sample.csv", sample);

		assertThat(job).containsEntry("status", "COMPLETED")
			.containsEntry("headerRow", 2)
			.containsEntry("rowsTotal", 50)
			.containsEntry("rowsAccepted", 45)
			.containsEntry("rowsRejected", 4)
			.containsEntry("duplicates", 1)
			.containsEntry("created", 45)
			.containsEntry("updated", 0)
			.containsEntry("unchanged", 0)
			.containsEntry("warnings", 3);
		assertThat(ImportApi.parseCsv(api.errors(id(job))))
			.extracting(r -> List.of(r.get("row"), r.get("column"), r.get("value")))
			.containsExactly(List.of("9", "企业名称", ""), List.of("18", "有效期至", "2026-02-30"),
					List.of("25", "统一社会信用代码", "92411002MA6AAFTQX0"), List.of("33", "证照编号", ""));
		List<CSVRecord> warnings = ImportApi.parseCsv(api.warnings(id(job)));
		assertThat(warnings).extracting(r -> List.of(r.get("row"), r.get("column"), r.get("value")))
			.containsExactly(List.of("12", "证照编号", "豫DA3740456"), List.of("21", "联系电话", "0374-2612346"),
					List.of("29", "联系电话", ""));
		assertThat(warnings.get(0).get("message"))
			.isEqualTo("Row 12 has the same licence type and number as row 40; the later row 40 is used.");
		assertThat(warnings.get(1).get("message")).startsWith("No mobile number");
		assertThat(warnings.get(2).get("message")).startsWith("No usable phone number or mini-program openid");

		assertThat(licences.count()).isEqualTo(45);
		Licence superseded = licence("药品经营许可证", "豫DA3740456");
		assertThat(superseded.source().row()).isEqualTo(40);
		assertThat(superseded.validUntil()).isEqualTo(LocalDate.of(2031, 12, 1));
		assertThat(superseded.mobiles()).containsExactly("+8618612340009", "+8613712340036");
		assertThat(licence("食品经营许可证", "JY14110020009001").status()).isEqualTo(LicenceStatus.CANCELLED);
		assertThat(licence("食品经营许可证", "JY14110020010110").status()).isEqualTo(LicenceStatus.REVOKED);
		assertThat(licence("食品经营许可证", "JY14110020018625").validUntil()).isEqualTo(LocalDate.of(2028, 2, 29));
		Licence landlineOnly = licence("卫生许可证", "豫卫公证字〔2023〕第411002-000789号");
		assertThat(landlineOnly.mobiles()).isEmpty();
		assertThat(landlineOnly.reachableByCall()).isTrue();
		assertThat(store()).filteredOn(licence -> licence.isExpiredOn(TODAY) && !licence.status().isTerminated())
			.hasSize(3);
		assertThat(store()).filteredOn(licence -> !licence.expires()).hasSize(3);
		List<Licence> before = store();

		Map<String, Object> again = api.importAndWait("licences-sample.csv", sample);

		assertThat(again).containsEntry("rowsAccepted", 45)
			.containsEntry("duplicates", 1)
			.containsEntry("created", 0)
			.containsEntry("updated", 0)
			.containsEntry("unchanged", 45);
		assertThat(store()).isEqualTo(before);
	}

	@Test
	void theSameGeneratedRowsAsCsvAndAsXlsxGiveTheSameLicences() throws Exception {
		LicenceListGenerator generator = new LicenceListGenerator(20261127);
		Path csv = dir.resolve("list.csv");
		Path xlsx = dir.resolve("list.xlsx");
		generator.writeCsv(csv, 300, StandardCharsets.UTF_8);
		generator.writeXlsx(xlsx, 300);

		Map<String, Object> fromCsv = api.importAndWait("list.csv", Files.readAllBytes(csv));
		assertThat(fromCsv).containsEntry("status", "COMPLETED")
			.containsEntry("rowsTotal", 300)
			.containsEntry("rowsAccepted", 300)
			.containsEntry("created", 300);
		List<Licence> csvLicences = store();
		mongo.dropCollection(Licence.class);

		Map<String, Object> fromXlsx = api.importAndWait("list.xlsx", Files.readAllBytes(xlsx));
		assertThat(fromXlsx).containsEntry("status", "COMPLETED")
			.containsEntry("rowsTotal", 300)
			.containsEntry("rowsAccepted", 300)
			.containsEntry("created", 300);
		assertThat(store())
			.usingRecursiveFieldByFieldElementComparatorIgnoringFields("source", "createdAt", "updatedAt")
			.isEqualTo(csvLicences);

		Map<String, Object> csvAgain = api.importAndWait("list.csv", Files.readAllBytes(csv));
		assertThat(csvAgain).containsEntry("unchanged", 300).containsEntry("created", 0).containsEntry("updated", 0);
	}

	/** Imports {@code utf8-bom.csv} and returns the store's content. */
	private List<Licence> importKnownGood() throws Exception {
		Map<String, Object> good = api.importAndWait("utf8-bom.csv", corpus("utf8-bom.csv"));
		assertThat(good).containsEntry("status", "COMPLETED").containsEntry("created", 5);
		return store();
	}

	/**
	 * ImportQueue a known-good file, then {@code content}; checks that the second job
	 * FAILED with the message, counted and reported nothing, and left the store as the
	 * first left it.
	 */
	private Map<String, Object> assertFailsAndChangesNothing(String fileName, byte[] content, String message)
			throws Exception {
		List<Licence> before = importKnownGood();

		Map<String, Object> job = api.importAndWait(fileName, content);

		assertThat(job).containsEntry("status", "FAILED")
			.containsEntry("rowsTotal", 0)
			.containsEntry("rowsAccepted", 0)
			.containsEntry("rowsRejected", 0)
			.containsEntry("created", 0)
			.containsEntry("updated", 0)
			.containsEntry("unchanged", 0);
		assertThat((String) job.get("failure")).startsWith(message);
		assertThat(ImportApi.parseCsv(api.errors(id(job)))).isEmpty();
		assertThat(store()).hasSize(5).isEqualTo(before);
		return job;
	}

	private List<Licence> store() {
		return mongo.findAll(Licence.class).stream().sorted(Comparator.comparing(Licence::id)).toList();
	}

	private Licence licence(String type, String number) {
		return licences.find(Licence.idFor(type, number))
			.orElseThrow(() -> new AssertionError("no licence " + type + " " + number));
	}

	@SuppressWarnings("unchecked")
	private static List<String> messages(Map<String, Object> job) {
		return (List<String>) job.get("messages");
	}

	private static String id(Map<String, Object> job) {
		return (String) job.get("id");
	}

	private static byte[] corpus(String name) throws IOException {
		try (InputStream in = ImportCorpusTests.class.getResourceAsStream("/imports/" + name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
	}

}
