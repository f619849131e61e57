package com.licencereminder.delivery;

import static com.licencereminder.shared.ExportFiles.cells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.licencereminder.delivery.DeliveryAttempt.Ambiguity;
import com.licencereminder.delivery.DeliveryAttempt.StatusChange;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.shared.Role;
import com.licencereminder.shared.TestStores;
import org.apache.commons.csv.CSVFormat;
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
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The delivery log pages: filters, masking, the attempt page, the exports, roles,
 * language and the dashboard chart. Attempts are inserted directly, as in
 * {@link DeliveryApiTests}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class DeliveryPagesTests {

	static final String MOBILE = "+8613812345678";

	static final String OPENID = "oABCDEFGHIJKLMNOPQRSTUVWXYZ0";

	static final String SCRIPT = "<script>alert(1)</script>";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SimulatorControl simulator;

	@Autowired
	Clock clock;

	@BeforeEach
	void cleanStore() {
		TestStores.clear(mongo);
		simulator.reset();
	}

	/**
	 * a1 SMS sent 1 March 09:00, a2 voice failed 2 March 23:30, a3 mini-program sent 3
	 * March 00:30, a4 SMS sending 4 March 08:00 (Beijing time); a4's holder is a formula,
	 * a2's a script.
	 */
	void fourAttempts() {
		attempt("a1", List.of("licence-1"), Channel.SMS, AttemptStatus.SENT, "2026-03-01T01:00:00Z", "甲店 Alpha");
		attempt("a2", List.of("licence-2"), Channel.VOICE, AttemptStatus.FAILED, "2026-03-02T15:30:00Z", SCRIPT);
		attempt("a3", List.of("licence-1", "licence-2"), Channel.MINI_PROGRAM, AttemptStatus.SENT,
				"2026-03-02T16:30:00Z", "丙店");
		attempt("a4", List.of("licence-3"), Channel.SMS, AttemptStatus.SENDING, "2026-03-04T00:00:00Z",
				"=HYPERLINK(\"http://evil.example\",\"点我\")");
	}

	void attempt(String id, List<String> licenceIds, Channel channel, AttemptStatus status, String at, String holder) {
		attempt(id, licenceIds, channel, status, Instant.parse(at), holder, "text of " + id);
	}

	void attempt(String id, List<String> licenceIds, Channel channel, AttemptStatus status, Instant created,
			String holder, String text) {
		Outcome outcome = status == AttemptStatus.SENT ? Outcome.SENT
				: status == AttemptStatus.FAILED ? Outcome.PERMANENT_FAILURE : null;
		mongo.insert(new DeliveryAttempt(id, "task-" + id, channel, "simulator",
				channel == Channel.MINI_PROGRAM ? OPENID : MOBILE, holder, licenceIds, 7, text, Map.of(), status,
				outcome, status == AttemptStatus.SENT ? "SIM-" + id : null,
				status == AttemptStatus.FAILED ? "21211" : null,
				status == AttemptStatus.FAILED ? "Invalid number +8613812345678" : null, false, null,
				List.of(new StatusChange(status.name(), created, null)), created, created));
	}

	@Test
	void filtersNarrowTheLogByChannelStatusDatesLicenceAndHolder() throws Exception {
		fourAttempts();

		assertThat(attemptLinks(page(get("/deliveries")))).containsExactly("a4", "a3", "a2", "a1");
		assertThat(attemptLinks(page(get("/deliveries").param("channel", "SMS")))).containsExactly("a4", "a1");
		assertThat(attemptLinks(page(get("/deliveries").param("status", "FAILED")))).containsExactly("a2");
		assertThat(attemptLinks(page(get("/deliveries").param("from", "2026-03-02").param("to", "2026-03-02"))))
			.containsExactly("a2");
		assertThat(attemptLinks(page(get("/deliveries").param("from", "2026-03-03")))).containsExactly("a4", "a3");
		assertThat(attemptLinks(page(get("/deliveries").param("licenceId", "licence-1")))).containsExactly("a3", "a1");
		assertThat(attemptLinks(page(get("/deliveries").param("holder", "alpha")))).containsExactly("a1");
		assertThat(attemptLinks(page(get("/deliveries").param("holder", "(")))).containsExactly("a4", "a2");
		assertThat(attemptLinks(page(get("/deliveries").param("channel", "VOICE").param("status", "SENT")))).isEmpty();
	}

	@Test
	void anUnreadableFilterSaysWhatToDo() throws Exception {
		String page = page(get("/deliveries").param("from", "1 March"));

		assertThat(page).contains("class=\"alert error\"", "日期请用日历选择");
		assertThat(attemptLinks(page)).isEmpty();
	}

	@Test
	void theLogPagesOfFiftyNewestFirst() throws Exception {
		Instant start = Instant.parse("2026-03-01T00:00:00Z");
		for (int i = 0; i < 55; i++) {
			attempt("p" + i, List.of("licence-1"), Channel.SMS, AttemptStatus.SENT, start.plusSeconds(60L * i), "甲店",
					"x");
		}

		String first = page(get("/deliveries").param("channel", "SMS"));
		assertThat(attemptLinks(first)).hasSize(50).startsWith("p54");
		assertThat(first).contains("第 1 / 2 页，共 55 条", "href=\"/deliveries?channel=SMS&amp;page=1\"");
		assertThat(attemptLinks(page(get("/deliveries").param("channel", "SMS").param("page", "1"))))
			.containsExactly("p4", "p3", "p2", "p1", "p0");
	}

	@Test
	void operatorsSeeMaskedNumbersAdministratorsFullOnes() throws Exception {
		fourAttempts();

		String operator = page(get("/deliveries"));
		assertThat(operator).contains("138****5678", "oABC****XYZ0").doesNotContain(MOBILE, OPENID);
		String operatorAttempt = page(get("/deliveries/a2"));
		assertThat(operatorAttempt).contains("138****5678", "Invalid number 138****5678").doesNotContain("13812345678");
		String admin = mvc.perform(get("/deliveries").with(user("adm").roles(Role.ADMIN.name())))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(admin).contains(MOBILE, OPENID);
	}

	@Test
	void theAttemptPageShowsContentLicencesAndTheStatusTimeline() throws Exception {
		Instant created = Instant.parse("2026-03-01T01:00:00Z");
		mongo.insert(new DeliveryAttempt("t1", "task-t1", Channel.SMS, "twilio", MOBILE, "甲店",
				List.of("licence-1", "licence-2"), 7, "【市场监管】甲店：您的食品经营许可证将于 2026-03-08 到期", Map.of(),
				AttemptStatus.DELIVERED, Outcome.SENT, "SM123", null, null, false, null,
				List.of(new StatusChange("SENDING", created, null),
						new StatusChange("SENT", created.plusSeconds(1), "SM123"),
						new StatusChange("delivered", created.plusSeconds(30), null)),
				created, created.plusSeconds(30)));

		String page = page(get("/deliveries/t1"));

		assertThat(page).contains("id=\"attempt-timeline\"", "开始发送", "服务商已接收", "服务商回报：已送达", "2026-03-01 09:00:00",
				"2026-03-01 09:00:30", "SM123", "twilio", "138****5678", "您的食品经营许可证将于 2026-03-08 到期",
				"href=\"/licences/licence-1\"", "href=\"/licences/licence-2\"");
		String timeline = page.substring(page.indexOf("id=\"attempt-timeline\""));
		assertThat(timeline.indexOf("开始发送")).isLessThan(timeline.indexOf("服务商回报：已送达"));
		assertThat(mvc.perform(get("/deliveries/nope").with(user("op").roles(Role.OPERATOR.name())))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void theLogIsInChineseByDefaultAndInEnglishOnRequest() throws Exception {
		fourAttempts();

		assertThat(page(get("/deliveries"))).contains("<html lang=\"zh-CN\"", "发送记录", "短信", "已发送", "失败");
		assertThat(page(get("/deliveries").param("lang", "en")))
			.contains("<html lang=\"en\"", "Delivery log", "Text message", "Sent", "Failed")
			.doesNotContain("发送记录");
		assertThat(page(get("/deliveries/a1").param("lang", "en"))).contains("Status timeline");
	}

	@Test
	void aHolderNameIsShownAsTextNeverAsMarkup() throws Exception {
		fourAttempts();

		assertThat(page(get("/deliveries"))).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(SCRIPT);
		assertThat(page(get("/deliveries/a2"))).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain(SCRIPT);
	}

	@Test
	void theExportLinksKeepTheCurrentFilters() throws Exception {
		fourAttempts();

		String page = page(get("/deliveries").param("channel", "SMS").param("holder", "甲店"));

		assertThat(page).contains("id=\"export-csv\"", "id=\"export-xlsx\"",
				"href=\"/deliveries/export.csv?channel=SMS&amp;holder=%E7%94%B2%E5%BA%97\"",
				"href=\"/deliveries/export.xlsx?channel=SMS&amp;holder=%E7%94%B2%E5%BA%97\"");
	}

	@Test
	void theCsvExportHasTheFilteredRowsMaskedAndFormulaSafe() throws Exception {
		fourAttempts();
		attempt("a5", List.of("licence-5"), Channel.SMS, AttemptStatus.SENT, "2026-03-04T01:00:00Z",
				"+cmd|' /C calc'!A0");
		attempt("a6", List.of("licence-6"), Channel.SMS, AttemptStatus.SENT, "2026-03-04T02:00:00Z",
				"@SUM(1+1)*cmd|' /C calc'!A0");

		MockHttpServletResponse response = mvc
			.perform(get("/deliveries/export.csv").param("channel", "SMS").with(user("op").roles(Role.OPERATOR.name())))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("text/csv");
		assertThat(response.getHeader("Content-Disposition")).contains("deliveries_")
			.contains("channel-SMS")
			.contains(".csv");
		String csv = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\uFEFF");
		List<CSVRecord> rows = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.substring(1)))
			.getRecords();
		assertThat(rows).extracting(r -> r.get("attemptId")).containsExactly("a6", "a5", "a4", "a1");
		assertThat(rows).extracting(r -> r.get("holderName"))
			.containsExactly("'@SUM(1+1)*cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0",
					"'=HYPERLINK(\"http://evil.example\",\"点我\")", "甲店 Alpha");
		assertThat(rows).extracting(r -> r.get("recipient")).containsOnly("138****5678");
		assertThat(csv).doesNotContain(MOBILE);
	}

	@Test
	void theExcelExportHasTheFilteredRowsAsInertTextAndRealDates() throws Exception {
		fourAttempts();
		attempt("a5", List.of("licence-5"), Channel.SMS, AttemptStatus.SENT, "2026-03-04T01:00:00Z",
				"+cmd|' /C calc'!A0");
		attempt("a6", List.of("licence-6"), Channel.SMS, AttemptStatus.SENT, "2026-03-04T02:00:00Z",
				"@SUM(1+1)*cmd|' /C calc'!A0");

		MockHttpServletResponse response = mvc
			.perform(
					get("/deliveries/export.xlsx").param("channel", "SMS").with(user("op").roles(Role.OPERATOR.name())))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType())
			.isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		assertThat(response.getHeader("Content-Disposition")).contains("channel-SMS").contains(".xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getContentAsByteArray()))) {
			assertThat(workbook.getProperties().getCoreProperties().getDescription()).contains("channel=SMS", "导出时间");
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(cells(sheet.getRow(0))).startsWith("时间", "渠道", "状态", "企业名称", "接收方（脱敏）");
			assertThat(sheet.getLastRowNum()).isEqualTo(4);
			List<String> holders = new ArrayList<>();
			List<String> attemptIds = new ArrayList<>();
			for (int r = 1; r <= 4; r++) {
				Row row = sheet.getRow(r);
				for (Cell cell : row) {
					assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
				}
				holders.add(row.getCell(3).getStringCellValue());
				attemptIds.add(row.getCell(13).getStringCellValue());
				assertThat(row.getCell(4).getStringCellValue()).isEqualTo("138****5678");
			}
			assertThat(attemptIds).containsExactly("a6", "a5", "a4", "a1");
			assertThat(holders).containsExactly("'@SUM(1+1)*cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0",
					"'=HYPERLINK(\"http://evil.example\",\"点我\")", "甲店 Alpha");
			Cell created = sheet.getRow(4).getCell(0);
			assertThat(created.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(DateUtil.isCellDateFormatted(created)).isTrue();
			assertThat(created.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 3, 1, 9, 0));
		}
		MockHttpServletResponse english = mvc
			.perform(get("/deliveries/export.xlsx").param("lang", "en").with(user("op").roles(Role.OPERATOR.name())))
			.andReturn()
			.getResponse();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(english.getContentAsByteArray()))) {
			assertThat(cells(workbook.getSheetAt(0).getRow(0))).startsWith("Time", "Channel", "Status", "Holder");
			assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(6);
		}
	}

	@Test
	void regulatorsMayNotOpenTheLogNorExportIt() throws Exception {
		fourAttempts();

		for (String path : List.of("/deliveries", "/deliveries/a1", "/deliveries/export.csv",
				"/deliveries/export.xlsx")) {
			assertThat(mvc.perform(get(path).with(user("reg").roles(Role.REGULATOR.name())))
				.andReturn()
				.getResponse()
				.getStatus()).as(path).isEqualTo(403);
		}
	}

	@Test
	void theDashboardChartsTheLastFourteenDaysForThoseWhoMayOpenTheLog() throws Exception {
		Instant now = clock.instant();
		attempt("d1", List.of("licence-1"), Channel.SMS, AttemptStatus.SENT, now.minus(Duration.ofDays(3)), "甲店", "x");
		attempt("d2", List.of("licence-1"), Channel.SMS, AttemptStatus.DELIVERED, now.minus(Duration.ofDays(3)), "甲店",
				"x");
		attempt("d3", List.of("licence-2"), Channel.VOICE, AttemptStatus.FAILED, now.minus(Duration.ofDays(3)), "乙店",
				"x");
		attempt("d4", List.of("licence-2"), Channel.MINI_PROGRAM, AttemptStatus.SENT, now.minus(Duration.ofDays(1)),
				"乙店", "x");
		attempt("d5", List.of("licence-2"), Channel.SMS, AttemptStatus.SENDING, now.minus(Duration.ofDays(1)), "乙店",
				"x");
		attempt("old", List.of("licence-2"), Channel.SMS, AttemptStatus.FAILED, now.minus(Duration.ofDays(20)), "乙店",
				"x");

		String dashboard = page(get("/"));

		assertThat(dashboard).contains("id=\"delivery-chart\"", "近 14 天发送情况", "class=\"legend\"", "成功率 =",
				"id=\"delivery-chart-table\"");
		assertThat(count(dashboard, "<rect")).isEqualTo(4);
		assertThat(dashboard).contains("class=\"bar sms\"", "class=\"bar voice\"", "class=\"bar mini_program\"");
		String figures = dashboard.substring(dashboard.indexOf("id=\"delivery-panel\""),
				dashboard.indexOf("id=\"delivery-chart\""));
		assertThat(figures).contains(">5<", ">75%<");
		assertThat(page(get("/").param("lang", "en"))).contains("Deliveries, last 14 days", "Success rate");
		String regulator = mvc.perform(get("/").with(user("reg").roles(Role.REGULATOR.name())))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(regulator).doesNotContain("delivery-chart");
	}

	void ambiguous(String id, AttemptStatus status, Ambiguity ambiguity, Instant created, String... resolution) {
		List<StatusChange> timeline = new ArrayList<>(List.of(new StatusChange("SENDING", created, null),
				new StatusChange("UNKNOWN", created.plusSeconds(10), "TRANSIENT_FAILURE TIMEOUT: Read timed out")));
		for (String change : resolution) {
			timeline.add(new StatusChange(change, created.plusSeconds(600), "SM" + id));
		}
		mongo.insert(new DeliveryAttempt(id, "task-" + id, Channel.SMS, "twilio", MOBILE, "甲店", List.of("licence-1"), 7,
				"x", Map.of(), status, status == AttemptStatus.SENT ? Outcome.SENT : Outcome.TRANSIENT_FAILURE, null,
				status == AttemptStatus.SENT ? null : "TIMEOUT", null, false, ambiguity, timeline, created, created));
	}

	@Test
	void sendsWithAnUnknownOutcomeAreShownWithHowTheyWereResolved() throws Exception {
		Instant at = clock.instant().minus(Duration.ofHours(1));
		ambiguous("u1", AttemptStatus.UNKNOWN, Ambiguity.OPEN, at);
		ambiguous("u2", AttemptStatus.SENT, Ambiguity.SENT, at, "lookup-sent");
		ambiguous("u3", AttemptStatus.FAILED, Ambiguity.NOT_SENT, at, "lookup-not-sent");
		ambiguous("u4", AttemptStatus.UNKNOWN, Ambiguity.UNRESOLVED, at, "lookup-unresolved");
		ambiguous("u5", AttemptStatus.UNKNOWN, Ambiguity.UNRESOLVED, at, "lookup-unresolved");
		attempt("d1", List.of("licence-1"), Channel.SMS, AttemptStatus.SENT, at, "甲店", "x");

		String dashboard = page(get("/"));

		String figure = dashboard.substring(dashboard.indexOf("id=\"delivery-ambiguous\""));
		assertThat(figure.substring(0, figure.indexOf("</a>"))).contains("href=\"/deliveries?status=UNKNOWN\"", ">5<",
				"结果未知");
		assertThat(dashboard).contains("id=\"delivery-ambiguous-resolution\"", "经核实已发送 1 次", "经核实未发送后重发 1 次",
				"无法核实而重发并标记“可能重复” 2 次", "待下次重试时核实 1 次");
		assertThat(page(get("/").param("lang", "en"))).contains("1 confirmed sent",
				"1 confirmed not sent and sent again", "2 could not be checked", "1 to be checked at the next retry");
		assertThat(attemptLinks(page(get("/deliveries").param("status", "UNKNOWN")))).containsExactlyInAnyOrder("u1",
				"u4", "u5");

		assertThat(page(get("/deliveries/u2"))).contains("id=\"attempt-ambiguity\"", "经核实已发送", "结果未知：请求已发出但服务商未答复",
				"核实结果：服务商已发送，不再重发", "SMu2");
		assertThat(page(get("/deliveries/u4"))).contains("结果未知，无法核实", "无法核实：重新发送并标记为可能重复");
		assertThat(page(get("/deliveries/u3").param("lang", "en"))).contains("Confirmed not sent",
				"Checked: the provider had not sent or delivered it; sent again");
		assertThat(page(get("/deliveries/u1").param("lang", "en"))).contains("Outcome unknown, to be checked",
				"Outcome unknown: the request went out but the provider did not answer");
	}

	@Test
	void withoutSendsOfUnknownOutcomeTheDashboardSaysNoMore() throws Exception {
		attempt("d1", List.of("licence-1"), Channel.SMS, AttemptStatus.SENT, clock.instant(), "甲店", "x");

		String dashboard = page(get("/"));

		String figure = dashboard.substring(dashboard.indexOf("id=\"delivery-ambiguous\""));
		assertThat(figure.substring(0, figure.indexOf("</a>"))).contains(">0<");
		assertThat(dashboard).doesNotContain("delivery-ambiguous-resolution");
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request.with(user("op").roles(Role.OPERATOR.name())))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	/** The attempt ids the page links to, in order. */
	static List<String> attemptLinks(String page) {
		List<String> ids = new ArrayList<>();
		var matcher = java.util.regex.Pattern.compile("class=\"attempt-link\" href=\"/deliveries/([^\"]+)\"")
			.matcher(page);
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		return ids;
	}

	private static int count(String text, String part) {
		int n = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			n++;
		}
		return n;
	}

}
