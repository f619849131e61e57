package com.licencereminder.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import com.licencereminder.shared.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The role matrix of the API and the console, one row per route: each role is let through
 * where it should be (any answer but 401 and 403) and refused with a 403 elsewhere (a
 * problem detail on the API); nobody gets in without logging in.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AccessRulesTests {

	static final Set<Role> ALL = EnumSet.allOf(Role.class);

	static final Set<Role> REGULATORS = EnumSet.of(Role.REGULATOR, Role.ADMIN);

	static final Set<Role> OPERATORS = EnumSet.of(Role.OPERATOR, Role.ADMIN);

	static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

	/** The businesses' own routes: no operator role may act as a business. */
	static final Set<Role> BUSINESSES_ONLY = EnumSet.noneOf(Role.class);

	@Autowired
	MockMvc mvc;

	static Stream<Arguments> routes() {
		return Stream.of(route("GET", "/api/imports", REGULATORS), route("POST", "/api/imports", REGULATORS),
				route("GET", "/api/imports/nope", REGULATORS), route("GET", "/api/imports/nope/errors", REGULATORS),
				route("GET", "/api/licences", ALL), route("GET", "/api/licences/nope", ALL),
				route("POST", "/api/licences/nope/acknowledge", OPERATORS), route("GET", "/api/follow-ups", ALL),
				route("GET", "/api/follow-ups/export", ALL), route("POST", "/api/follow-ups/nope/outcome", OPERATORS),
				route("GET", "/api/deliveries", OPERATORS), route("GET", "/api/deliveries/export", OPERATORS),
				route("GET", "/api/simulator/outbox", ADMINS), route("GET", "/api/users", ADMINS),
				route("POST", "/api/users", ADMINS), route("POST", "/api/users/nope/disable", ADMINS),
				route("POST", "/api/users/nope/enable", ADMINS),
				route("POST", "/api/users/nope/reset-password", ADMINS), route("GET", "/api/audit", ADMINS),
				route("GET", "/api/anything-new", ADMINS), route("GET", "/api/me", ALL),
				route("POST", "/api/me/password", ALL), route("GET", "/actuator/prometheus", ADMINS),
				route("GET", "/actuator/info", ADMINS), route("GET", "/", ALL), route("GET", "/imports", REGULATORS),
				route("POST", "/imports", REGULATORS), route("GET", "/imports/nope", REGULATORS),
				route("GET", "/licences", ALL), route("GET", "/licences/nope", ALL),
				route("POST", "/licences/nope/acknowledge", OPERATORS), route("GET", "/follow-ups", ALL),
				route("GET", "/follow-ups/export.csv", ALL), route("GET", "/follow-ups/export.xlsx", ALL),
				route("POST", "/follow-ups/nope/outcome", OPERATORS), route("GET", "/deliveries", OPERATORS),
				route("GET", "/deliveries/export.csv", OPERATORS), route("GET", "/deliveries/export.xlsx", OPERATORS),
				route("GET", "/outbox", OPERATORS), route("GET", "/users", ADMINS), route("POST", "/users", ADMINS),
				route("GET", "/audit", ADMINS), route("GET", "/account/password", ALL),
				route("GET", "/swagger-ui.html", ALL), route("GET", "/v3/api-docs", ALL),
				route("GET", "/some-new-page", ADMINS), route("GET", "/api/mp/licences", BUSINESSES_ONLY),
				route("POST", "/api/mp/licences/nope/acknowledge", BUSINESSES_ONLY),
				route("GET", "/api/mp/bindings", BUSINESSES_ONLY), route("POST", "/api/mp/bindings", BUSINESSES_ONLY),
				route("POST", "/api/mp/bindings/phone", BUSINESSES_ONLY),
				route("POST", "/api/mp/bindings/verification", BUSINESSES_ONLY),
				route("DELETE", "/api/mp/bindings/nope", BUSINESSES_ONLY),
				route("POST", "/api/mp/subscriptions", BUSINESSES_ONLY),
				route("PUT", "/api/mp/preferences", BUSINESSES_ONLY),
				route("GET", "/api/mp/anything-new", BUSINESSES_ONLY), route("GET", "/my", BUSINESSES_ONLY),
				route("POST", "/my/licences/nope/acknowledge", BUSINESSES_ONLY),
				route("POST", "/my/channels", BUSINESSES_ONLY), route("POST", "/my/sign-out", BUSINESSES_ONLY),
				route("GET", "/my/anything-new", BUSINESSES_ONLY));
	}

	static Arguments route(String method, String path, Set<Role> allowed) {
		return Arguments.of(method, path, allowed);
	}

	@ParameterizedTest(name = "{0} {1}: {2}")
	@MethodSource("routes")
	void eachRoleIsLetThroughOrRefused(String method, String path, Set<Role> allowed) throws Exception {
		for (Role role : Role.values()) {
			MockHttpServletResponse response = mvc
				.perform(call(method, path).with(user("someone-" + role).roles(role.name())))
				.andReturn()
				.getResponse();
			if (allowed.contains(role)) {
				assertThat(response.getStatus()).as("%s %s as %s", method, path, role).isNotIn(401, 403);
			}
			else {
				assertThat(response.getStatus()).as("%s %s as %s", method, path, role).isEqualTo(403);
				if (path.startsWith("/api/")) {
					assertThat(response.getContentType()).startsWith("application/problem+json");
					assertThat((String) JsonPath.read(response.getContentAsString(), "$.code")).isEqualTo("forbidden");
				}
			}
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("routes")
	void nobodyGetsInWithoutLoggingIn(String method, String path, Set<Role> allowed) throws Exception {
		int status = mvc.perform(call(method, path)).andReturn().getResponse().getStatus();
		if (path.startsWith("/api/")) {
			assertThat(status).isEqualTo(401);
		}
		else {
			assertThat(status).isIn(401, 302);
		}
	}

	@Test
	void healthIsOpen() throws Exception {
		assertThat(mvc.perform(call("GET", "/actuator/health")).andReturn().getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void refusalsSpeakTheCallersLanguage() throws Exception {
		MockHttpServletResponse chinese = mvc.perform(call("GET", "/api/users").with(user("r").roles("REGULATOR")))
			.andReturn()
			.getResponse();
		assertThat((String) JsonPath.read(chinese.getContentAsString(StandardCharsets.UTF_8), "$.title"))
			.isEqualTo("无权访问");
		MockHttpServletResponse english = mvc
			.perform(call("GET", "/api/users").header("Accept-Language", "en").with(user("r").roles("REGULATOR")))
			.andReturn()
			.getResponse();
		assertThat((String) JsonPath.read(english.getContentAsString(), "$.title")).isEqualTo("Forbidden");
	}

	/**
	 * The request; a console form post carries its CSRF token, so that only the role
	 * decides.
	 */
	private static MockHttpServletRequestBuilder call(String method, String path) {
		MockHttpServletRequestBuilder builder = request(HttpMethod.valueOf(method), path);
		if (!"POST".equals(method)) {
			return builder;
		}
		return path.startsWith("/api/") ? builder.contentType("application/json").content("{}")
				: builder.with(csrf()).contentType("application/x-www-form-urlencoded");
	}

}
