package com.licencereminder.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route the application maps — the API, the console pages, the API documentation —
 * refuses a visitor who has not logged in, found by walking the handler mappings, so a
 * page added later is covered without being listed. Only the login and error pages are
 * open, the mini-program's sign-in (which asks WeChat instead) and the {@code /my} pages'
 * sign-in (which asks for an SMS code instead); the provider webhooks (mapped here by
 * configuring Twilio) refuse a request without a valid signature.
 */
@SpringBootTest(properties = { "licence-reminder.twilio.account-sid=AC00000000000000000000000000000000",
		"licence-reminder.twilio.auth-token=not-a-secret", "licence-reminder.twilio.from-number=+15005550006",
		"licence-reminder.twilio.api-base-url=http://localhost:9",
		"licence-reminder.public-base-url=http://localhost" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
class EveryRouteNeedsALoginTests {

	static final Set<String> OPEN = Set.of("/login", "/error", "/api/mp/session", "/my/sign-in", "/my/sign-in/code");

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyMappedRouteRefusesAnonymousVisitors() throws Exception {
		List<String> checked = new ArrayList<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (OPEN.contains(pattern)) {
					continue;
				}
				String path = pattern.replaceAll("\\{[^}]*}", "x").replace("/**", "/x");
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					MockHttpServletResponse response = mvc
						.perform(request(HttpMethod.valueOf(method.name()), path).accept("text/html"))
						.andReturn()
						.getResponse();
					boolean toLogin = response.getStatus() == 302 && response.getRedirectedUrl() != null
							&& (response.getRedirectedUrl().endsWith("/login")
									|| response.getRedirectedUrl().endsWith("/my/sign-in"));
					assertThat(toLogin || response.getStatus() == 401 || response.getStatus() == 403)
						.as("%s %s answered %d to an anonymous visitor", method, path, response.getStatus())
						.isTrue();
					checked.add(method + " " + path);
				}
			}
		}
		assertThat(checked).as("the walk found the API, the console, the /my pages and the webhooks")
			.anyMatch(route -> route.startsWith("GET /api/licences"))
			.anyMatch(route -> route.equals("GET /"))
			.anyMatch(route -> route.equals("GET /api/mp/licences"))
			.anyMatch(route -> route.equals("GET /my"))
			.anyMatch(route -> route.contains("/webhooks/twilio/"));
	}

}
