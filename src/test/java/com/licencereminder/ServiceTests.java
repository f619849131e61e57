package com.licencereminder;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The service as operations see it: health open and backed by a store ping, everything
 * else behind login.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ServiceTests {

	@Autowired
	MockMvc mvc;

	@Test
	void healthIsOpenAndReportsTheStoreUpThroughPing() throws Exception {
		mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
		mvc.perform(get("/actuator/health").with(httpBasic("admin", "test-secret")))
			.andExpect(jsonPath("$.components.mongo.status").value("UP"))
			.andExpect(jsonPath("$.components.mongo.details.database").value("licence-reminder"));
	}

	@Test
	void metricsAndEverythingElseNeedLogin() throws Exception {
		mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
		mvc.perform(get("/actuator/prometheus").with(httpBasic("admin", "test-secret")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes")));
		mvc.perform(get("/api/imports")).andExpect(status().isUnauthorized());
		mvc.perform(get("/").accept("text/html")).andExpect(status().is3xxRedirection());
	}

}
