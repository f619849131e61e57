package com.licencereminder.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import com.licencereminder.shared.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Users: the bootstrap administrator, creating, disabling, enabling and resetting
 * accounts, the forced password change and the password policy.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class UserApiTests {

	static final String ADMIN = "admin";

	static final String ADMIN_PASSWORD = "test-secret";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Users users;

	@Autowired
	ApplicationEventPublisher events;

	@AfterEach
	void removeTestUsers() {
		mongo.remove(Query.query(Criteria.where("_id").ne(ADMIN)), UserAccount.class);
	}

	@Test
	void theBootstrapAdministratorIsStoredWithABcryptHash() {
		UserAccount admin = mongo.findById(ADMIN, UserAccount.class);

		assertThat(admin).isNotNull();
		assertThat(admin.roles()).containsExactly(Role.ADMIN);
		assertThat(admin.passwordHash()).startsWith("{bcrypt}$2");
		assertThat(admin.enabled()).isTrue();
		assertThat(admin.mustChangePassword()).isFalse();
		assertThat(admin.createdBy()).isEqualTo("system");
	}

	@Test
	void theBootstrapLeavesAnExistingAdministratorAloneUnlessToldToSyncItsPassword() {
		new BootstrapAdministrator(users, new AdminProperties("root", "configured-secret", false), events)
			.afterSingletonsInstantiated();
		UserAccount root = users.find("root").orElseThrow();
		assertThat(users.passwordMatches(root, "configured-secret")).isTrue();
		users.changePassword("root", "changed-through-the-api");
		users.setEnabled("root", false);

		new BootstrapAdministrator(users, new AdminProperties("root", "configured-secret", false), events)
			.afterSingletonsInstantiated();
		assertThat(users.passwordMatches(users.find("root").orElseThrow(), "changed-through-the-api")).isTrue();

		new BootstrapAdministrator(users, new AdminProperties("root", "configured-secret", true), events)
			.afterSingletonsInstantiated();
		UserAccount synced = users.find("root").orElseThrow();
		assertThat(users.passwordMatches(synced, "configured-secret")).isTrue();
		assertThat(synced.enabled()).isTrue();
		assertThat(synced.roles()).contains(Role.ADMIN);
	}

	@Test
	void aNewUserWithAGeneratedPasswordMustChangeItBeforeAnythingElse() throws Exception {
		String body = asAdmin(post("/api/users").contentType("application/json")
			.content("{\"username\":\" Wang.Li \",\"roles\":[\"REGULATOR\"]}")).andExpect(status().isCreated())
			.andExpect(jsonPath("$.user.username").value("wang.li"))
			.andExpect(jsonPath("$.user.mustChangePassword").value(true))
			.andExpect(jsonPath("$.user.createdBy").value(ADMIN))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String password = JsonPath.read(body, "$.password");
		assertThat(password).hasSize(24);

		mvc.perform(get("/api/licences").with(httpBasic("wang.li", password)))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("password-change-required"));
		mvc.perform(get("/api/me").with(httpBasic("WANG.LI", password)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("wang.li"))
			.andExpect(jsonPath("$.mustChangePassword").value(true));

		changePassword("wang.li", password, "short").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("A password needs at least 10 characters."));
		changePassword("wang.li", password, "WANG.LI").andExpect(status().isBadRequest());
		changePassword("wang.li", password, "Wang.Li").andExpect(status().isBadRequest());
		changePassword("wang.li", password, "长".repeat(25)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail")
				.value("The password is too long: at most 72 bytes (UTF-8; a Chinese character takes 3)."));
		mvc.perform(post("/api/me/password").with(httpBasic("wang.li", password))
			.contentType("application/json")
			.content("{\"currentPassword\":\"not-the-current-one\",\"newPassword\":\"a-good-new-password\"}"))
			.andExpect(status().isBadRequest());
		changePassword("wang.li", password, password).andExpect(status().isBadRequest());
		changePassword("wang.li", password, "a-good-new-password").andExpect(status().isNoContent());

		mvc.perform(get("/api/licences").with(httpBasic("wang.li", "a-good-new-password"))).andExpect(status().isOk());
		mvc.perform(get("/api/deliveries").with(httpBasic("wang.li", "a-good-new-password")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("forbidden"));
		mvc.perform(get("/api/licences").with(httpBasic("wang.li", password))).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/me").with(httpBasic("wang.li", "a-good-new-password")))
			.andExpect(jsonPath("$.mustChangePassword").value(false))
			.andExpect(jsonPath("$.roles[0]").value("REGULATOR"));
	}

	@Test
	void anAdministratorMayChooseTheInitialPasswordWithinThePolicy() throws Exception {
		create("zhao", "[\"OPERATOR\"]", "initial-password-1").andExpect(status().isCreated())
			.andExpect(jsonPath("$.password").doesNotExist());
		create("zhao", "[\"ADMIN\"]", "initial-password-2").andExpect(status().isConflict());
		create("qian", "[\"OPERATOR\"]", "qian").andExpect(status().isBadRequest());
		create("x", "[\"OPERATOR\"]", null).andExpect(status().isBadRequest());
		create("bad name", "[\"OPERATOR\"]", null).andExpect(status().isBadRequest());
		create("sun", "[]", null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("请至少指定一个角色：REGULATOR（监管人员）、OPERATOR（运营人员）或 ADMIN（管理员）。"));
		create("sun", "[\"KING\"]", null).andExpect(status().isBadRequest());

		assertThat(users.find("zhao").orElseThrow().roles()).containsExactly(Role.OPERATOR);
		assertThat(users.find("qian")).isEmpty();
		asAdmin(get("/api/users")).andExpect(status().isOk())
			.andExpect(jsonPath("$[*].username").value(contains("admin", "zhao")))
			.andExpect(jsonPath("$[0].passwordHash").doesNotExist());
	}

	@Test
	void aDisabledUserCannotLogInUntilEnabledAgain() throws Exception {
		users.create("li", Set.of(Role.OPERATOR), "li-password-1", false, "test");

		asAdmin(post("/api/users/li/disable")).andExpect(status().isOk()).andExpect(jsonPath("$.enabled").value(false));
		mvc.perform(get("/api/deliveries").with(httpBasic("li", "li-password-1"))).andExpect(status().isUnauthorized());

		asAdmin(post("/api/users/LI/enable")).andExpect(status().isOk()).andExpect(jsonPath("$.enabled").value(true));
		mvc.perform(get("/api/deliveries").with(httpBasic("li", "li-password-1"))).andExpect(status().isOk());

		asAdmin(post("/api/users/admin/disable")).andExpect(status().isConflict());
		asAdmin(post("/api/users/nobody/disable")).andExpect(status().isNotFound());
	}

	@Test
	void aResetGivesAOneTimePasswordThatMustBeChanged() throws Exception {
		users.create("zhou", Set.of(Role.OPERATOR), "zhou-password-1", false, "test");

		String body = asAdmin(post("/api/users/zhou/reset-password")).andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("zhou"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String oneTime = JsonPath.read(body, "$.password");

		mvc.perform(get("/api/deliveries").with(httpBasic("zhou", "zhou-password-1")))
			.andExpect(status().isUnauthorized());
		mvc.perform(get("/api/deliveries").with(httpBasic("zhou", oneTime)))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("password-change-required"));
		changePassword("zhou", oneTime, "zhou-password-2").andExpect(status().isNoContent());
		mvc.perform(get("/api/deliveries").with(httpBasic("zhou", "zhou-password-2"))).andExpect(status().isOk());
	}

	@Test
	void onlyAdministratorsManageUsers() throws Exception {
		users.create("wu", Set.of(Role.OPERATOR, Role.REGULATOR), "wu-password-1", false, "test");

		mvc.perform(get("/api/users").with(httpBasic("wu", "wu-password-1"))).andExpect(status().isForbidden());
		mvc.perform(post("/api/users/admin/reset-password").with(httpBasic("wu", "wu-password-1")))
			.andExpect(status().isForbidden());
		String problem = mvc
			.perform(post("/api/users").with(httpBasic("wu", "wu-password-1"))
				.header("Accept-Language", "zh")
				.contentType("application/json")
				.content("{\"username\":\"wu2\",\"roles\":[\"ADMIN\"]}"))
			.andExpect(status().isForbidden())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat((String) JsonPath.read(problem, "$.detail")).isEqualTo("您的角色无权执行此操作。如需此权限，请联系管理员。");
		assertThat(users.find("wu2")).isEmpty();
	}

	private ResultActions create(String username, String roles, String password) throws Exception {
		String json = "{\"username\":\"" + username + "\",\"roles\":" + roles
				+ (password == null ? "" : ",\"password\":\"" + password + "\"") + "}";
		return asAdmin(
				post("/api/users").header("Accept-Language", "zh").contentType("application/json").content(json));
	}

	private ResultActions changePassword(String username, String current, String next) throws Exception {
		return mvc.perform(post("/api/me/password").with(httpBasic(username, current))
			.header("Accept-Language", "en")
			.contentType("application/json")
			.content("{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\"}"));
	}

	private ResultActions asAdmin(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(httpBasic(ADMIN, ADMIN_PASSWORD)));
	}

}
