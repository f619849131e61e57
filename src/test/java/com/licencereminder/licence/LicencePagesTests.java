package com.licencereminder.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.licencereminder.licence.importing.ImportApi;
import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The licence pages: search and badges, the detail with its cycles and the sections of
 * the reminder and delivery modules, acknowledgement from the page, and the dashboard
 * panel.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class LicencePagesTests {

	static final String HEADER = "企业名称,证照名称,证照编号,有效期至,联系电话,证照状态\n";

	static final RequestPostProcessor OPERATOR = user("op").roles("OPERATOR");

	static final RequestPostProcessor REGULATOR = user("reg").roles("REGULATOR");

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Clock clock;

	@Autowired
	LicenceDashboard dashboard;

	ImportApi imports;

	LocalDate today;

	@BeforeEach
	void clearStore() {
		TestStores.clear(mongo);
		imports = new ImportApi(mvc);
		today = LocalDate.now(clock);
	}

	@Test
	void theListShowsBadgesAndMaskedPhonesInChineseByDefaultAndInEnglishOnRequest() throws Exception {
		importRows(row("甲店", "JY1", today.plusDays(5), "有效"), row("乙店", "JY2", today.minusDays(3), "有效"),
				row("丙店", "JY3", today.plusDays(200), "吊销"));

		String chinese = page(get("/licences").with(OPERATOR));
		assertThat(chinese)
			.contains("id=\"licence-search\"", "name=\"q\"", "name=\"status\"", "name=\"expiringWithinDays\"",
					"id=\"licences\"", "class=\"licence-link\"", "即将到期", "已过期", "已吊销", "138****5678")
			.doesNotContain("13812345678");
		assertThat(page(get("/licences").param("lang", "en").with(OPERATOR)))
			.contains("Expiring soon", "Expired", "Revoked")
			.doesNotContain("即将到期");
	}

	@Test
	void theListFiltersLikeTheApi() throws Exception {
		importRows(row("甲店", "JY1", today.plusDays(5), "有效"), row("乙店", "JY2", today.plusDays(60), "有效"),
				row("丙店", "JY3", today.minusDays(1), "有效"));

		assertThat(page(get("/licences").param("expiringWithinDays", "7").with(REGULATOR))).contains("甲店")
			.doesNotContain("乙店", "丙店");
		assertThat(page(get("/licences").param("status", "EXPIRED").with(REGULATOR))).contains("丙店")
			.doesNotContain("甲店");
		assertThat(page(get("/licences").param("q", "JY2").with(REGULATOR))).contains("乙店").doesNotContain("甲店");
		assertThat(page(get("/licences").param("status", "NONSENSE").with(REGULATOR))).contains("查询条件无效");
	}

	@Test
	void aHolderNameWithMarkupIsShownEscapedOnTheListAndTheDetail() throws Exception {
		importRows(row("<script>alert(1)</script>", "JY1", today.plusDays(100), "有效"));
		String id = Licence.idFor(Licence.keyOf("食品经营许可证"), Licence.keyOf("JY1"));

		for (String html : new String[] { page(get("/licences").with(REGULATOR)),
				page(get("/licences/" + id).with(REGULATOR)) }) {
			assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
				.doesNotContain("<script>alert(1)</script>");
		}
	}

	@Test
	void theDetailShowsTheLicenceItsCycleAndTheReminderTimelineOnceImported() throws Exception {
		importRows(row("甲店", "JY1", today.plusDays(100), "有效"));
		String id = licenceId("JY1");

		String html = awaitTimeline(id, "data-status=\"PENDING\"");

		assertThat(html).contains("id=\"licence-detail\"", "id=\"licence-cycles\"", "当前为第 1 个有效期周期",
				"id=\"reminder-timeline\"", "到期前 90 天", "到期前 30 天", "短信", "已计划", "id=\"delivery-attempts\"");
		assertThat(page(get("/licences/" + id).param("lang", "en").with(OPERATOR))).contains("Reminder timeline",
				"90 days before expiry", "Planned", "Delivery attempts", "Current cycle: number 1");
	}

	@Test
	void aRenewalIsListedAmongTheCycles() throws Exception {
		importRows(row("甲店", "JY1", today.plusDays(10), "有效"));
		importRows(row("甲店", "JY1", today.plusDays(400), "有效"));

		String html = page(get("/licences/" + licenceId("JY1")).with(REGULATOR));

		assertThat(html).contains("当前为第 2 个有效期周期", "id=\"licence-renewals\"", today.plusDays(10).toString(),
				today.plusDays(400).toString(), "到期前续期");
	}

	@Test
	void anUnknownLicenceIsNotFound() throws Exception {
		assertThat(status(get("/licences/no-such-licence").with(REGULATOR))).isEqualTo(404);
	}

	@Test
	void regulatorsSeeNoAcknowledgeFormAndMayNotPostOne() throws Exception {
		importRows(row("甲店", "JY1", today.plusDays(100), "有效"));
		String id = licenceId("JY1");

		assertThat(page(get("/licences/" + id).with(REGULATOR))).doesNotContain("id=\"acknowledge\"");
		assertThat(page(get("/licences/" + id).with(OPERATOR))).contains("id=\"acknowledge\"", "name=\"reason\"",
				"id=\"acknowledge-submit\"");
		assertThat(status(post("/licences/" + id + "/acknowledge").param("reason", "x").with(csrf()).with(REGULATOR)))
			.isEqualTo(403);
	}

	@Test
	void anAcknowledgementWithoutTheCsrfTokenIsRefused() throws Exception {
		importRows(row("甲店", "JY1", today.plusDays(100), "有效"));

		assertThat(status(post("/licences/" + licenceId("JY1") + "/acknowledge").param("reason", "x").with(OPERATOR)))
			.isEqualTo(403);
	}

	@Test
	void theAcknowledgeFormCancelsTheRemainingRemindersWithTheReason() throws Exception {
		importRows(row("甲店", "JY1", today.plusDays(100), "有效"));
		String id = licenceId("JY1");
		awaitTimeline(id, "data-status=\"PENDING\"");

		MvcResult blank = mvc
			.perform(post("/licences/" + id + "/acknowledge").param("reason", " ").with(csrf()).with(OPERATOR))
			.andReturn();
		assertThat(page(get("/licences/" + id).flashAttrs(blank.getFlashMap()).with(OPERATOR))).contains("请填写确认原因")
			.contains("data-status=\"PENDING\"");

		MvcResult done = mvc.perform(
				post("/licences/" + id + "/acknowledge").param("reason", "已电话联系，企业已申请延续").with(csrf()).with(OPERATOR))
			.andReturn();
		assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/licences/" + id);

		String html = page(get("/licences/" + id).flashAttrs(done.getFlashMap()).with(OPERATOR));
		assertThat(html).contains("已确认：本周期剩余的提醒已取消", "data-status=\"CANCELLED\"", "已取消", "op: 已电话联系，企业已申请延续")
			.doesNotContain("data-status=\"PENDING\"");
	}

	@Test
	void theDashboardCountsExpiringExpiredRevokedAndRenewedInTime() throws Exception {
		importRows(row("甲店", "JY1", today.plusDays(5), "有效"), row("乙店", "JY2", today.plusDays(20), "有效"),
				row("丙店", "JY3", today.plusDays(60), "有效"), row("丁店", "JY4", today.plusDays(200), "有效"),
				row("戊店", "JY5", today.minusDays(10), "有效"), row("己店", "JY6", today.plusDays(100), "吊销"),
				row("庚店", "JY7", null, "有效"));
		assertThat(figures()).containsEntry("expiring-7", 1L)
			.containsEntry("expiring-30", 2L)
			.containsEntry("expiring-90", 3L)
			.containsEntry("expired", 1L)
			.containsEntry("revoked", 1L)
			.containsEntry("total", 7L);
		assertThat(dashboard.renewals().percent()).isNull();

		importRows(row("乙店", "JY2", today.plusDays(400), "有效"), row("戊店", "JY5", today.plusDays(300), "有效"));

		assertThat(figures()).containsEntry("expiring-7", 1L)
			.containsEntry("expiring-30", 1L)
			.containsEntry("expiring-90", 2L)
			.containsEntry("expired", 0L)
			.containsEntry("revoked", 1L)
			.containsEntry("total", 7L);
		assertThat(dashboard.renewals()).isEqualTo(new LicenceDashboard.RenewalShare(2, 1, 50L));
		assertThat(page(get("/").with(REGULATOR))).contains("id=\"licence-panel\"",
				"href=\"/licences?expiringWithinDays=7\"", "href=\"/licences?status=EXPIRED\"",
				"href=\"/licences?status=REVOKED\"", "50%", "到期前续期率");
	}

	private Map<String, Long> figures() {
		@SuppressWarnings("unchecked")
		var figures = (List<LicenceDashboard.Figure>) dashboard.model(null).get("figures");
		return figures.stream().collect(Collectors.toMap(LicenceDashboard.Figure::id, LicenceDashboard.Figure::value));
	}

	private String awaitTimeline(String id, String marker) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> page(get("/licences/" + id).with(OPERATOR)), html -> html.contains(marker));
	}

	private static String row(String holder, String number, LocalDate until, String status) {
		return holder + ",食品经营许可证," + number + "," + (until == null ? "长期" : until.toString()) + ",13812345678,"
				+ status + "\n";
	}

	private void importRows(String... rows) throws Exception {
		Map<String, Object> job = imports.importAndWait("list.csv",
				(HEADER + String.join("", rows)).getBytes(StandardCharsets.UTF_8));
		assertThat(job.get("status")).isEqualTo("COMPLETED");
		assertThat(job.get("rowsRejected")).isEqualTo(0);
	}

	private static String licenceId(String number) {
		return Licence.idFor(Licence.keyOf("食品经营许可证"), Licence.keyOf(number));
	}

	private String page(RequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private int status(RequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

}
