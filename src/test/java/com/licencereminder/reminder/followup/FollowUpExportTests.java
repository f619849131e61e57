package com.licencereminder.reminder.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static com.licencereminder.shared.ExportFiles.cells;
import static com.licencereminder.shared.ExportFiles.csvRows;
import static com.licencereminder.shared.ExportFiles.downloadAsAdmin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.licencereminder.shared.Role;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The follow-up list's exports, CSV and Excel, in the console and the API: the list as
 * filtered, in the work queue's order, phones (and numbers in notes) always masked, every
 * text cell formula-safe; a bad filter refused before the store is read; the roles of the
 * list; and a list of several store pages read page by page and sent whole and in order
 * through a real server, or aborted when the store fails part-way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class FollowUpExportTests {

	static final String MOBILE = "+8613812345678";

	static final String LANDLINE = "+863741234567";

	static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"点我\")";

	static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@MockitoSpyBean
	MongoTemplate mongo;

	@BeforeEach
	void cleanStore() {
		reset(mongo);
		mongo.remove(new Query(), FollowUp.class); // keeps the collection's indexes
	}

	@Test
	void theCsvHasTheOpenItemsOldestFirstPhonesMaskedAndFormulaSafe() throws Exception {
		threeItems();

		MockHttpServletResponse response = console("/follow-ups/export.csv", Role.OPERATOR);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("text/csv");
		assertThat(response.getHeader("Content-Disposition")).contains("follow-ups_")
			.contains("status-OPEN")
			.contains(".csv");
		String csv = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\uFEFF").doesNotContain("13812345678", "3741234567");
		assertThat(csv.substring(1).lines().findFirst()).hasValue(String.join(",", FollowUpExport.COLUMNS));
		List<CSVRecord> rows = csvRows(csv.substring(1));
		assertThat(rows).extracting(row -> row.get("followUpId")).containsExactly("fu-formula", "fu-open");
		CSVRecord formula = rows.get(0);
		assertThat(formula.get("holderName")).isEqualTo("'" + FORMULA);
		assertThat(formula.get("contact")).isEqualTo("'+张三");
		assertThat(formula.get("phones")).isEqualTo("138****5678;037****4567");
		assertThat(formula.get("status")).isEqualTo("OPEN");
		assertThat(formula.get("reason")).isEqualTo("NO_WORKING_CHANNEL");
		assertThat(formula.get("validUntil")).isEqualTo("2026-04-01");
		assertThat(formula.get("cycle")).isEqualTo("2");
		assertThat(formula.get("createdAt")).isEqualTo("2026-03-01T08:00+08:00");
		assertThat(formula.get("outcome")).isEmpty();
	}

	@Test
	void theFilterOfThePageIsApplied() throws Exception {
		threeItems();

		List<CSVRecord> done = csvRows(
				console("/follow-ups/export.csv?status=done", Role.REGULATOR).getContentAsString(StandardCharsets.UTF_8)
					.substring(1));
		MockHttpServletResponse all = console("/follow-ups/export.csv?status=ALL", Role.ADMIN);

		assertThat(done).singleElement().satisfies(row -> {
			assertThat(row.get("followUpId")).isEqualTo("fu-done");
			assertThat(row.get("outcome")).isEqualTo("CALLED");
			assertThat(row.get("outcomeNote")).isEqualTo("'-回拨 138****5678");
			assertThat(row.get("outcomeBy")).isEqualTo("clerk");
		});
		assertThat(all.getHeader("Content-Disposition")).contains("status-ALL");
		assertThat(csvRows(all.getContentAsString(StandardCharsets.UTF_8).substring(1)))
			.extracting(row -> row.get("followUpId"))
			.containsExactly("fu-formula", "fu-open", "fu-done");
		assertThat(page("/follow-ups?status=DONE")).contains("id=\"export-csv\"", "id=\"export-xlsx\"",
				"href=\"/follow-ups/export.csv?status=DONE\"", "href=\"/follow-ups/export.xlsx?status=DONE\"");
	}

	@Test
	void theApiExportsTheApisFilterWithoutAByteOrderMark() throws Exception {
		threeItems();

		MockHttpServletResponse open = console("/api/follow-ups/export?status=open", Role.REGULATOR);
		MockHttpServletResponse all = console("/api/follow-ups/export", Role.OPERATOR);

		assertThat(open.getStatus()).isEqualTo(200);
		assertThat(open.getContentType()).startsWith("text/csv");
		assertThat(open.getHeader("Content-Disposition")).contains("follow-ups.csv");
		String csv = open.getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv).startsWith("createdAt,").doesNotContain("13812345678");
		assertThat(csvRows(csv)).extracting(row -> row.get("followUpId")).containsExactly("fu-formula", "fu-open");
		assertThat(csvRows(all.getContentAsString(StandardCharsets.UTF_8))).extracting(row -> row.get("followUpId"))
			.containsExactly("fu-formula", "fu-open", "fu-done");
	}

	@Test
	void aBadFilterIsRefusedBeforeTheStoreIsRead() throws Exception {
		threeItems();
		reset(mongo);

		for (String path : List.of("/follow-ups/export.csv?status=LOST", "/follow-ups/export.xlsx?status=LOST",
				"/api/follow-ups/export?status=LOST")) {
			MockHttpServletResponse response = console(path, Role.OPERATOR);
			assertThat(response.getStatus()).as(path).isEqualTo(400);
			assertThat(response.getHeader("Content-Disposition")).as(path).isNull();
		}
		MockHttpServletResponse api = console("/api/follow-ups/export?status=LOST", Role.OPERATOR);
		assertThat(api.getContentType()).startsWith("application/problem+json");
		assertThat(api.getContentAsString()).contains("status");
		verify(mongo, never()).find(any(Query.class), eq(FollowUp.class));
	}

	@Test
	void theWorkbookHasTheFilteredRowsAsInertTextAndRealDates() throws Exception {
		threeItems();

		MockHttpServletResponse response = console("/follow-ups/export.xlsx", Role.REGULATOR);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType())
			.isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		assertThat(response.getHeader("Content-Disposition")).contains("follow-ups_", "status-OPEN", ".xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getContentAsByteArray()))) {
			assertThat(workbook.getProperties().getCoreProperties().getTitle()).isEqualTo("人工跟进清单导出");
			assertThat(workbook.getProperties().getCoreProperties().getDescription()).contains("status=OPEN", "导出时间");
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(cells(sheet.getRow(0))).startsWith("列入时间", "状态", "原因", "企业名称", "联系人", "电话（脱敏）")
				.hasSize(FollowUpExport.COLUMNS.size());
			assertThat(sheet.getLastRowNum()).isEqualTo(2);
			for (int r = 1; r <= 2; r++) {
				for (Cell cell : sheet.getRow(r)) {
					assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
				}
			}
			Row formula = sheet.getRow(1);
			assertThat(formula.getCell(15).getStringCellValue()).isEqualTo("fu-formula");
			assertThat(formula.getCell(3).getStringCellValue()).isEqualTo("'" + FORMULA);
			assertThat(formula.getCell(5).getStringCellValue()).isEqualTo("138****5678;037****4567");
			assertThat(DateUtil.isCellDateFormatted(formula.getCell(0))).isTrue();
			assertThat(formula.getCell(0).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 3, 1, 8, 0));
			assertThat(DateUtil.isCellDateFormatted(formula.getCell(8))).isTrue();
			assertThat(formula.getCell(8).getLocalDateTimeCellValue().toLocalDate())
				.isEqualTo(LocalDate.of(2026, 4, 1));
			assertThat(formula.getCell(10).getNumericCellValue()).isEqualTo(2);
			assertThat(sheet.getRow(2).getCell(15).getStringCellValue()).isEqualTo("fu-open");
		}
		MockHttpServletResponse english = console("/follow-ups/export.xlsx?status=ALL&lang=en", Role.OPERATOR);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(english.getContentAsByteArray()))) {
			assertThat(cells(workbook.getSheetAt(0).getRow(0))).startsWith("Listed", "Status", "Reason", "Holder");
			assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(3);
		}
	}

	/**
	 * Every staff role sees the list; a session without one (here a business's own, of
	 * the {@code /my} pages) is refused, and nobody gets in without logging in.
	 */
	@Test
	void everyRoleThatSeesTheListMayExportItAndNobodyElse() throws Exception {
		threeItems();
		List<String> paths = List.of("/follow-ups/export.csv", "/follow-ups/export.xlsx", "/api/follow-ups/export");

		for (String path : paths) {
			for (Role role : Role.values()) {
				assertThat(console(path, role).getStatus()).as("%s as %s", path, role).isEqualTo(200);
			}
			MockHttpServletResponse business = mvc
				.perform(get(path).with(user("business").authorities(new SimpleGrantedAuthority("BUSINESS_PAGE"))))
				.andReturn()
				.getResponse();
			assertThat(business.getStatus()).as("%s as a business", path).isEqualTo(403);
			assertThat(business.getHeader("Content-Disposition")).as(path).isNull();
			MockHttpServletResponse anonymous = mvc.perform(get(path)).andReturn().getResponse();
			if (path.startsWith("/api/")) {
				assertThat(anonymous.getStatus()).as(path).isEqualTo(401);
			}
			else {
				assertThat(anonymous.getStatus()).as(path).isIn(302, 401);
				assertThat(anonymous.getHeader("Content-Disposition")).as(path).isNull();
			}
		}
	}

	@Test
	void aListOfSeveralStorePagesIsReadPageByPageAndSentWholeInOrder() throws Exception {
		int count = FollowUps.EXPORT_PAGE * 5 + 7;
		insert(count, FollowUp.Status.OPEN);
		reset(mongo);

		HttpResponse<String> export = downloadAsAdmin(port, "/api/follow-ups/export");

		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(csvRows(export.body())).extracting(row -> row.get("followUpId"))
			.containsExactlyElementsOf(IntStream.range(0, count).mapToObj(FollowUpExportTests::id).toList());
		verify(mongo, atLeast(6)).find(any(Query.class), eq(FollowUp.class));
		assertThat(mongo.indexOps(FollowUp.class).getIndexInfo()).extracting(IndexInfo::getName)
			.contains("status_createdAt");
	}

	@Test
	void aFailureAfterTheFirstBytesAbortsTheTransfer() {
		insert(FollowUps.EXPORT_PAGE * 4, FollowUp.Status.OPEN);
		AtomicInteger pages = new AtomicInteger();
		doAnswer(call -> {
			if (pages.incrementAndGet() >= 3) {
				throw new DataAccessResourceFailureException("store went away");
			}
			return call.callRealMethod();
		}).when(mongo).find(any(Query.class), eq(FollowUp.class));

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> downloadAsAdmin(port, "/api/follow-ups/export"));
	}

	/**
	 * Two open items (the older one with a formula for a holder, two phones) and a done
	 * one with a note carrying a number.
	 */
	private void threeItems() {
		mongo.insert(new FollowUp("fu-open", "licence-open", 1, FollowUp.Reason.MANUAL_STAGE, "甲店", null, List.of(),
				"食品经营许可证", "JY1", LocalDate.of(2026, 3, 20), FollowUp.Status.OPEN, List.of(), T0.plusSeconds(60)));
		mongo.insert(new FollowUp("fu-formula", "licence-formula", 2, FollowUp.Reason.NO_WORKING_CHANNEL, FORMULA,
				"+张三", List.of(MOBILE, LANDLINE), "卫生许可证", "WS9", LocalDate.of(2026, 4, 1), FollowUp.Status.OPEN,
				List.of(), T0));
		mongo.insert(new FollowUp("fu-done", "licence-done", 1, FollowUp.Reason.UNREACHABLE, "乙店", "李四",
				List.of(MOBILE), "卫生许可证", "WS1", LocalDate.of(2026, 3, 10), FollowUp.Status.DONE,
				List.of(new FollowUp.Outcome(FollowUp.Result.CALLED, "-回拨 13812345678", "clerk", T0.plusSeconds(3600))),
				T0.minusSeconds(60)));
	}

	/** Items {@link #id}(0..count), created in that order, three to a second. */
	private void insert(int count, FollowUp.Status status) {
		mongo.insertAll(IntStream.range(0, count)
			.mapToObj(n -> new FollowUp(id(n), "licence-" + n, 1, FollowUp.Reason.UNREACHABLE, "店 " + n, null,
					List.of(MOBILE), "卫生许可证", "N" + n, LocalDate.of(2026, 4, 1), status, List.of(),
					T0.plusSeconds(n / 3)))
			.toList());
	}

	private static String id(int n) {
		return "fu-%05d".formatted(n);
	}

	private MockHttpServletResponse console(String path, Role role) throws Exception {
		return mvc.perform(get(path).with(user("someone-" + role).roles(role.name()))).andReturn().getResponse();
	}

	private String page(String path) throws Exception {
		return console(path, Role.OPERATOR).getContentAsString(StandardCharsets.UTF_8);
	}

}
