package com.licencereminder.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.licencereminder.audit.AuditEntry.Action;
import com.licencereminder.shared.Role;
import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The audit log page: newest first, times in the service's zone, actions in words in the
 * user's language, filters by who, action and dates, paging, escaping, and administrators
 * only.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AuditPagesTests {

	static final RequestPostProcessor ADMIN = user("admin").roles(Role.ADMIN.name());

	static final Pattern ROW = Pattern.compile("<tr data-action=");

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void emptyLog() {
		TestStores.clear(mongo);
	}

	@Test
	void entriesAreShownNewestFirstInTheServicesZoneAndInWords() throws Exception {
		entry("2026-03-01T16:30:00Z", "admin", Action.USER_CREATED, "user:chen", Map.of("roles", "OPERATOR"));
		entry("2026-03-02T02:00:00Z", "chen", Action.LOGIN_FAILED, "user:chen", Map.of("reason", "bad-credentials"));

		String chinese = page(get("/audit").with(ADMIN));
		assertThat(chinese).contains("id=\"audit\"", "2026-03-02 00:30:00", "2026-03-02 10:00:00", "创建用户", "登录失败", "角色",
				"OPERATOR", "用户名或密码错误", "user:chen", "第 1 / 1 页，共 2 条");
		assertThat(chinese.indexOf("2026-03-02 10:00:00")).isLessThan(chinese.indexOf("2026-03-02 00:30:00"));
		String english = page(get("/audit").with(ADMIN).param("lang", "en"));
		assertThat(english)
			.contains("User created", "Sign-in failed", "Roles", "wrong user name or password", "Page 1 of 1, 2 in all")
			.doesNotContain("创建用户");
	}

	@Test
	void filtersNarrowTheEntries() throws Exception {
		entry("2026-03-01T16:30:00Z", "admin", Action.USER_CREATED, "user:chen", Map.of());
		entry("2026-03-02T02:00:00Z", "chen", Action.LOGIN, "user:chen", Map.of());
		entry("2026-03-03T02:00:00Z", "admin", Action.USER_DISABLED, "user:chen", Map.of());

		assertThat(rows(page(get("/audit").with(ADMIN).param("actor", "admin")))).isEqualTo(2);
		String disabled = page(get("/audit").with(ADMIN).param("action", "USER_DISABLED"));
		assertThat(rows(disabled)).isEqualTo(1);
		assertThat(disabled).contains("<option value=\"USER_DISABLED\" selected=\"selected\">停用用户</option>");
		// 2026-03-01T16:30Z is 2 March in Shanghai
		assertThat(rows(page(get("/audit").with(ADMIN).param("from", "2026-03-02").param("to", "2026-03-02"))))
			.isEqualTo(2);
		assertThat(rows(page(get("/audit").with(ADMIN).param("to", "2026-03-01")))).isZero();
		assertThat(page(get("/audit").with(ADMIN).param("to", "2026-03-01"))).contains("没有符合条件的记录。");
		String bad = page(get("/audit").with(ADMIN).param("from", "yesterday").param("lang", "en"));
		assertThat(bad).contains("Unreadable date");
		assertThat(rows(bad)).isEqualTo(3);
	}

	@Test
	void fiftyEntriesAPageWithLinksThatKeepTheFilters() throws Exception {
		Instant start = Instant.parse("2026-03-01T00:00:00Z");
		for (int i = 0; i < 60; i++) {
			mongo.insert(new AuditEntry(null, start.plusSeconds(i), "admin", Action.LOGIN, "user:admin", Map.of()));
		}
		String first = page(get("/audit?actor=admin").with(ADMIN));
		assertThat(rows(first)).isEqualTo(50);
		assertThat(first).contains("href=\"/audit?actor=admin&amp;page=1\"", "第 1 / 2 页，共 60 条")
			.doesNotContain("rel=\"prev\"");
		String second = page(get("/audit").with(ADMIN).param("actor", "admin").param("page", "1"));
		assertThat(rows(second)).isEqualTo(10);
		assertThat(second).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
	}

	@Test
	void actorsAndDetailsAreShownEscaped() throws Exception {
		mvc.perform(formLogin().user("<script>alert(1)</script>").password("whatever-1"));
		entry("2026-03-01T00:00:00Z", "admin", Action.FOLLOW_UP_RECORDED, "follow-up:1",
				Map.of("note", "<script>alert(2)</script>"));

		String page = page(get("/audit").with(ADMIN));
		assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(2)&lt;/script&gt;")
			.doesNotContain("<script>alert(");
	}

	@Test
	void onlyAdministratorsMayReadIt() throws Exception {
		for (Role role : List.of(Role.REGULATOR, Role.OPERATOR)) {
			assertThat(mvc.perform(get("/audit").with(user("someone").roles(role.name())))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(403);
		}
	}

	private void entry(String at, String actor, Action action, String target, Map<String, String> details) {
		mongo.insert(new AuditEntry(null, Instant.parse(at), actor, action, target, details));
	}

	private static long rows(String page) {
		return ROW.matcher(page).results().count();
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}
