package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.licencereminder.delivery.DeliveryAttempt.StatusChange;
import com.licencereminder.delivery.DeliveryRequest.LicenceLine;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.jayway.jsonpath.JsonPath;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The delivery log API and the simulator outbox: filters, paging, masking and the CSV
 * export.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class DeliveryApiTests {

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
		mongo.remove(new Query(), DeliveryAttempt.class);
		mongo.remove(new Query(), DeliveryReference.class);
		simulator.reset();
	}

	/**
	 * Four attempts: a1 on 1 March 09:00, a2 on 2 March 23:30, a3 on 3 March 00:30 and a4
	 * on 4 March 08:00, Beijing time (a3 is still 2 March in UTC).
	 */
	void fourAttempts() {
		attempt("a1", "licence-1", Channel.SMS, AttemptStatus.SENT, "2026-03-01T01:00:00Z", "甲店");
		attempt("a2", "licence-2", Channel.VOICE, AttemptStatus.FAILED, "2026-03-02T15:30:00Z", "乙店");
		attempt("a3", List.of("licence-1", "licence-2"), Channel.MINI_PROGRAM, AttemptStatus.SENT,
				"2026-03-02T16:30:00Z", "丙店");
		attempt("a4", "licence-3", Channel.SMS, AttemptStatus.SENDING, "2026-03-04T00:00:00Z",
				"=HYPERLINK(\"http://evil.example\",\"点我\")");
	}

	void attempt(String id, String licenceId, Channel channel, AttemptStatus status, String at, String holder) {
		attempt(id, List.of(licenceId), channel, status, at, holder);
	}

	void attempt(String id, List<String> licenceIds, Channel channel, AttemptStatus status, String at, String holder) {
		Instant created = Instant.parse(at);
		Outcome outcome = status == AttemptStatus.SENT ? Outcome.SENT
				: status == AttemptStatus.FAILED ? Outcome.PERMANENT_FAILURE : null;
		mongo.insert(new DeliveryAttempt(id, "task-" + id, channel, "simulator",
				channel == Channel.MINI_PROGRAM ? OPENID : MOBILE, holder, licenceIds, 7, "text of " + id, Map.of(),
				status, outcome, null, status == AttemptStatus.FAILED ? "21211" : null, null, false, null,
				List.of(new StatusChange(status.name(), created, null)), created, created));
	}

	List<String> ids(MockHttpServletRequestBuilder request) throws Exception {
		String json = mvc.perform(request.with(httpBasic("admin", "test-secret")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		return JsonPath.read(json, "$.content[*].id");
	}

	@Test
	void theLogIsNewestFirstAndFilteredByLicenceChannelStatusAndTime() throws Exception {
		fourAttempts();

		assertThat(ids(get("/api/deliveries"))).containsExactly("a4", "a3", "a2", "a1");
		assertThat(ids(get("/api/deliveries").param("licenceId", "licence-1"))).containsExactly("a3", "a1");
		assertThat(ids(get("/api/deliveries").param("channel", "sms"))).containsExactly("a4", "a1");
		assertThat(ids(get("/api/deliveries").param("status", "FAILED"))).containsExactly("a2");
		assertThat(ids(get("/api/deliveries").param("from", "2026-03-02").param("to", "2026-03-02")))
			.containsExactly("a2");
		assertThat(ids(get("/api/deliveries").param("from", "2026-03-03"))).containsExactly("a4", "a3");
		assertThat(
				ids(get("/api/deliveries").param("from", "2026-03-02T15:30:00Z").param("to", "2026-03-02T16:30:00Z")))
			.containsExactly("a2");
		assertThat(ids(get("/api/deliveries").param("from", "2026-03-03T00:00+08:00").param("to", "2026-03-04T07:59")))
			.containsExactly("a3");
		assertThat(ids(get("/api/deliveries").param("licenceId", "licence-2")
			.param("channel", "VOICE")
			.param("status", "SENT"))).isEmpty();
	}

	@Test
	void pagesCountTheMatchingAttempts() throws Exception {
		fourAttempts();

		mvc.perform(
				get("/api/deliveries").param("page", "1").param("size", "3").with(httpBasic("admin", "test-secret")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[*].id").value(org.hamcrest.Matchers.contains("a1")))
			.andExpect(jsonPath("$.page").value(1))
			.andExpect(jsonPath("$.size").value(3))
			.andExpect(jsonPath("$.totalElements").value(4))
			.andExpect(jsonPath("$.totalPages").value(2));
	}

	@Test
	void recipientsAreMaskedUnlessTheCallerIsAnAdministrator() throws Exception {
		fourAttempts();

		mvc.perform(get("/api/deliveries").param("channel", "SMS")
			.param("size", "1")
			.with(httpBasic("admin", "test-secret"))).andExpect(jsonPath("$.content[0].recipient").value(MOBILE));
		mvc.perform(
				get("/api/deliveries").param("channel", "SMS").param("size", "1").with(user("clerk").roles("OPERATOR")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].recipient").value("138****5678"));
		mvc.perform(get("/api/deliveries").param("channel", "MINI_PROGRAM").with(user("clerk").roles("OPERATOR")))
			.andExpect(jsonPath("$.content[0].recipient").value("oABC****XYZ0"));
	}

	@Test
	void theExportIsCsvWithMaskedNumbersAndNoFormulas() throws Exception {
		fourAttempts();

		var response = mvc
			.perform(get("/api/deliveries/export").param("channel", "SMS").with(httpBasic("admin", "test-secret")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn()
			.getResponse();
		String csv = response.getContentAsString(StandardCharsets.UTF_8);

		assertThat(csv).startsWith("createdAt,attemptId,reference,channel,provider,recipient,holderName,");
		List<CSVRecord> rows = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv))
			.getRecords();
		assertThat(rows).extracting(r -> r.get("attemptId")).containsExactly("a4", "a1");
		assertThat(rows.get(0).get("holderName")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"点我\")");
		assertThat(rows.get(0).get("recipient")).isEqualTo("138****5678");
		assertThat(rows.get(0).get("createdAt")).isEqualTo("2026-03-04T08:00+08:00");
		assertThat(rows.get(1).get("holderName")).isEqualTo("甲店");
		assertThat(csv).doesNotContain(MOBILE).doesNotContain(",=");
	}

	@Test
	void theSimulatorOutboxShowsWhatWouldHaveBeenSentNewestFirst() throws Exception {
		LocalDate until = LocalDate.now(clock).plusDays(30);
		for (String reference : List.of("task-1", "task-2", "task-3")) {
			deliveries.send(new DeliveryRequest(reference, Channel.SMS, MOBILE, "甲店", 30,
					List.of(new LicenceLine("licence-1", 1, "食品经营许可证", reference, until, null)), false));
		}
		mvc.perform(get("/api/simulator/outbox").with(user("clerk").roles("OPERATOR")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/simulator/outbox").param("size", "2").with(httpBasic("admin", "test-secret")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalElements").value(3))
			.andExpect(jsonPath("$.totalPages").value(2))
			.andExpect(jsonPath("$.content.length()").value(2))
			.andExpect(jsonPath("$.content[0].text").value(org.hamcrest.Matchers.containsString("编号task-3")))
			.andExpect(jsonPath("$.content[1].text").value(org.hamcrest.Matchers.containsString("编号task-2")))
			.andExpect(jsonPath("$.content[0].recipient").value(MOBILE))
			.andExpect(jsonPath("$.content[0].providerId").value(org.hamcrest.Matchers.startsWith("SIM-")));
		assertThat(ids(get("/api/deliveries"))).hasSize(3);
	}

}
