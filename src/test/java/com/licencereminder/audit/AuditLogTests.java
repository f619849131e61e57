package com.licencereminder.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import com.licencereminder.audit.AuditEntry.Action;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.importing.ImportApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every audited action, done through the API, leaves its entry; administrators read them
 * newest first with filters.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AuditLogTests {

	static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void emptyLog() {
		mongo.remove(new Query(), AuditEntry.class);
		mongo.remove(Query.query(Criteria.where("_id").ne("admin")), "users");
	}

	@Test
	void importsAcknowledgementsAndFollowUpOutcomesAreAudited() throws Exception {
		String csv = "企业名称,证照名称,证照编号,有效期至,联系电话\n" + "审计甲店,食品经营许可证,AUDIT-1," + TODAY.plusDays(60) + ",13812340001\n"
				+ "审计乙店,食品经营许可证,AUDIT-2," + TODAY.minusDays(10) + ",13812340002\n";
		String importId = new ImportApi(mvc).upload("audit.csv", csv.getBytes(StandardCharsets.UTF_8));
		new ImportApi(mvc).awaitEnd(importId);
		String licenceId = Licence.idFor("食品经营许可证", "AUDIT-1");
		asAdmin(post("/api/licences/" + licenceId + "/acknowledge").contentType("application/json")
			.content("{\"note\":\"renewal filed\"}")).andExpect(status().isOk());
		String expired = Licence.idFor("食品经营许可证", "AUDIT-2");
		String itemId = await().atMost(Duration.ofSeconds(30)).until(() -> followUpOf(expired), id -> id != null);
		asAdmin(post("/api/follow-ups/" + itemId + "/outcome").contentType("application/json")
			.content("{\"result\":\"CALLED\",\"note\":\"will renew\"}")).andExpect(status().isOk());

		assertThat(entry(Action.IMPORT_SUBMITTED)).satisfies(entry -> {
			assertThat(entry.actor()).isEqualTo("admin");
			assertThat(entry.target()).isEqualTo("import:" + importId);
			assertThat(entry.details()).containsEntry("fileName", "audit.csv");
		});
		assertThat(entry(Action.LICENCE_ACKNOWLEDGED)).satisfies(entry -> {
			assertThat(entry.actor()).isEqualTo("admin");
			assertThat(entry.target()).isEqualTo("licence:" + licenceId);
			assertThat(entry.details()).containsEntry("note", "renewal filed").containsEntry("cycle", "1");
		});
		assertThat(entry(Action.FOLLOW_UP_RECORDED)).satisfies(entry -> {
			assertThat(entry.actor()).isEqualTo("admin");
			assertThat(entry.target()).isEqualTo("follow-up:" + itemId);
			assertThat(entry.details()).containsEntry("result", "CALLED")
				.containsEntry("licenceId", expired)
				.containsEntry("note", "will renew");
		});
	}

	@Test
	void userChangesAndLoginsAreAudited() throws Exception {
		String body = asAdmin(post("/api/users").contentType("application/json")
			.content("{\"username\":\"sun\",\"roles\":[\"OPERATOR\",\"REGULATOR\"]}")).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String password = JsonPath.read(body, "$.password");
		mvc.perform(post("/api/me/password").with(httpBasic("sun", password))
			.contentType("application/json")
			.content("{\"currentPassword\":\"" + password + "\",\"newPassword\":\"sun-password-1\"}"))
			.andExpect(status().isNoContent());
		mvc.perform(get("/api/licences").with(httpBasic("sun", "sun-password-1"))).andExpect(status().isOk());
		mvc.perform(get("/api/licences").with(httpBasic("sun", "sun-password-1"))).andExpect(status().isOk());
		mvc.perform(get("/api/licences").with(httpBasic("sun", "wrong"))).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/licences").with(httpBasic("nobody", "wrong"))).andExpect(status().isUnauthorized());
		asAdmin(post("/api/users/sun/disable")).andExpect(status().isOk());
		mvc.perform(get("/api/licences").with(httpBasic("sun", "sun-password-1"))).andExpect(status().isUnauthorized());
		asAdmin(post("/api/users/sun/enable")).andExpect(status().isOk());
		asAdmin(post("/api/users/sun/reset-password")).andExpect(status().isOk());

		assertThat(entry(Action.USER_CREATED)).satisfies(entry -> {
			assertThat(entry.actor()).isEqualTo("admin");
			assertThat(entry.target()).isEqualTo("user:sun");
			assertThat(entry.details()).containsEntry("roles", "OPERATOR,REGULATOR");
		});
		assertThat(entry(Action.USER_PASSWORD_CHANGED).actor()).isEqualTo("sun");
		assertThat(entries(Action.LOGIN)).extracting(AuditEntry::actor).containsOnlyOnce("sun");
		assertThat(entries(Action.LOGIN_FAILED))
			.extracting(entry -> entry.actor() + " " + entry.details().get("reason"))
			.containsExactly("sun bad-credentials", "nobody bad-credentials", "sun disabled");
		assertThat(entry(Action.USER_DISABLED).actor()).isEqualTo("admin");
		assertThat(entry(Action.USER_ENABLED).target()).isEqualTo("user:sun");
		assertThat(entry(Action.USER_PASSWORD_RESET).actor()).isEqualTo("admin");
	}

	@Test
	void administratorsReadTheLogNewestFirstWithFilters() throws Exception {
		write("2026-03-01T01:00:00Z", "wang", Action.LOGIN);
		write("2026-03-01T02:00:00Z", "wang", Action.LOGIN_FAILED);
		write("2026-03-02T01:00:00Z", "li", Action.LOGIN);
		write("2026-03-03T01:00:00Z", "wang", Action.IMPORT_SUBMITTED);

		assertThat(actors(asAdmin(get("/api/audit").param("from", "2026-03-01").param("to", "2026-03-02"))))
			.containsExactly("li", "wang", "wang");
		asAdmin(get("/api/audit").param("from", "2026-03-01").param("to", "2026-03-02"))
			.andExpect(jsonPath("$.content[0].at").value("2026-03-02T01:00:00Z"))
			.andExpect(jsonPath("$.totalElements").value(3));
		assertThat(actors(asAdmin(get("/api/audit").param("actor", "wang").param("action", "login"))))
			.containsExactly("wang");
		asAdmin(get("/api/audit").param("actor", "wang")
			.param("size", "2")
			.param("page", "1")
			.param("to", "2026-03-04T00:00:00Z")).andExpect(jsonPath("$.content[0].action").value("LOGIN"))
			.andExpect(jsonPath("$.totalElements").value(3))
			.andExpect(jsonPath("$.totalPages").value(2));
	}

	private void write(String at, String actor, Action action) {
		mongo.insert(new AuditEntry(null, Instant.parse(at), actor, action, "user:" + actor, Map.of()));
	}

	private List<String> actors(ResultActions result) throws Exception {
		return JsonPath.read(result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(),
				"$.content[*].actor");
	}

	private String followUpOf(String licenceId) throws Exception {
		String body = asAdmin(get("/api/follow-ups").param("size", "500")).andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		List<String> ids = JsonPath.read(body, "$.content[?(@.licenceId == '" + licenceId + "')].id");
		return ids.isEmpty() ? null : ids.get(0);
	}

	private AuditEntry entry(Action action) {
		List<AuditEntry> entries = entries(action);
		assertThat(entries).as("entries for %s", action).hasSize(1);
		return entries.get(0);
	}

	private List<AuditEntry> entries(Action action) {
		return mongo.find(Query.query(Criteria.where("action").is(action)).with(Sort.by("at", "_id")),
				AuditEntry.class);
	}

	private ResultActions asAdmin(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(httpBasic("admin", "test-secret")));
	}

}
