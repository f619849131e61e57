package com.licencereminder.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;

import com.licencereminder.shared.Role;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The console's shell: login page, language switch, error pages, forced password change,
 * API docs behind login.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ConsoleShellTests {

	@Autowired
	MockMvc mvc;

	@Test
	void theLoginPageSpeaksChineseWhateverTheBrowsersLanguage() throws Exception {
		MockHttpServletResponse page = call(get("/login").header("Accept-Language", "en-US,en;q=0.9"));
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("<html lang=\"zh-CN\"", "用户名", "密码")
			.contains("name=\"_csrf\"");
	}

	@Test
	void theLanguageSwitchIsKeptInACookieForAYear() throws Exception {
		MockHttpServletResponse switched = call(get("/login").param("lang", "en"));
		assertThat(switched.getContentAsString(StandardCharsets.UTF_8)).contains("<html lang=\"en\"", "User name");
		Cookie lang = switched.getCookie("lang");
		assertThat(lang).isNotNull();
		assertThat(lang.getMaxAge()).isEqualTo(365 * 24 * 3600);
		MockHttpServletResponse later = call(get("/login").cookie(lang));
		assertThat(later.getContentAsString(StandardCharsets.UTF_8)).contains("Sign in").doesNotContain("用户名");
		MockHttpServletResponse back = call(get("/login").cookie(lang).param("lang", "zh_CN"));
		assertThat(back.getContentAsString(StandardCharsets.UTF_8)).contains("用户名");
	}

	@Test
	void anUnsupportedLanguageFallsBackToChinese() throws Exception {
		assertThat(call(get("/login").param("lang", "fr")).getContentAsString(StandardCharsets.UTF_8)).contains("用户名");
	}

	@Test
	void theApiStillFollowsAcceptLanguage() throws Exception {
		MockHttpServletResponse english = call(
				get("/api/users").header("Accept-Language", "en").with(user("r").roles(Role.REGULATOR.name())));
		assertThat(english.getContentAsString(StandardCharsets.UTF_8)).contains("Forbidden");
	}

	@Test
	void pagesSendAnonymousBrowsersToTheLoginPage() throws Exception {
		MockHttpServletResponse home = call(get("/").accept("text/html"));
		assertThat(home.getStatus()).isEqualTo(302);
		assertThat(home.getRedirectedUrl()).endsWith("/login");
	}

	@Test
	void aFailedLoginSaysWhyOnTheLoginPage() throws Exception {
		MockHttpServletResponse failed = call(
				post("/login").with(csrf()).param("username", "admin").param("password", "wrong"));
		assertThat(failed.getRedirectedUrl()).endsWith("/login?error");
	}

	@Test
	void aLoginWithoutTheCsrfTokenIsRefused() throws Exception {
		MockHttpServletResponse refused = call(
				post("/login").param("username", "admin").param("password", "test-secret"));
		assertThat(refused.getStatus()).isEqualTo(403);
	}

	@Test
	void theDashboardShowsTheNavigationTheRoleMayUse() throws Exception {
		String regulator = call(get("/").with(user("reg").roles(Role.REGULATOR.name())))
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(regulator).contains("href=\"/imports\"", "href=\"/licences\"")
			.doesNotContain("href=\"/users\"", "href=\"/deliveries\"");
		String admin = call(get("/").with(user("adm").roles(Role.ADMIN.name())))
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(admin).contains("href=\"/users\"", "href=\"/deliveries\"", "href=\"/audit\"");
	}

	@Test
	void anUnknownPageIsAFriendlyNotFoundWithoutAStackTrace() throws Exception {
		MockHttpServletResponse missing = call(get("/no-such-page").with(user("adm").roles(Role.ADMIN.name())));
		assertThat(missing.getStatus()).isEqualTo(404);
	}

	@Test
	void aUserWhoMustChangeTheirPasswordIsSentToThePasswordPage() throws Exception {
		MockHttpServletResponse home = call(get("/")
			.with(user("new").authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority(
					Role.PASSWORD_CHANGE_REQUIRED))));
		assertThat(home.getStatus()).isEqualTo(302);
		assertThat(home.getRedirectedUrl()).endsWith("/account/password");
	}

	@Test
	void theApiDocumentationNeedsALogin() throws Exception {
		assertThat(call(get("/swagger-ui.html").accept("text/html")).getStatus()).isEqualTo(302);
		assertThat(call(get("/v3/api-docs")).getStatus()).isIn(302, 401);
		MockHttpServletResponse docs = call(get("/v3/api-docs").with(user("reg").roles(Role.REGULATOR.name())));
		assertThat(docs.getStatus()).isEqualTo(200);
		assertThat(docs.getContentAsString()).contains("/api/licences", "\"title\":\"Licence Reminder API\"",
				"\"scheme\":\"basic\"");
	}

	@Test
	void staticAssetsAreOpen() throws Exception {
		assertThat(call(get("/css/console.css")).getStatus()).isEqualTo(200);
		assertThat(call(get("/js/console.js")).getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse();
	}

}
