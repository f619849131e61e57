package com.licencereminder.licence;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
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
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The licence API's answers to searches it cannot run and licences it does not have.
 */
@WebMvcTest(LicenceController.class)
@Import({ SecuritySlice.class, LicenceSearch.class })
class LicenceControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	MongoTemplate mongo;

	@Test
	void badSearchesAreRefusedWithAProblemNamingTheParameter() throws Exception {
		for (String[] param : List.of(new String[] { "status", "ALIVE" }, new String[] { "expiringWithinDays", "-1" },
				new String[] { "expiringWithinDays", "3661" }, new String[] { "size", "501" },
				new String[] { "page", "-1" })) {
			mvc.perform(
					get("/api/licences").param(param[0], param[1]).with(httpBasic("regulator", SecuritySlice.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail").value(containsString(param[0])));
		}
		verify(mongo, never()).find(any(Query.class), eq(Licence.class));
	}

	@Test
	void aDayCountThatIsNotANumberIsABadRequest() throws Exception {
		mvc.perform(get("/api/licences").param("expiringWithinDays", "soon")
			.with(httpBasic("regulator", SecuritySlice.PASSWORD))).andExpect(status().isBadRequest());
		verify(mongo, never()).find(any(Query.class), eq(Licence.class));
	}

	@Test
	void anUnknownLicenceIsNotFound() throws Exception {
		mvc.perform(get("/api/licences/nope").with(httpBasic("operator", SecuritySlice.PASSWORD)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("nope")));
		verify(mongo).findById("nope", Licence.class);
	}

	@Test
	void licencesNeedALogin() throws Exception {
		mvc.perform(get("/api/licences")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/licences").with(httpBasic("regulator", "wrong"))).andExpect(status().isUnauthorized());
	}

}
