package com.licencereminder.delivery;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import com.licencereminder.shared.security.SecuritySlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The delivery log API's answers to callers and filters it refuses, without a store: a
 * refused request never reaches it.
 */
@WebMvcTest(DeliveryController.class)
@Import({ SecuritySlice.class, DeliveryLogQuery.class })
class DeliveryControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	MongoTemplate mongo;

	@Test
	void theLogAndItsExportNeedALogin() throws Exception {
		mvc.perform(get("/api/deliveries")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/deliveries/export")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/deliveries").with(httpBasic("admin", "wrong"))).andExpect(status().isUnauthorized());
		verifyNoInteractions(mongo);
	}

	@Test
	void aRegulatorMayNotReadTheLog() throws Exception {
		mvc.perform(get("/api/deliveries").with(httpBasic("regulator", SecuritySlice.PASSWORD)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(mongo);
	}

	@Test
	void badFiltersAreRefusedWithAProblemNamingTheParameter() throws Exception {
		for (String[] param : List.of(new String[] { "channel", "FAX" }, new String[] { "status", "LOST" },
				new String[] { "from", "1 March" }, new String[] { "to", "2026-02-30" }, new String[] { "size", "501" },
				new String[] { "page", "-1" })) {
			mvc.perform(get("/api/deliveries").param(param[0], param[1])
				.with(httpBasic("operator", SecuritySlice.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail").value(containsString(param[0])));
		}
		verifyNoInteractions(mongo);
	}

	@Test
	void anExportWithABadFilterIsAProblemNotAFile() throws Exception {
		mvc.perform(get("/api/deliveries/export").param("status", "LOST")
			.with(httpBasic("operator", SecuritySlice.PASSWORD)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("status")));
		verifyNoInteractions(mongo);
	}

}
