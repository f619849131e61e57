package com.licencereminder.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.licencereminder.delivery.SimulatedMessage;
import com.licencereminder.delivery.SimulatorControl;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceBuilder;
import com.licencereminder.shared.TestStores;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The {@code /my} pages' door: a wrong code and a licence or phone number not on file get
 * the same answers as a right guess would before it, a form without its CSRF token is
 * refused, a page session opens neither the console nor the API, an operator's login
 * opens no page, and signing out ends the session.
 */
@SpringBootTest
@RecordApplicationEvents
@AutoConfigureMockMvc
@ActiveProfiles("test")
class MyPagesTests {

	static final String PHONE = "+8613812345611";

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"[^\"]*\"");

	static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	ExpiredRecords purge;

	@Autowired
	SimulatorControl simulator;

	@Autowired
	Consents consents;

	@Autowired
	Bindings bindings;

	Licence licence;

	@BeforeEach
	void aLicenceWithAPhone() {
		TestStores.clear(mongo);
		simulator.reset();
		licence = LicenceBuilder.valid("食品经营许可证", "JY1410002000111", LocalDate.now().plusDays(60))
			.holder("老街烩面馆")
			.mobiles(PHONE)
			.build();
		mongo.save(licence);
	}

	@Test
	void aLicenceOrPhoneNotOnFileGetsTheSameAnswerAsOneOnFile() throws Exception {
		MockHttpServletResponse onFile = requestCode("JY1410002000111", "13812345611");
		MockHttpServletResponse unknownLicence = requestCode("JY9999999999999", "13812345622");
		MockHttpServletResponse phoneNotOnFile = requestCode("JY1410002000111", "13812345633");

		assertThat(onFile.getStatus()).isEqualTo(200);
		assertThat(unknownLicence.getStatus()).isEqualTo(200);
		assertThat(phoneNotOnFile.getStatus()).isEqualTo(200);
		assertThat(comparable(unknownLicence, "5622")).isEqualTo(comparable(onFile, "5611"));
		assertThat(comparable(phoneNotOnFile, "5633")).isEqualTo(comparable(onFile, "5611"));
		assertThat(simulator.outbox(10)).singleElement()
			.satisfies(text -> assertThat(text.recipient()).isEqualTo(PHONE));

		MockHttpServletResponse noCodeWasSent = signIn("13812345622", "123456");
		MockHttpServletResponse wrongCode = signIn("13812345611", wrongCode(codeSentTo(PHONE)));
		assertThat(wrongCode.getStatus()).isEqualTo(400);
		assertThat(noCodeWasSent.getStatus()).isEqualTo(400);
		assertThat(comparable(noCodeWasSent, "5622")).isEqualTo(comparable(wrongCode, "5611"))
			.contains("验证码错误、已过期或已使用");
		assertThat(wrongCode.getCookie(BusinessSecurity.PAGE_COOKIE)).isNull();
	}

	@Test
	void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(post("/my/sign-in/code").param("licence", "JY1410002000111").param("phone", "13812345611"))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(simulator.outbox(10)).isEmpty();
		Cookie session = signedIn();
		assertThat(mvc.perform(post("/my/channels").cookie(session).param("sms", "true"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
	}

	@Test
	void aPageSessionSeesItsLicencesButNeitherTheConsoleNorTheApi() throws Exception {
		Cookie session = signedIn();
		MockHttpServletResponse home = mvc.perform(get("/my").cookie(session)).andReturn().getResponse();
		assertThat(home.getStatus()).isEqualTo(200);
		assertThat(home.getContentAsString(StandardCharsets.UTF_8)).contains("JY1410002000111", "老街烩面馆");

		MockHttpServletResponse console = mvc.perform(get("/licences").cookie(session).accept("text/html"))
			.andReturn()
			.getResponse();
		assertThat(console.getStatus()).isEqualTo(302);
		assertThat(console.getRedirectedUrl()).endsWith("/login");
		assertThat(mvc.perform(get("/api/licences").cookie(session)).andReturn().getResponse().getStatus())
			.isEqualTo(401);
		assertThat(mvc.perform(get("/api/mp/licences").header("Authorization", "Bearer " + session.getValue()))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(401);
	}

	@Test
	void anOperatorCannotActAsABusiness() throws Exception {
		assertThat(mvc.perform(get("/my").with(user("admin").roles("ADMIN"))).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		MockHttpServletResponse anonymous = mvc.perform(get("/my")).andReturn().getResponse();
		assertThat(anonymous.getStatus()).isEqualTo(302);
		assertThat(anonymous.getRedirectedUrl()).endsWith("/my/sign-in");
	}

	@Test
	void aLicenceNotBoundToTheSessionIsNotFound() throws Exception {
		Licence other = LicenceBuilder.valid("食品经营许可证", "JY1410002000999", LocalDate.now().plusDays(60))
			.mobiles("+8613812345699")
			.build();
		mongo.save(other);
		Cookie session = signedIn();
		assertThat(mvc
			.perform(post("/my/licences/" + other.id() + "/acknowledge").cookie(session)
				.with(csrf())
				.param("reason", "RENEWED"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void signingOutEndsTheSession() throws Exception {
		Cookie session = signedIn();
		MockHttpServletResponse out = mvc.perform(post("/my/sign-out").cookie(session).with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(out.getRedirectedUrl()).isEqualTo("/my/sign-in?signed-out");
		assertThat(out.getCookie(BusinessSecurity.PAGE_COOKIE).getMaxAge()).isZero();
		MockHttpServletResponse after = mvc.perform(get("/my").cookie(session)).andReturn().getResponse();
		assertThat(after.getStatus()).isEqualTo(302);
		assertThat(after.getRedirectedUrl()).endsWith("/my/sign-in");
	}

	@Test
	void oneAddressAskingForCodesForManyPhonesIsStoppedAndOthersAreNot() throws Exception {
		for (int i = 0; i < 20; i++) {
			assertThat(requestCode("JY1410002000111", String.format("138123457%02d", i), "203.0.113.9").getStatus())
				.isEqualTo(200);
		}
		assertThat(requestCode("JY1410002000111", "13812345611", "203.0.113.9").getStatus()).isEqualTo(429);
		assertThat(simulator.outbox(10)).isEmpty();

		assertThat(requestCode("JY1410002000111", "13812345611", "198.51.100.7").getStatus()).isEqualTo(200);
		assertThat(simulator.outbox(10)).singleElement()
			.satisfies(text -> assertThat(text.recipient()).isEqualTo(PHONE));
	}

	@Test
	void oneAddressGuessingCodesIsStoppedEvenWithTheRightCode() throws Exception {
		assertThat(requestCode("JY1410002000111", "13812345611").getStatus()).isEqualTo(200);
		String code = codeSentTo(PHONE);
		for (int i = 0; i < 30; i++) {
			assertThat(signIn("13812345622", wrongCode(code), "203.0.113.9").getStatus()).isEqualTo(400);
		}

		MockHttpServletResponse refused = signIn("13812345611", code, "203.0.113.9");
		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getCookie(BusinessSecurity.PAGE_COOKIE)).isNull();
		assertThat(signIn("13812345611", code, "198.51.100.7").getRedirectedUrl()).isEqualTo("/my");
	}

	@Test
	void theOverviewCountsBoundLicencesAndChannelsSwitchedOff() throws Exception {
		Cookie session = signedIn();
		form(post("/my/channels").cookie(session).param("voice", "true").param("miniProgram", "true"), "127.0.0.1");
		bindings.bind("oWECHAT-USER-0001", List.of(licence.id()), "PHONE");
		consents.record("oWECHAT-USER-0001", Map.of("TPL-EXPIRY", Consents.Result.ACCEPT));

		String overview = mvc.perform(get("/").with(user("clerk").roles("OPERATOR")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		String panel = overview.substring(overview.indexOf("id=\"business-panel\""));
		assertThat(figure(panel, "business-licences")).as("one licence, bound by two users").isEqualTo("1");
		assertThat(figure(panel, "business-users")).isEqualTo("2");
		assertThat(figure(panel, "business-consenting")).isEqualTo("1");
		assertThat(figure(panel, "business-withdrawn")).isEqualTo("1");
	}

	/** The value shown by the overview's figure of this id. */
	private static String figure(String panel, String id) {
		Matcher value = Pattern.compile("id=\"" + id + "\"[^>]*>\\s*<span class=\"value\">([^<]*)<").matcher(panel);
		assertThat(value.find()).as(id).isTrue();
		return value.group(1);
	}

	@Test
	void theLicenceDetailShowsWhoBoundItHowAndTheChannelsSwitchedOff() throws Exception {
		Cookie session = signedIn();
		form(post("/my/channels").cookie(session).param("sms", "true").param("miniProgram", "true"), "127.0.0.1");

		String page = mvc.perform(get("/licences/" + licence.id()).with(user("clerk").roles("OPERATOR")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		String section = page.substring(page.indexOf("id=\"business-section\""));
		assertThat(section).contains("my-page:", "短信验证码", "未订阅", ">电话<").doesNotContain(PHONE);
		String json = mvc.perform(get("/api/licences/" + licence.id()).with(user("clerk").roles("OPERATOR")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(json).contains("\"method\":\"SMS_CODE\"", "\"channelsOff\":[\"VOICE\"]");
	}

	@Test
	void expiredSessionsCountersAndVerificationsArePurgedAndLiveOnesKept() throws Exception {
		Cookie session = signedIn();
		Instant past = Instant.now().minusSeconds(60);
		mongo.insert(new BusinessSessions.Session("expired-session", "my:someone", null, past, past));
		mongo.insert(new Limits.Counter("phone-day:expired:1", 3, past));
		mongo.insert(new Verifications.Verification("my:someone", List.of(), "salt", "hash", past, 5));

		assertThat(purge.purge()).isEqualTo(3);

		assertThat(mongo.findById("expired-session", BusinessSessions.Session.class)).isNull();
		assertThat(mongo.findById("phone-day:expired:1", Limits.Counter.class)).isNull();
		assertThat(mongo.findById("my:someone", Verifications.Verification.class)).isNull();
		assertThat(mongo.count(new Query(), Limits.Counter.class)).as("this hour's counters").isPositive();
		assertThat(mvc.perform(get("/my").cookie(session)).andReturn().getResponse().getStatus())
			.as("the live session still opens the pages")
			.isEqualTo(200);
	}

	private Cookie signedIn() throws Exception {
		assertThat(requestCode("JY1410002000111", "13812345611").getStatus()).isEqualTo(200);
		MockHttpServletResponse signedIn = signIn("13812345611", codeSentTo(PHONE));
		assertThat(signedIn.getRedirectedUrl()).isEqualTo("/my");
		Cookie session = signedIn.getCookie(BusinessSecurity.PAGE_COOKIE);
		assertThat(session).isNotNull();
		assertThat(session.getPath()).isEqualTo("/my");
		assertThat(session.isHttpOnly()).isTrue();
		return session;
	}

	private MockHttpServletResponse requestCode(String licenceNumber, String phone) throws Exception {
		return requestCode(licenceNumber, phone, "127.0.0.1");
	}

	private MockHttpServletResponse requestCode(String licenceNumber, String phone, String address) throws Exception {
		return form(post("/my/sign-in/code").param("licence", licenceNumber).param("phone", phone), address);
	}

	private MockHttpServletResponse signIn(String phone, String code) throws Exception {
		return signIn(phone, code, "127.0.0.1");
	}

	private MockHttpServletResponse signIn(String phone, String code, String address) throws Exception {
		return form(post("/my/sign-in").param("phone", phone).param("code", code), address);
	}

	private MockHttpServletResponse form(MockHttpServletRequestBuilder request, String address) throws Exception {
		return mvc.perform(request.with(csrf()).with(from -> {
			from.setRemoteAddr(address);
			return from;
		})).andReturn().getResponse();
	}

	@Test
	void choosingSomeChannelsLeavesTheOthersAsTheyAre() {
		String subject = MyPages.subject(PHONE);
		consents.choose(subject, false, null, null);
		Consents.Preferences after = consents.choose(subject, null, false, null);
		assertThat(after.sms()).isFalse();
		assertThat(after.voice()).isFalse();
		assertThat(after.miniProgram()).isTrue();
		assertThat(after.updatedAt()).isNotNull();
		assertThat(consents.preferences(subject)).isEqualTo(after);
	}

	@Test
	void bindingTwiceKeepsTheFirstBindingAndAnnouncesItOnce(ApplicationEvents events) {
		String subject = MyPages.subject(PHONE);
		List<Bindings.Binding> first = bindings.bind(subject, List.of(licence.id()), "SMS_CODE");
		List<Bindings.Binding> again = bindings.bind(subject, List.of(licence.id()), "PHONE");
		assertThat(first).hasSize(1).first().extracting(Bindings.Binding::method).isEqualTo("SMS_CODE");
		assertThat(again).containsExactlyElementsOf(first);
		assertThat(events.stream(BusinessBound.class)).hasSize(1);
	}

	private String codeSentTo(String phone) {
		SimulatedMessage text = simulator.outbox(10)
			.stream()
			.filter(message -> message.recipient().equals(phone))
			.findFirst()
			.orElseThrow();
		Matcher code = CODE.matcher(text.text());
		assertThat(code.find()).isTrue();
		return code.group(1);
	}

	private static String wrongCode(String code) {
		return code.equals("000000") ? "000001" : "000000";
	}

	/**
	 * The page without its CSRF token and with the phone number's last digits blanked.
	 */
	private static String comparable(MockHttpServletResponse response, String lastDigits) throws Exception {
		return CSRF.matcher(response.getContentAsString(StandardCharsets.UTF_8))
			.replaceAll("")
			.replace(lastDigits, "****");
	}

}
