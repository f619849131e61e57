package com.licencereminder.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.licencereminder.delivery.twilio.TwilioStandIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With the Twilio SDK (and so {@code jackson-dataformat-xml}) on the class path, the API
 * still never answers in XML. Runs in the Twilio context, where the SDK is also in use.
 */
class WebConfigurationTests extends TwilioStandIn {

	@Autowired
	MockMvc mvc;

	@Test
	void anApiAskedForXmlAnswersJsonOrNotAcceptable() throws Exception {
		MockHttpServletResponse xmlOnly = mvc
			.perform(get("/api/deliveries").accept("application/xml").with(httpBasic("admin", "test-secret")))
			.andReturn()
			.getResponse();
		assertThat(xmlOnly.getContentType()).doesNotContain("xml");
		assertThat(xmlOnly.getContentAsString()).doesNotStartWith("<");
		assertThat(xmlOnly.getStatus()).isIn(200, 406);

		MockHttpServletResponse browser = mvc
			.perform(get("/api/deliveries").accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
				.with(httpBasic("admin", "test-secret")))
			.andReturn()
			.getResponse();
		assertThat(browser.getStatus()).isEqualTo(200);
		assertThat(browser.getContentType()).startsWith("application/json");
	}

}
