package com.licencereminder.delivery.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.Deliveries;
import com.licencereminder.delivery.DeliveryRequest;
import com.licencereminder.delivery.DeliveryRequest.LicenceLine;
import com.licencereminder.delivery.SimulatorControl;
import com.licencereminder.shared.Role;
import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The simulator outbox page: what the simulator "sent" through {@link Deliveries}, as
 * phones would show it.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class OutboxPagesTests {

	static final String MOBILE = "+8613812345678";

	static final String OPENID = "oABCDEFGHIJKLMNOPQRSTUVWXYZ0";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Deliveries deliveries;

	@Autowired
	SimulatorControl simulator;

	@Autowired
	Clock clock;

	@BeforeEach
	void cleanStore() {
		TestStores.clear(mongo);
		simulator.reset();
	}

	void send(String reference, Channel channel, String recipient, String holder) {
		deliveries.send(new DeliveryRequest(reference, channel, recipient, holder, 30, List
			.of(new LicenceLine("licence-1", 1, "食品经营许可证", "JY" + reference, LocalDate.now(clock).plusDays(30), null)),
				false));
	}

	@Test
	void eachMessageIsShownAsAPhoneWouldShowItNewestFirstWithMaskedRecipients() throws Exception {
		send("r1", Channel.SMS, MOBILE, "甲店");
		send("r2", Channel.MINI_PROGRAM, OPENID, "乙店");
		send("r3", Channel.VOICE, MOBILE, "丙店");

		String page = page(get("/outbox"));

		assertThat(page)
			.contains("id=\"outbox\"", "class=\"phone\"", "class=\"bubble\"", "class=\"bubble card-message\"",
					"class=\"bubble voice-script\"", "138****5678", "oABC****XYZ0", "JYr1", "JYr3", "食品经营许可证", "thing1",
					"模拟器代替尚未配置服务商凭据的渠道")
			.doesNotContain(MOBILE, OPENID);
		assertThat(page.indexOf("JYr3")).isLessThan(page.indexOf("thing1"));
		assertThat(page.indexOf("thing1")).isLessThan(page.indexOf("JYr1"));
		assertThat(page).contains("SIM-1", "SIM-3", "href=\"/deliveries/");
	}

	@Test
	void theOutboxIsPaged() throws Exception {
		for (int i = 1; i <= 30; i++) {
			send("p" + i, Channel.SMS, MOBILE, "甲店");
		}

		String first = page(get("/outbox"));
		assertThat(first).contains(">SIM-30<", ">SIM-7<", "第 1 / 2 页，共 30 条").doesNotContain(">SIM-6<");
		assertThat(first.indexOf(">SIM-30<")).isLessThan(first.indexOf(">SIM-7<"));
		String second = page(get("/outbox").param("page", "1"));
		assertThat(second).contains(">SIM-6<", ">SIM-1<").doesNotContain(">SIM-7<");
	}

	@Test
	void theOutboxIsInChineseByDefaultAndInEnglishOnRequest() throws Exception {
		send("r1", Channel.SMS, MOBILE, "甲店");

		assertThat(page(get("/outbox"))).contains("<html lang=\"zh-CN\"", "模拟发件箱", "短信");
		assertThat(page(get("/outbox").param("lang", "en")))
			.contains("<html lang=\"en\"", "Simulator outbox",
					"The simulator stands in for channels without provider credentials")
			.doesNotContain("模拟发件箱");
	}

	@Test
	void aHolderNameInAMessageIsShownAsText() throws Exception {
		send("r1", Channel.SMS, MOBILE, "<script>alert(1)</script>");

		assertThat(page(get("/outbox"))).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)");
	}

	@Test
	void regulatorsMayNotOpenTheOutbox() throws Exception {
		assertThat(mvc.perform(get("/outbox").with(user("reg").roles(Role.REGULATOR.name())))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request.with(user("op").roles(Role.OPERATOR.name())))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

}
