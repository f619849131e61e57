package com.licencereminder.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import com.licencereminder.shared.Role;
import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The administrators' user page: the accounts table, creating an account with a one-time
 * password shown once, disabling, enabling and resetting (audited like the API's
 * changes), refusals in the user's language, and who may use it.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class UserPagesTests {

	static final RequestPostProcessor ADMIN = user("admin").roles(Role.ADMIN.name());

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Users users;

	@BeforeEach
	void onlyTheAdministrator() {
		TestStores.clear(mongo);
		mongo.remove(Query.query(Criteria.where("_id").ne("admin")), UserAccount.class);
	}

	@Test
	void thePageListsTheAccountsInChineseAndInEnglish() throws Exception {
		users.create("chen", Set.of(Role.OPERATOR, Role.REGULATOR), "chen-password-1", true, "admin");

		String chinese = page(get("/users").with(ADMIN));
		assertThat(chinese).contains("id=\"users\"", "id=\"new-user\"", "data-username=\"chen\"",
				"data-username=\"admin\"", "监管人员", "运营人员", "须修改密码", "上次登录", "name=\"roles\" value=\"ADMIN\"",
				"data-confirm=\"确定停用用户“chen”");
		String english = page(get("/users").with(ADMIN).param("lang", "en"));
		assertThat(english).contains("Regulator", "Operator", "Must change password", "Last sign-in", "Reset password")
			.doesNotContain("监管人员");
	}

	@Test
	void aGeneratedPasswordIsShownOnceThenTheUserLogsInAndMustChangeIt() throws Exception {
		MvcResult created = mvc
			.perform(post("/users").with(ADMIN)
				.with(csrf())
				.param("username", "Zhang")
				.param("roles", "OPERATOR")
				.param("password", ""))
			.andReturn();
		assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/users");
		String password = (String) created.getFlashMap().get("oneTimePassword");
		assertThat(password).hasSize(24);

		String shown = page(get("/users").with(ADMIN).flashAttrs(created.getFlashMap()));
		assertThat(shown).contains("id=\"one-time-password\"", password, "一次性密码", "安全的渠道", "首次登录时必须修改");
		assertThat(page(get("/users").with(ADMIN))).doesNotContain(password).doesNotContain("id=\"one-time-password\"");

		UserAccount zhang = users.find("zhang").orElseThrow();
		assertThat(zhang.mustChangePassword()).isTrue();
		assertThat(zhang.createdBy()).isEqualTo("admin");
		assertThat(
				mvc.perform(formLogin().user("zhang").password(password)).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/account/password");
		assertThat(mongo.getCollection("audit_events")
			.countDocuments(new org.bson.Document("action", "USER_CREATED").append("target", "user:zhang")
				.append("actor", "admin")))
			.isEqualTo(1);
	}

	@Test
	void aChosenPasswordIsNotShownAndMustBeChangedToo() throws Exception {
		MvcResult created = mvc
			.perform(post("/users").with(ADMIN)
				.with(csrf())
				.param("username", "wang")
				.param("roles", "REGULATOR")
				.param("password", "chosen-password-1"))
			.andReturn();
		assertThat(created.getFlashMap().get("oneTimePassword")).isNull();
		assertThat(page(get("/users").with(ADMIN).flashAttrs(created.getFlashMap()))).contains("已创建用户“wang”");
		assertThat(users.passwordMatches(users.find("wang").orElseThrow(), "chosen-password-1")).isTrue();
		assertThat(users.find("wang").orElseThrow().mustChangePassword()).isTrue();
	}

	@Test
	void refusedNewUsersSayWhyInTheUsersLanguageAndKeepTheForm() throws Exception {
		users.create("taken", Set.of(Role.OPERATOR), "taken-password-1", false, "admin");

		assertThat(refusal("taken", List.of("OPERATOR"), "", "zh_CN")).contains("该用户名已存在。", "value=\"taken\"");
		assertThat(refusal("a b", List.of("OPERATOR"), "", "zh_CN")).contains("用户名须为 2 到 64 个字符");
		assertThat(refusal("liu", List.of("OPERATOR"), "short", "zh_CN")).contains("密码至少需要 10 个字符。");
		assertThat(refusal("liu", List.of(), "", "zh_CN")).contains("请至少指定一个角色");
		String english = refusal("liu", List.of("OPERATOR"), "short", "en");
		assertThat(english).contains("A password needs at least 10 characters.", "value=\"liu\"",
				"value=\"OPERATOR\" checked=\"checked\"");
		assertThat(refusal("liu", List.of("ADMIN"), "liu", "en")).contains("A password needs at least 10 characters.");
		assertThat(refusal("liu", List.of("ADMIN"), "LIU-PASSWORD", "en")).doesNotContain("new-user-error");
		assertThat(users.find("liu")).isPresent();
	}

	@Test
	void disableEnableAndResetWorkAndAreAudited() throws Exception {
		users.create("zhao", Set.of(Role.OPERATOR), "zhao-password-1", false, "admin");

		MvcResult disabled = mvc.perform(post("/users/zhao/disable").with(ADMIN).with(csrf())).andReturn();
		assertThat(disabled.getResponse().getRedirectedUrl()).isEqualTo("/users");
		assertThat(users.find("zhao").orElseThrow().enabled()).isFalse();
		assertThat(page(get("/users").with(ADMIN).flashAttrs(disabled.getFlashMap()))).contains("已停用用户“zhao”。", "已停用");

		mvc.perform(post("/users/zhao/enable").with(ADMIN).with(csrf()));
		assertThat(users.find("zhao").orElseThrow().enabled()).isTrue();

		MvcResult reset = mvc.perform(post("/users/zhao/reset-password").with(ADMIN).with(csrf())).andReturn();
		String password = (String) reset.getFlashMap().get("oneTimePassword");
		assertThat(users.passwordMatches(users.find("zhao").orElseThrow(), password)).isTrue();
		assertThat(users.find("zhao").orElseThrow().mustChangePassword()).isTrue();
		assertThat(page(get("/users").with(ADMIN).flashAttrs(reset.getFlashMap()))).contains(password,
				"已重置用户“zhao”的密码");
		assertThat(page(get("/users").with(ADMIN))).doesNotContain(password);

		String audit = page(get("/audit").with(ADMIN));
		assertThat(audit).contains("停用用户", "启用用户", "重置密码", "user:zhao");
		String english = page(get("/audit").with(ADMIN).param("lang", "en"));
		assertThat(english).contains("User disabled", "User enabled", "Password reset", "user:zhao");
	}

	@Test
	void anAdministratorCannotDisableThemselves() throws Exception {
		assertThat(page(get("/users").with(ADMIN))).contains("不能停用自己的账号。")
			.doesNotContain("action=\"/users/admin/disable\"");

		MvcResult refused = mvc.perform(post("/users/admin/disable").with(ADMIN).with(csrf())).andReturn();
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/users");
		assertThat(users.find("admin").orElseThrow().enabled()).isTrue();
		assertThat(page(get("/users").with(ADMIN).flashAttrs(refused.getFlashMap()))).contains("id=\"user-error\"");
		assertThat(page(get("/users").with(ADMIN).param("lang", "en").flashAttrs(refused.getFlashMap())))
			.contains("You cannot disable your own account.");
	}

	@Test
	void anUnknownUserIsReportedOnThePage() throws Exception {
		MvcResult refused = mvc.perform(post("/users/nobody/reset-password").with(ADMIN).with(csrf())).andReturn();
		assertThat(page(get("/users").with(ADMIN).flashAttrs(refused.getFlashMap()))).contains("没有这个用户。");
	}

	@Test
	void regulatorsAndOperatorsAreRefused() throws Exception {
		for (Role role : List.of(Role.REGULATOR, Role.OPERATOR)) {
			RequestPostProcessor someone = user("someone").roles(role.name());
			assertThat(status(get("/users").with(someone))).isEqualTo(403);
			assertThat(
					status(post("/users").with(someone).with(csrf()).param("username", "x1").param("roles", "ADMIN")))
				.isEqualTo(403);
			for (String action : List.of("disable", "enable", "reset-password")) {
				assertThat(status(post("/users/admin/" + action).with(someone).with(csrf()))).isEqualTo(403);
			}
		}
		assertThat(users.find("x1")).isEmpty();
	}

	@Test
	void everyPostNeedsTheCsrfToken() throws Exception {
		users.create("zhou", Set.of(Role.OPERATOR), "zhou-password-1", false, "admin");
		assertThat(status(post("/users").with(ADMIN).param("username", "x2").param("roles", "ADMIN"))).isEqualTo(403);
		for (String action : List.of("disable", "enable", "reset-password")) {
			assertThat(status(post("/users/zhou/" + action).with(ADMIN))).isEqualTo(403);
		}
		assertThat(users.find("x2")).isEmpty();
		assertThat(users.find("zhou").orElseThrow().enabled()).isTrue();
	}

	@Test
	void userNamesAreShownEscaped() throws Exception {
		users.create("<script>alert(1)</script>", Set.of(Role.OPERATOR), "script-password-1", false, "admin");
		String page = page(get("/users").with(ADMIN));
		assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");

		MvcResult refused = mvc
			.perform(post("/users").with(ADMIN)
				.with(csrf())
				.param("username", "<script>alert(2)</script>")
				.param("roles", "OPERATOR"))
			.andReturn();
		assertThat(page(get("/users").with(ADMIN).flashAttrs(refused.getFlashMap())))
			.contains("&lt;script&gt;alert(2)&lt;/script&gt;")
			.doesNotContain("<script>alert(2)");
	}

	private String refusal(String username, List<String> roles, String password, String lang) throws Exception {
		MockHttpServletRequestBuilder request = post("/users").with(ADMIN)
			.with(csrf())
			.param("username", username)
			.param("password", password);
		roles.forEach(role -> request.param("roles", role));
		MvcResult refused = mvc.perform(request).andReturn();
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/users");
		return page(get("/users").with(ADMIN).param("lang", lang).flashAttrs(refused.getFlashMap()));
	}

	private int status(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}
