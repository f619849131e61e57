package com.licencereminder;

import java.nio.charset.StandardCharsets;

import com.licencereminder.licence.Licence;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The disk guard, with a minimum free space above what any disk has: imports are refused
 * through the API (507 problem) and the console (a message on the upload page), in
 * Chinese and English, saying why and what to do; the health component {@code storeDisk}
 * is OUT_OF_SERVICE while readiness and liveness stay UP; the store's figures are metrics
 * and are on the administrators' dashboard.
 */
@SpringBootTest(properties = "licence-reminder.embedded-mongo.min-free-disk=1000000TB")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class DiskGuardTests {

	static final String CSV = "企业名称,证照名称,证照编号,有效期至\n甲店,食品经营许可证,JY1,2027-01-01\n";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MeterRegistry meters;

	@Test
	void anImportThroughTheApiIsRefusedWithWhyAndWhatToDo() throws Exception {
		mvc.perform(multipart("/api/imports").file(file())
			.header("Accept-Language", "en")
			.with(httpBasic("admin", "test-secret")))
			.andExpect(status().isInsufficientStorage())
			.andExpect(jsonPath("$.title").value("Not enough disk space"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("min-free-disk")))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("MongoDB")));
		mvc.perform(multipart("/api/imports").file(file()).with(httpBasic("admin", "test-secret")))
			.andExpect(status().isInsufficientStorage())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("暂不接受导入")));

		assertThat(mongo.count(new Query(), Licence.class)).isZero();
	}

	@Test
	void anImportThroughTheConsoleIsRefusedOnTheUploadPage() throws Exception {
		MvcResult result = mvc
			.perform(multipart("/imports").file(file()).with(csrf()).with(user("reg").roles("REGULATOR")))
			.andReturn();

		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/imports");
		String page = mvc.perform(get("/imports").flashAttrs(result.getFlashMap()).with(user("reg").roles("REGULATOR")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("id=\"upload-error\"", "磁盘", "min-free-disk");
	}

	@Test
	void healthReportsTheDiskOutOfServiceWhileReadinessAndLivenessStayUp() throws Exception {
		mvc.perform(get("/actuator/health").with(httpBasic("admin", "test-secret")))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.components.storeDisk.status").value("OUT_OF_SERVICE"))
			.andExpect(jsonPath("$.components.storeDisk.details.minFree").isNumber());
		mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
		mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
	}

	@Test
	void theStoresFiguresAreMetricsAndOnTheAdministratorsDashboard() throws Exception {
		String dashboard = mvc.perform(get("/").with(user("admin").roles("ADMIN")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		String regulators = mvc.perform(get("/").with(user("reg").roles("REGULATOR")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(dashboard).contains("id=\"store-panel\"", "id=\"store-low\"", "licences");
		assertThat(regulators).doesNotContain("id=\"store-panel\"");
		assertThat(meters.get("store.disk.free").gauge().value()).isPositive();
		assertThat(meters.get("store.disk.min_free").gauge().value()).isPositive();
		assertThat(meters.get("store.size").gauge().value()).isZero();
		assertThat(meters.get("store.documents").tag("collection", "licences").gauge().value())
			.isEqualTo((double) mongo.getCollection("licences").countDocuments());
	}

	private static MockMultipartFile file() {
		return new MockMultipartFile("file", "list.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
	}

}
