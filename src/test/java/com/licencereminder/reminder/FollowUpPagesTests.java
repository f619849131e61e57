package com.licencereminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.importing.ImportApi;
import com.licencereminder.reminder.followup.FollowUp;
import com.licencereminder.shared.Role;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The follow-up page: the work queue, who to contact and why, failed reminders, the
 * outcome form with Post/Redirect/Get, roles, CSRF, escaping, language and the dashboard
 * panel. One item comes from a real import of a licence without any contact; one (every
 * channel failed) is inserted with its failed reminder tasks, as the engine would leave
 * them. The dispatcher is off: within the send windows (08:00–21:00 in Shanghai) it would
 * fail the imported licence's due reminders and open a third item for it while a test
 * reads the page.
 */
@SpringBootTest(properties = "licence-reminder.dispatch.enabled=false")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class FollowUpPagesTests {

	static final String SCRIPT = "<script>alert(1)</script>";

	static final String MOBILE = "+8613812345678";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Clock clock;

	String unreachableId;

	String failedId;

	@BeforeEach
	void seed() throws Exception {
		TestStores.clear(mongo);
		LocalDate until = LocalDate.now(clock).plusDays(60);
		assertThat(new ImportApi(mvc).importAndWait("list.csv",
				("企业名称,证照名称,证照编号,有效期至,联系电话\n" + SCRIPT + ",食品经营许可证,FU1," + until + ",\n")
					.getBytes(StandardCharsets.UTF_8)))
			.containsEntry("status", "COMPLETED");
		String licenceId = Licence.idFor("食品经营许可证", "FU1");
		unreachableId = FollowUp.idOf(licenceId, 1, FollowUp.Reason.UNREACHABLE);
		await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(unreachableId, FollowUp.class) != null);

		Instant earlier = clock.instant().minus(Duration.ofDays(2));
		failedId = FollowUp.idOf("licence-failed", 1, FollowUp.Reason.NO_WORKING_CHANNEL);
		mongo.insert(new FollowUp(failedId, "licence-failed", 1, FollowUp.Reason.NO_WORKING_CHANNEL, "乙店", "王五",
				List.of(MOBILE), "卫生许可证", "WS9", LocalDate.now(clock).plusDays(7), FollowUp.Status.OPEN, List.of(),
				earlier));
		mongo.insert(new ReminderTask(ReminderTask.idOf("licence-failed", 1, 7, ReminderChannel.SMS), "licence-failed",
				1, 7, ReminderChannel.SMS, TaskStatus.FAILED, earlier, earlier, null, 1, null, null,
				"reminder.fail.permanent", List.of("21211", "Invalid number"), "21211", List.of("attempt-sms"), false,
				earlier, earlier, earlier, List.of(), null));
	}

	@Test
	void theQueueShowsOpenItemsOldestFirstWithWhoWhyTheLicenceAndTheFailedReminders() throws Exception {
		String page = page(get("/follow-ups"), Role.OPERATOR);

		assertThat(page).contains("id=\"follow-ups\"", "乙店", "王五", "卫生许可证 WS9", "href=\"/licences/licence-failed\"",
				"所有渠道的提醒都发送失败", "没有手机号码和小程序 openid", "21211", "发送失败（21211：Invalid number）",
				"href=\"/deliveries/attempt-sms\"", "没有电话号码");
		assertThat(page.indexOf("乙店")).isLessThan(page.indexOf("&lt;script&gt;"));
		assertThat(count(page, "class=\"outcome-form form\"")).isEqualTo(2);
		assertThat(page).doesNotContain("NO_WORKING_CHANNEL<", ">UNREACHABLE<");
	}

	@Test
	void phonesAreFullForTheOperatorsWhoCallThemAndMaskedForRegulators() throws Exception {
		assertThat(page(get("/follow-ups"), Role.OPERATOR)).contains("href=\"tel:" + MOBILE + "\"");
		assertThat(page(get("/follow-ups"), Role.REGULATOR)).contains("138****5678")
			.doesNotContain("13812345678", "tel:");
		assertThat(page(get("/follow-ups"), Role.ADMIN)).contains(MOBILE);
	}

	@Test
	void anOutcomeIsRecordedByTheLoggedInUserAndTheItemLeavesTheOpenQueue() throws Exception {
		MockHttpServletResponse posted = mvc
			.perform(post("/follow-ups/" + failedId + "/outcome").with(csrf())
				.with(user("clerk").roles(Role.OPERATOR.name()))
				.param("outcome", "CALLED")
				.param("note", "老板说下周去办"))
			.andReturn()
			.getResponse();

		assertThat(posted.getStatus()).isEqualTo(302);
		assertThat(posted.getRedirectedUrl()).isEqualTo("/follow-ups");
		FollowUp item = mongo.findById(failedId, FollowUp.class);
		assertThat(item.status()).isEqualTo(FollowUp.Status.DONE);
		assertThat(item.outcomes()).singleElement().satisfies(outcome -> {
			assertThat(outcome.result()).isEqualTo(FollowUp.Result.CALLED);
			assertThat(outcome.by()).isEqualTo("clerk");
			assertThat(outcome.note()).isEqualTo("老板说下周去办");
		});
		String flashed = mvc
			.perform(get("/follow-ups").with(user("clerk").roles(Role.OPERATOR.name()))
				.flashAttrs(java.util.Map.of("recorded", "乙店", "recordedResult", "CALLED")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(flashed).contains("已记录“乙店”的跟进结果：已致电。");
		String open = page(get("/follow-ups"), Role.OPERATOR);
		assertThat(open).doesNotContain("乙店").contains("&lt;script&gt;");
		String done = page(get("/follow-ups").param("status", "DONE"), Role.OPERATOR);
		assertThat(done).contains("乙店", "已致电", "clerk", "老板说下周去办").doesNotContain("class=\"outcome-form");
		String all = page(get("/follow-ups").param("status", "ALL"), Role.OPERATOR);
		assertThat(all.indexOf("&lt;script&gt;")).isLessThan(all.indexOf("乙店"));
	}

	@Test
	void anOutcomeWithoutAChoiceIsRefusedWithAHint() throws Exception {
		MockHttpServletResponse posted = mvc
			.perform(post("/follow-ups/" + failedId + "/outcome").with(csrf())
				.with(user("clerk").roles(Role.OPERATOR.name()))
				.param("outcome", "ACKNOWLEDGED"))
			.andReturn()
			.getResponse();

		assertThat(posted.getRedirectedUrl()).isEqualTo("/follow-ups");
		assertThat(posted.getHeader("Location")).isEqualTo("/follow-ups");
		assertThat(mongo.findById(failedId, FollowUp.class).status()).isEqualTo(FollowUp.Status.OPEN);
		String page = mvc
			.perform(get("/follow-ups").with(user("clerk").roles(Role.OPERATOR.name()))
				.flashAttr("error", "reminder.follow-up.outcome-missing"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("请先选择跟进结果");
	}

	@Test
	void regulatorsSeeTheListWithoutFormsAndMayNotPostAnOutcome() throws Exception {
		String page = page(get("/follow-ups"), Role.REGULATOR);
		assertThat(page).contains("乙店").doesNotContain("outcome-form", "href=\"/deliveries/");

		MockHttpServletResponse refused = mvc
			.perform(post("/follow-ups/" + failedId + "/outcome").with(csrf())
				.with(user("reg").roles(Role.REGULATOR.name()))
				.param("outcome", "CALLED"))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(mongo.findById(failedId, FollowUp.class).status()).isEqualTo(FollowUp.Status.OPEN);
	}

	@Test
	void anOutcomeWithoutTheCsrfTokenIsRefused() throws Exception {
		MockHttpServletResponse refused = mvc
			.perform(post("/follow-ups/" + failedId + "/outcome").with(user("clerk").roles(Role.OPERATOR.name()))
				.param("outcome", "CALLED"))
			.andReturn()
			.getResponse();

		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(mongo.findById(failedId, FollowUp.class).status()).isEqualTo(FollowUp.Status.OPEN);
	}

	@Test
	void aHolderNameIsShownAsTextNeverAsMarkup() throws Exception {
		assertThat(page(get("/follow-ups"), Role.OPERATOR)).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain(SCRIPT);
	}

	@Test
	void theListIsInChineseByDefaultAndInEnglishOnRequest() throws Exception {
		assertThat(page(get("/follow-ups"), Role.OPERATOR)).contains("<html lang=\"zh-CN\"", "人工跟进", "已致电", "无法联系");
		assertThat(page(get("/follow-ups").param("lang", "en"), Role.OPERATOR))
			.contains("<html lang=\"en\"", "Follow-ups", "Every channel failed", "Record outcome")
			.doesNotContain("人工跟进");
	}

	@Test
	void theDashboardPanelCountsOpenItemsAndUnreachableLicencesForEveryRole() throws Exception {
		for (Role role : Role.values()) {
			String dashboard = page(get("/"), role);
			String panel = dashboard.substring(dashboard.indexOf("id=\"follow-up-panel\""));
			assertThat(panel).as(role.name()).contains("href=\"/follow-ups\"", "待跟进事项", "无法自动提醒的证照");
			assertThat(panel.substring(panel.indexOf("id=\"follow-ups-open\""))).contains(">2<");
			assertThat(panel.substring(panel.indexOf("id=\"licences-unreachable\""))).contains(">2<");
		}
	}

	@Test
	void aLicenceWithTwoReasonsCountsOnceAmongTheUnreachable() throws Exception {
		FollowUp unreachable = mongo.findById(unreachableId, FollowUp.class);
		mongo.insert(new FollowUp(FollowUp.idOf(unreachable.licenceId(), 1, FollowUp.Reason.NO_WORKING_CHANNEL),
				unreachable.licenceId(), 1, FollowUp.Reason.NO_WORKING_CHANNEL, unreachable.holderName(), null,
				List.of(), unreachable.licenceType(), unreachable.licenceNumber(), unreachable.validUntil(),
				FollowUp.Status.OPEN, List.of(), clock.instant()));

		String panel = page(get("/"), Role.OPERATOR);

		assertThat(panel.substring(panel.indexOf("id=\"follow-ups-open\""))).contains(">3<");
		assertThat(panel.substring(panel.indexOf("id=\"licences-unreachable\""))).contains(">2<");
	}

	private String page(MockHttpServletRequestBuilder request, Role role) throws Exception {
		MockHttpServletResponse response = mvc.perform(request.with(user("u-" + role).roles(role.name())))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private static int count(String text, String part) {
		int n = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			n++;
		}
		return n;
	}

}
