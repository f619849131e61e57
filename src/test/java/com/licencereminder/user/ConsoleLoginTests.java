package com.licencereminder.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.licencereminder.shared.Role;
import jakarta.servlet.http.Cookie;
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

/**
 * Console logins: repeated wrong passwords lock the account through {@link LoginThrottle}
 * and the login page says so, a disabled account is told it is disabled, and an expired
 * session on a console page leads to {@code /login?expired} (but signing out does not).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ConsoleLoginTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Users users;

	@Autowired
	LoginProperties login;

	@BeforeEach
	void oneUser() {
		mongo.remove(Query.query(Criteria.where("_id").ne("admin")), UserAccount.class);
		users.create("feng", Set.of(Role.OPERATOR), "feng-password-1", false, "admin");
	}

	@Test
	void repeatedWrongPasswordsLockTheAccountAndTheLoginPageSaysSo() throws Exception {
		for (int i = 0; i < login.maxFailures(); i++) {
			MvcResult failed = mvc.perform(formLogin().user("feng").password("wrong-" + i)).andReturn();
			assertThat(failed.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
			if (i < login.maxFailures() - 1) {
				assertThat(loginPage(failed, "zh_CN")).contains("用户名或密码错误");
			}
		}
		assertThat(users.find("feng").orElseThrow().lockedUntil()).isNotNull();

		MvcResult refused = mvc.perform(formLogin().user("feng").password("feng-password-1")).andReturn();
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
		assertThat(loginPage(refused, "zh_CN")).contains("连续登录失败次数过多，账号已暂时锁定。");
		assertThat(loginPage(refused, "en")).contains("Too many failed sign-ins: the account is locked for a while.");
		assertThat(mongo.getCollection("audit_events")
			.countDocuments(new org.bson.Document("action", "USER_LOCKED").append("target", "user:feng"))).isPositive();
	}

	@Test
	void aDisabledAccountIsToldSo() throws Exception {
		users.setEnabled("feng", false);
		MvcResult refused = mvc.perform(formLogin().user("feng").password("feng-password-1")).andReturn();
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
		assertThat(loginPage(refused, "zh_CN")).contains("该账号已停用。请联系管理员。");
		assertThat(loginPage(refused, "en")).contains("This account is disabled.");
	}

	@Test
	void anExpiredSessionOnAConsolePageLeadsToTheLoginPageSayingSo() throws Exception {
		MvcResult expired = mvc.perform(get("/users").with(request -> {
			request.setRequestedSessionId("expired-session");
			request.setRequestedSessionIdValid(false);
			return request;
		})).andReturn();
		assertThat(expired.getResponse().getRedirectedUrl()).isEqualTo("/login?expired");
		String page = mvc.perform(get("/login").param("expired", ""))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("会话已过期，请重新登录。");
	}

	@Test
	void aFormPostedWithAnExpiredSessionLeadsToTheLoginPageInsteadOfActing() throws Exception {
		MvcResult expired = mvc
			.perform(post("/users").param("username", "late").param("roles", "OPERATOR").with(request -> {
				request.setRequestedSessionId("expired-session");
				request.setRequestedSessionIdValid(false);
				return request;
			}))
			.andReturn();
		assertThat(expired.getResponse().getRedirectedUrl()).isEqualTo("/login?expired");
		assertThat(users.find("late")).isEmpty();
	}

	@Test
	void signingOutDeletesTheSessionCookieSoTheLoginPageIsNotTakenForAnExpiredSession() throws Exception {
		MvcResult signedIn = mvc.perform(formLogin().user("feng").password("feng-password-1")).andReturn();
		MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);
		MvcResult out = mvc.perform(post("/logout").session(session).with(csrf()).accept("text/html")).andReturn();
		assertThat(out.getResponse().getStatus()).isEqualTo(302);
		assertThat(out.getResponse().getRedirectedUrl()).isEqualTo("/login?logout");
		Cookie cookie = out.getResponse().getCookie("JSESSIONID");
		assertThat(cookie).isNotNull();
		assertThat(cookie.getMaxAge()).isZero();
	}

	private String loginPage(MvcResult failed, String lang) throws Exception {
		MockHttpSession session = (MockHttpSession) failed.getRequest().getSession(false);
		return mvc.perform(get("/login").param("error", "").param("lang", lang).session(session))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

}
