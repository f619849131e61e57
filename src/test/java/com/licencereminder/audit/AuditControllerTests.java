package com.licencereminder.audit;

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
 * The audit API refuses what it cannot read before it reaches the store, and only
 * administrators read it.
 */
@WebMvcTest(AuditController.class)
@Import({ SecuritySlice.class, AuditQuery.class })
class AuditControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	MongoTemplate mongo;

	@Test
	void onlyAdministratorsReadTheAuditLog() throws Exception {
		mvc.perform(get("/api/audit")).andExpect(status().isUnauthorized());
		for (String user : List.of("regulator", "operator")) {
			mvc.perform(get("/api/audit").with(httpBasic(user, SecuritySlice.PASSWORD)))
				.andExpect(status().isForbidden());
		}
		verifyNoInteractions(mongo);
	}

	@Test
	void badFiltersAreRefusedWithAProblemNamingTheParameter() throws Exception {
		for (String[] param : List.of(new String[] { "action", "nonsense" }, new String[] { "from", "yesterday" },
				new String[] { "to", "2026-13-01" }, new String[] { "size", "0" }, new String[] { "page", "-1" })) {
			mvc.perform(get("/api/audit").param(param[0], param[1]).with(httpBasic("admin", SecuritySlice.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail").value(containsString(param[0])));
		}
		verifyNoInteractions(mongo);
	}

}
