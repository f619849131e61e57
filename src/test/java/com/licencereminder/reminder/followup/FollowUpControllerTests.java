package com.licencereminder.reminder.followup;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import com.licencereminder.shared.security.SecuritySlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The follow-up API's answers to what it refuses: unknown filters (of the list and of its
 * export) and outcomes, outcomes staff do not record, unknown items, and regulators
 * recording outcomes.
 */
@WebMvcTest(FollowUpController.class)
@Import(SecuritySlice.class)
class FollowUpControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	FollowUps followUps;

	@MockitoBean
	FollowUpExport export;

	@Test
	void anUnknownStatusFilterIsAProblemNamingIt() throws Exception {
		mvc.perform(get("/api/follow-ups").param("status", "LOST").with(httpBasic("operator", SecuritySlice.PASSWORD)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("status must be one of")));
		verify(followUps, never()).list(any(), anyInt(), anyInt());
	}

	@Test
	void anExportWithAnUnknownStatusIsAProblemBeforeAnythingIsSent() throws Exception {
		mvc.perform(get("/api/follow-ups/export").param("status", "LOST")
			.with(httpBasic("operator", SecuritySlice.PASSWORD)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("status must be one of")));
		verify(export, never()).sendCsv(any(), any(), anyBoolean(), any());
	}

	@Test
	void anOutcomeStaffDoNotRecordIsRefused() throws Exception {
		for (String result : List.of("\"LOST\"", "\"ACKNOWLEDGED\"", "null")) {
			outcome("item-1", "{\"result\": " + result + "}", "operator").andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail").value(containsString("result")));
		}
		verify(followUps, never()).record(anyString(), any(), any(), anyString());
	}

	@Test
	void anOutcomeForAnUnknownItemIsNotFound() throws Exception {
		when(followUps.record(eq("nope"), eq(FollowUp.Result.CALLED), any(), eq("operator"))).thenReturn(null);

		outcome("nope", "{\"result\": \"called\", \"note\": \"no answer\"}", "operator")
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value(containsString("nope")));
		verify(followUps).record("nope", FollowUp.Result.CALLED, "no answer", "operator");
	}

	@Test
	void regulatorsReadTheListButDoNotRecordOutcomes() throws Exception {
		outcome("item-1", "{\"result\": \"CALLED\"}", "regulator").andExpect(status().isForbidden());
		verify(followUps, never()).record(anyString(), any(), any(), anyString());
	}

	private ResultActions outcome(String id, String body, String user) throws Exception {
		return mvc.perform(post("/api/follow-ups/{id}/outcome", id).contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.with(httpBasic(user, SecuritySlice.PASSWORD)));
	}

}
