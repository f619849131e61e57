package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceStatus;
import com.licencereminder.licence.Licences;
import com.licencereminder.licence.LicencesImported;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The import API end to end on the embedded store: upload, asynchronous job, counts, the
 * error report, re-import, renewal and the events the reminder engine consumes.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ImportApiTests {

	static final Charset GBK = Charset.forName("GBK");

	static final String VALID_USCC = "91350100M000100Y43";

	static final String HEADER = "序号, 企业名称 ,统一社会信用代码,证照名称,Licence_No,有效期至,联系电话,备注\n";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Licences licences;

	@Autowired
	RecordedEvents events;

	ImportApi api;

	@BeforeEach
	void cleanStore() {
		mongo.dropCollection(Licence.class);
		mongo.dropCollection(ImportJob.class);
		mongo.dropCollection(ImportIssue.class);
		events.clear();
		api = new ImportApi(mvc);
	}

	static byte[] messyGbkCsv() {
		String csv = "许昌市魏都区市场监督管理局 证照到期名单,,,,,,,\n" + HEADER + "1,许昌市魏都区甲餐饮店," + VALID_USCC
				+ ",食品经营许可证,JY14110020000001,2027-03-01,13812345678；0374-1234567,\n"
				+ "2,乙药房,,药品经营许可证,豫AA3740001,2027/3/1,＋86 139 1234 5678,\n"
				+ "3,,,食品经营许可证,JY14110020000003,2027-03-01,13812345679,\n"
				+ "4,丁超市,,食品经营许可证,JY14110020000004,2026-02-30,13812345670,\n"
				+ "5,戊店,91350100M000100Y44,食品经营许可证,JY14110020000005,2027年3月1日,,\n"
				+ "6,己店,,卫生许可证,WS-001,长期,0374-7654321,\n" + ",,,,,,,\n\n";
		return csv.getBytes(GBK);
	}

	@Test
	void messyGbkCsvIsImportedWithExactCountsAndAPreciseErrorReport() throws Exception {
		String id = api.upload("清单.csv", messyGbkCsv());
		Map<String, Object> job = api.awaitEnd(id);

		assertThat(job).containsEntry("status", "COMPLETED")
			.containsEntry("rowsTotal", 6)
			.containsEntry("rowsAccepted", 3)
			.containsEntry("rowsRejected", 3)
			.containsEntry("created", 3)
			.containsEntry("updated", 0)
			.containsEntry("unchanged", 0)
			.containsEntry("headerRow", 2);
		assertThat((String) job.get("format")).contains("GB18030");
		assertThat((List<String>) job.get("messages")).anySatisfy(m -> assertThat(m).contains("序号").contains("备注"));

		String report = api.errors(id);
		assertThat(report).startsWith("row,column,value,message\r\n");
		List<CSVRecord> errors = ImportApi.parseCsv(report);
		assertThat(errors).hasSize(3);
		assertThat(errors.get(0).values()).startsWith("5", "企业名称", "");
		assertThat(errors.get(0).get("message")).startsWith("The holder name is empty");
		assertThat(errors.get(1).values()).startsWith("6", "有效期至", "2026-02-30");
		assertThat(errors.get(1).get("message")).startsWith("Not a valid date");
		assertThat(errors.get(2).values()).startsWith("7", "统一社会信用代码", "91350100M000100Y44");
		assertThat(errors.get(2).get("message"))
			.isEqualTo("The check character of the unified social credit code does not match: the first 17 characters"
					+ " give \"3\", the code ends in \"4\". Check it for a copying mistake.");

		Licence food = licences.find(Licence.idFor("食品经营许可证", "JY14110020000001")).orElseThrow();
		assertThat(food.holderName()).isEqualTo("许昌市魏都区甲餐饮店");
		assertThat(food.uscc()).isEqualTo(VALID_USCC);
		assertThat(food.validUntil()).isEqualTo(LocalDate.of(2027, 3, 1));
		assertThat(food.mobiles()).containsExactly("+8613812345678");
		assertThat(food.landlines()).containsExactly("+863741234567");
		assertThat(food.source()).isEqualTo(new Licence.Source(id, 3));
		assertThat(food.cycle()).isEqualTo(1);

		Licence pharmacy = licences.find(Licence.idFor("药品经营许可证", "豫AA3740001")).orElseThrow();
		assertThat(pharmacy.mobiles()).containsExactly("+8613912345678");
		assertThat(pharmacy.validUntil()).isEqualTo(LocalDate.of(2027, 3, 1));

		Licence hygiene = licences.find(Licence.idFor("卫生许可证", "WS-001")).orElseThrow();
		assertThat(hygiene.expires()).isFalse();
		assertThat(hygiene.reachableByText()).isFalse();
		assertThat(hygiene.reachableByCall()).isTrue();
		assertThat(api.warnings(id)).contains("8,联系电话,0374-7654321,No mobile number");
	}

	@Test
	void errorReportSpeaksChineseByDefault() throws Exception {
		String id = api.upload("清单.csv", messyGbkCsv());
		api.awaitEnd(id);

		String csv = mvc
			.perform(get("/api/imports/" + id + "/errors").with(httpBasic(ImportApi.USER, ImportApi.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/csv")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv).contains("5,企业名称,,企业名称为空");
	}

	@Test
	void reimportingTheSameFileChangesNothing() throws Exception {
		api.importAndWait("清单.csv", messyGbkCsv());
		Licence before = licences.find(Licence.idFor("食品经营许可证", "JY14110020000001")).orElseThrow();
		events.clear();

		Map<String, Object> again = api.importAndWait("清单.csv", messyGbkCsv());

		assertThat(again).containsEntry("status", "COMPLETED")
			.containsEntry("rowsAccepted", 3)
			.containsEntry("created", 0)
			.containsEntry("updated", 0)
			.containsEntry("unchanged", 3);
		assertThat(licences.find(before.id()).orElseThrow()).isEqualTo(before);
		assertThat(events.all()).isEmpty();
	}

	@Test
	void aLaterValidUntilIsARenewalThatStartsANewCycle() throws Exception {
		api.importAndWait("v1.csv", ("企业名称,证照名称,证照编号,有效期至,联系电话\n" + "甲店,食品经营许可证,JY1,2026-12-31,13812345678\n"
				+ "乙店,食品经营许可证,JY2,2026-12-31,13812345679\n")
			.getBytes(StandardCharsets.UTF_8));
		events.clear();

		Map<String, Object> job = api.importAndWait("v2.csv",
				("企业名称,证照名称,证照编号,有效期至,联系电话,证照状态\n" + "甲店,食品经营许可证,JY1,2031-12-30,13812345678,有效\n"
						+ "乙店,食品经营许可证,JY2,2026-12-31,13812345679,注销\n")
					.getBytes(StandardCharsets.UTF_8));

		assertThat(job).containsEntry("updated", 2).containsEntry("renewed", 1).containsEntry("unchanged", 0);
		String renewedId = Licence.idFor("食品经营许可证", "JY1");
		Licence renewed = licences.find(renewedId).orElseThrow();
		assertThat(renewed.cycle()).isEqualTo(2);
		assertThat(renewed.validUntil()).isEqualTo(LocalDate.of(2031, 12, 30));
		assertThat(licences.find(Licence.idFor("食品经营许可证", "JY2")).orElseThrow().cycle()).isEqualTo(1);
		assertThat(events.all()).filteredOn(LicencesImported.class::isInstance)
			.flatMap(e -> ((LicencesImported) e).licenceIds())
			.containsExactlyInAnyOrder(renewedId, Licence.idFor("食品经营许可证", "JY2"));
	}

	@Test
	void duplicateKeysInOneFileLetTheLastRowWinWithAWarningNamingBothRows() throws Exception {
		Map<String, Object> job = api.importAndWait("dup.csv",
				("企业名称,证照名称,证照编号,有效期至,联系电话\n" + "旧名称,食品经营许可证,JY 9,2027-01-01,13812345678\n"
						+ "另一家,食品经营许可证,JY10,2027-01-01,13812345678\n" + "新名称,食品经营许可证,jy９,2028-01-01,13812345678\n")
					.getBytes(StandardCharsets.UTF_8));

		assertThat(job).containsEntry("rowsTotal", 3)
			.containsEntry("rowsAccepted", 2)
			.containsEntry("duplicates", 1)
			.containsEntry("created", 2);
		Licence winner = licences.find(Licence.idFor("食品经营许可证", "JY9")).orElseThrow();
		assertThat(winner.holderName()).isEqualTo("新名称");
		assertThat(winner.validUntil()).isEqualTo(LocalDate.of(2028, 1, 1));
		assertThat(api.warnings((String) job.get("id")))
			.contains("2,证照编号,JY 9,Row 2 has the same licence type and number as row 4");
	}

	@Test
	void anXlsxWithDateCellsAndATitleRowImportsLikeTheCsv() throws Exception {
		Map<String, Object> job = api.importAndWait("清单.xlsx", workbook());

		assertThat(job).containsEntry("status", "COMPLETED")
			.containsEntry("rowsAccepted", 2)
			.containsEntry("rowsRejected", 0);
		assertThat((String) job.get("format")).startsWith("XLSX");
		Licence licence = licences.find(Licence.idFor("食品经营许可证", "JY14110020000001")).orElseThrow();
		assertThat(licence.validUntil()).isEqualTo(LocalDate.of(2027, 3, 1));
		assertThat(licence.validFrom()).isEqualTo(LocalDate.of(2022, 3, 2));
		assertThat(licence.mobiles()).containsExactly("+8613812345678");
		Licence second = licences.find(Licence.idFor("食品经营许可证", "JY14110020000002")).orElseThrow();
		assertThat(second.validUntil()).isEqualTo(LocalDate.of(2027, 3, 2));
	}

	@Test
	void aFileThatIsNotTabularFailsTheJobAndChangesNothing() throws Exception {
		api.importAndWait("ok.csv", messyGbkCsv());
		long before = licences.count();
		byte[] garbage = new byte[4096];
		new java.util.Random(7).nextBytes(garbage);

		Map<String, Object> job = api.importAndWait("garbage.csv", garbage);

		assertThat(job).containsEntry("status", "FAILED").containsEntry("rowsAccepted", 0);
		assertThat((String) job.get("failure")).contains("not a CSV or XLSX file");
		assertThat(licences.count()).isEqualTo(before);
	}

	@Test
	void anUnterminatedQuoteFailsTheJobNamingTheRowAndWritesNothing() throws Exception {
		Map<String, Object> job = api.importAndWait("quote.csv",
				("企业名称,证照名称,证照编号,有效期至\n" + "甲店,食品经营许可证,JY1,2027-01-01\n" + "\"乙店,食品经营许可证,JY2,2027-01-01\n"
						+ "丙店,食品经营许可证,JY3,2027-01-01\n")
					.getBytes(StandardCharsets.UTF_8));

		assertThat(job).containsEntry("status", "FAILED");
		assertThat((String) job.get("failure")).contains("row 3").contains("never closed");
		assertThat(licences.count()).isZero();
	}

	@Test
	void theApiNeedsCredentialsButHealthIsOpen() throws Exception {
		mvc.perform(get("/api/licences")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/licences").with(httpBasic("admin", "wrong"))).andExpect(status().isUnauthorized());
		mvc.perform(multipart("/api/imports").file(new MockMultipartFile("file", "x.csv", null, messyGbkCsv())))
			.andExpect(status().isUnauthorized());
		mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
	}

	@Test
	void licencesCanBeSearchedAndFilteredByExpiry() throws Exception {
		LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
		api.importAndWait("list.csv",
				("企业名称,证照名称,证照编号,有效期至,联系电话,统一社会信用代码\n" + "甲餐饮店,食品经营许可证,JY1," + today.plusDays(5) + ",13812345678,"
						+ VALID_USCC + "\n" + "乙药房,药品经营许可证,YP2," + today.plusDays(60) + ",13812345679,\n"
						+ "丙超市,食品经营许可证,JY3," + today.minusDays(3) + ",13812345670,\n"
						+ "丁诊所,卫生许可证,WS4,长期,13812345671,\n")
					.getBytes(StandardCharsets.UTF_8));

		mvc.perform(get("/api/licences").param("expiringWithinDays", "30").with(httpBasic("admin", "test-secret")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].licenceNumber").value("JY1"))
			.andExpect(jsonPath("$.content[0].daysLeft").value(5));
		mvc.perform(get("/api/licences").param("status", "EXPIRED").with(httpBasic("admin", "test-secret")))
			.andExpect(jsonPath("$.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].holderName").value("丙超市"))
			.andExpect(jsonPath("$.content[0].effectiveStatus").value("EXPIRED"));
		mvc.perform(get("/api/licences").param("status", "VALID").with(httpBasic("admin", "test-secret")))
			.andExpect(jsonPath("$.totalElements").value(3));
		mvc.perform(get("/api/licences").param("q", "m000100").with(httpBasic("admin", "test-secret")))
			.andExpect(jsonPath("$.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].holderName").value("甲餐饮店"));
		mvc.perform(get("/api/licences").param("q", "药房").param("size", "1").with(httpBasic("admin", "test-secret")))
			.andExpect(jsonPath("$.content[0].licenceNumber").value("YP2"));
		mvc.perform(get("/api/licences/" + Licence.idFor("卫生许可证", "WS4")).with(httpBasic("admin", "test-secret")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.licence.validUntil").doesNotExist())
			.andExpect(jsonPath("$.licence.mobiles[0]").value("+8613812345671"));
	}

	private static byte[] workbook() throws Exception {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("名单");
			CellStyle date = workbook.createCellStyle();
			date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy年m月d日"));
			sheet.createRow(0).createCell(0).setCellValue("证照到期名单");
			Row header = sheet.createRow(1);
			String[] names = { "企业名称", "证照名称", "证照编号", "有效期起始日期", "有效期截止日期", "手机号码" };
			for (int i = 0; i < names.length; i++) {
				header.createCell(i).setCellValue(names[i]);
			}
			Row first = sheet.createRow(2);
			first.createCell(0).setCellValue("甲餐饮店");
			first.createCell(1).setCellValue("食品经营许可证");
			first.createCell(2).setCellValue("JY14110020000001");
			first.createCell(3).setCellValue(LocalDate.of(2022, 3, 2));
			first.getCell(3).setCellStyle(date);
			first.createCell(4).setCellValue(LocalDate.of(2027, 3, 1));
			first.getCell(4).setCellStyle(date);
			first.createCell(5).setCellValue(13812345678d);
			Row second = sheet.createRow(3);
			second.createCell(0).setCellValue("乙餐饮店");
			second.createCell(1).setCellValue("食品经营许可证");
			second.createCell(2).setCellValue("JY14110020000002");
			second.createCell(4).setCellValue("46448");
			second.createCell(5).setCellValue("13812345679");
			workbook.write(out);
			return out.toByteArray();
		}
	}

	@TestConfiguration
	static class EventRecording {

		@Bean
		RecordedEvents recordedEvents() {
			return new RecordedEvents();
		}

	}

	/** Records the licence events, whatever thread publishes them. */
	static class RecordedEvents {

		private final List<Object> events = new CopyOnWriteArrayList<>();

		@EventListener(LicencesImported.class)
		void on(Object event) {
			events.add(event);
		}

		List<Object> all() {
			return List.copyOf(events);
		}

		void clear() {
			events.clear();
		}

	}

}
