package com.licencereminder.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.licencereminder.shared.Role;
import com.licencereminder.shared.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The password page: a user with a one-time password is sent there after login, sees only
 * what they may use, changes the password, is signed out and signs in again with the new
 * one; refusals are shown on the page in the user's language.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PasswordPageTests {

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
	void aUserWithAOneTimePasswordChangesItSignsOutAndSignsInWithTheNewOne() throws Exception {
		MvcResult created = mvc
			.perform(post("/users").with(user("admin").roles(Role.ADMIN.name()))
				.with(csrf())
				.param("username", "qian")
				.param("roles", "OPERATOR"))
			.andReturn();
		String oneTime = (String) created.getFlashMap().get("oneTimePassword");

		MvcResult login = mvc.perform(formLogin().user("qian").password(oneTime)).andReturn();
		assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/account/password");
		MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);
		MvcResult home = mvc.perform(get("/").session(session)).andReturn();
		assertThat(home.getResponse().getRedirectedUrl()).endsWith("/account/password");

		String page = page(get("/account/password").session(session));
		assertThat(page)
			.contains("id=\"password-form\"", "id=\"password-forced\"", "临时密码", "至少 10 个字符", "id=\"logout\"")
			.doesNotContain("href=\"/licences\"", "href=\"/follow-ups\"", "href=\"/swagger-ui.html\"", "class=\"nav\"");

		MvcResult changed = mvc
			.perform(post("/account/password").session(session)
				.with(csrf())
				.param("currentPassword", oneTime)
				.param("newPassword", "qian-new-password")
				.param("repeatPassword", "qian-new-password"))
			.andReturn();
		assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/login?changed");
		assertThat(session.isInvalid()).isTrue();
		assertThat(users.find("qian").orElseThrow().mustChangePassword()).isFalse();
		assertThat(mongo.getCollection("audit_events")
			.countDocuments(new Document("action", "USER_PASSWORD_CHANGED").append("actor", "qian")
				.append("target", "user:qian")))
			.isEqualTo(1);
		assertThat(page(get("/login").param("changed", ""))).contains("密码已修改，请用新密码登录。");

		assertThat(mvc.perform(formLogin().user("qian").password(oneTime)).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/login?error");
		MvcResult again = mvc.perform(formLogin().user("qian").password("qian-new-password")).andReturn();
		assertThat(again.getResponse().getRedirectedUrl()).isEqualTo("/");
		MockHttpSession fresh = (MockHttpSession) again.getRequest().getSession(false);
		assertThat(page(get("/").session(fresh))).contains("href=\"/licences\"", "href=\"/deliveries\"");
	}

	@Test
	void aUserWhoNeedNotChangeSeesTheNavigationAndNoForcedNotice() throws Exception {
		users.create("sun", Set.of(Role.OPERATOR), "sun-password-1", false, "admin");
		String page = page(get("/account/password").with(user("sun").roles(Role.OPERATOR.name())).param("lang", "en"));
		assertThat(page)
			.contains("Change password", "id=\"password-form\"", "at least 10 characters", "href=\"/licences\"")
			.doesNotContain("id=\"password-forced\"");
	}

	@Test
	void refusalsAreShownOnThePageInTheUsersLanguage() throws Exception {
		users.create("li", Set.of(Role.OPERATOR), "li-password-1", false, "admin");

		assertThat(refusal("wrong-password", "li-password-2", "li-password-2", "zh_CN")).contains("当前密码不正确。");
		assertThat(refusal("wrong-password", "li-password-2", "li-password-2", "en"))
			.contains("The current password is wrong.");
		assertThat(refusal("li-password-1", "short", "short", "zh_CN")).contains("密码至少需要 10 个字符。");
		assertThat(refusal("li-password-1", "short", "short", "en"))
			.contains("A password needs at least 10 characters.");
		assertThat(refusal("li-password-1", "li-password-2", "li-password-3", "zh_CN")).contains("两次输入的新密码不一致");
		assertThat(refusal("li-password-1", "li-password-2", "li-password-3", "en"))
			.contains("The two new passwords differ.");
		assertThat(refusal("li-password-1", "li-password-1", "li-password-1", "en"))
			.contains("The new password must differ from the current one.");
		assertThat(users.passwordMatches(users.find("li").orElseThrow(), "li-password-1")).isTrue();
	}

	@Test
	void theChangeNeedsTheCsrfToken() throws Exception {
		users.create("zhou", Set.of(Role.OPERATOR), "zhou-password-1", false, "admin");
		MvcResult refused = mvc
			.perform(post("/account/password").with(user("zhou").roles(Role.OPERATOR.name()))
				.param("currentPassword", "zhou-password-1")
				.param("newPassword", "zhou-password-2")
				.param("repeatPassword", "zhou-password-2"))
			.andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(403);
		assertThat(users.passwordMatches(users.find("zhou").orElseThrow(), "zhou-password-1")).isTrue();
	}

	@Test
	void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
		assertThat(
				mvc.perform(get("/account/password").accept("text/html")).andReturn().getResponse().getRedirectedUrl())
			.endsWith("/login");
	}

	private String refusal(String current, String next, String repeat, String lang) throws Exception {
		MvcResult refused = mvc
			.perform(post("/account/password").with(user("li").roles(Role.OPERATOR.name()))
				.with(csrf())
				.param("currentPassword", current)
				.param("newPassword", next)
				.param("repeatPassword", repeat))
			.andReturn();
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/account/password");
		return page(get("/account/password").with(user("li").roles(Role.OPERATOR.name()))
			.param("lang", lang)
			.flashAttrs(refused.getFlashMap()));
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}
