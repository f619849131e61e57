package com.licencereminder.business;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;

import com.licencereminder.licence.Licences;
import com.licencereminder.reminder.Acknowledgements;
import com.licencereminder.reminder.ReminderTimeline;
import com.licencereminder.shared.security.SecuritySlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The mini-program API's door and its refusals, without a store: only a business bearer
 * token opens it (an operator's HTTP Basic does not, and the token opens no operator
 * route), and bad input is a 400 problem that reaches nothing behind the controller.
 */
@WebMvcTest(MiniProgramController.class)
@Import({ SecuritySlice.class, BusinessSecurity.class, BusinessProblems.class, BusinessLicences.class,
		MiniProgramControllerTests.Settings.class })
class MiniProgramControllerTests {

	static final String TOKEN = "a-live-business-token";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	BusinessSessions sessions;

	@MockitoBean
	Bindings bindings;

	@MockitoBean
	Verifications verifications;

	@MockitoBean
	Consents consents;

	@MockitoBean
	Licences licences;

	@MockitoBean
	ReminderTimeline timeline;

	@MockitoBean
	Acknowledgements acknowledgements;

	@BeforeEach
	void aLiveSession() {
		when(sessions.openIdOf(anyString())).thenReturn(Optional.empty());
		when(sessions.openIdOf(TOKEN)).thenReturn(Optional.of("oBusiness0000000001"));
	}

	@Test
	void withoutABusinessTokenEveryRouteButTheSignInIsRefused() throws Exception {
		mvc.perform(get("/api/mp/licences"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("business-session-required"));
		mvc.perform(get("/api/mp/licences").header("Authorization", "Bearer not-a-session"))
			.andExpect(status().isUnauthorized());
		verifyNoInteractions(bindings, licences);
	}

	@Test
	void anOperatorCannotActAsABusiness() throws Exception {
		mvc.perform(get("/api/mp/bindings").with(httpBasic("admin", SecuritySlice.PASSWORD)))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("business-session-required"));
		verifyNoInteractions(bindings);
	}

	@Test
	void aBusinessTokenOpensNoOperatorRoute() throws Exception {
		mvc.perform(get("/api/licences").header("Authorization", "Bearer " + TOKEN))
			.andExpect(status().isUnauthorized());
		mvc.perform(get("/api/deliveries").header("Authorization", "Bearer " + TOKEN))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void malformedJsonIsABadRequestProblem() throws Exception {
		mvc.perform(business(post("/api/mp/bindings/verification")).content("{\"phone\": "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(post("/api/mp/session").contentType(MediaType.APPLICATION_JSON).content("[1,2"))
			.andExpect(status().isBadRequest());
		verifyNoInteractions(verifications);
	}

	@Test
	void oversizedOrMalformedFieldsAreBadRequestProblems() throws Exception {
		String huge = "9".repeat(5000);
		mvc.perform(business(post("/api/mp/bindings/verification"))
			.content("{\"licenceNumber\":\"" + huge + "\",\"phone\":\"13812345601\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(business(post("/api/mp/bindings")).content("{\"code\":\"12345\"}"))
			.andExpect(status().isBadRequest());
		mvc.perform(business(post("/api/mp/licences/x/acknowledge")).content("{\"reason\":\"BORED\"}"))
			.andExpect(status().isBadRequest());
		mvc.perform(
				post("/api/mp/session").contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + huge + "\"}"))
			.andExpect(status().isBadRequest());
		mvc.perform(business(post("/api/mp/bindings/verification")).content("{\"phone\":\"13812345601\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("licence-required"));
		verifyNoInteractions(verifications, acknowledgements);
	}

	@Test
	void unknownTemplatesAndResultsChangeNothing() throws Exception {
		mvc.perform(business(post("/api/mp/subscriptions"))
			.content("{\"results\":{\"TPL-EXPIRY\":\"accept\",\"TPL-OTHER\":\"accept\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("template-unknown"));
		mvc.perform(business(post("/api/mp/subscriptions")).content("{\"results\":{\"TPL-EXPIRY\":\"maybe\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("subscription-result-invalid"));
		mvc.perform(business(post("/api/mp/subscriptions")).content("{\"results\":{}}"))
			.andExpect(status().isBadRequest());
		verifyNoInteractions(consents);
	}

	@Test
	void anIdNotBoundToTheCallerIsNotFound() throws Exception {
		mvc.perform(business(post("/api/mp/licences/someone-elses/acknowledge")).content("{\"reason\":\"RENEWING\"}"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("not-found"));
		verifyNoInteractions(acknowledgements);
	}

	private static MockHttpServletRequestBuilder business(MockHttpServletRequestBuilder request) {
		return request.header("Authorization", "Bearer " + TOKEN).contentType(MediaType.APPLICATION_JSON);
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BusinessProperties.class)
	static class Settings {

		@Bean
		SubscriptionProperties subscriptionProperties() {
			return new SubscriptionProperties("TPL-EXPIRY", SubscriptionProperties.Subscription.ONE_TIME);
		}

	}

}
