package com.licencereminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.SimulatorControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What operations watch: after a sample import whose reminders go out through Quartz, the
 * import, reminder and provider metrics are at {@code /actuator/prometheus}, the health
 * groups answer, and no log line carries a phone number or an openid. Long-term
 * subscriptions let the imported openid receive its message without a grant.
 */
@SpringBootTest(properties = { "licence-reminder.dispatch.poll-interval=1s", "licence-reminder.dispatch.lease=30s",
		"licence-reminder.send-windows.enabled=false", "licence-reminder.wechat.subscription=long-term" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTests {

	/** A Chinese mobile, with or without country code, in any log line. */
	private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(?:\\+?86)?1[3-9]\\d{9}(?!\\d)");

	private static final String OPENID = "oObsv1234567890abcdefXYZ";

	@Autowired
	MockMvc mvc;

	@Autowired
	SimulatorControl simulator;

	@Test
	void anImportAndItsDispatchShowInMetricsAndLeaveNoNumberInTheLogs(CapturedOutput output) throws Exception {
		simulator.reset();
		simulator.failRecipient(OPENID, Outcome.PERMANENT_FAILURE, "43101");
		LocalDate soon = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(6);
		String csv = "企业名称,证照名称,证照编号,有效期至,联系电话,小程序openid\n" + "观测店,食品经营许可证,OBS1," + soon + ",+86 139 1234 0077,\n"
				+ "观测店,食品经营许可证,OBS1," + soon + ",13912340078," + OPENID + "\n" + "无日期店,食品经营许可证,OBS2,,13912340079,\n";
		mvc.perform(multipart("/api/imports")
			.file(new MockMultipartFile("file", "obs.csv", null, csv.getBytes(StandardCharsets.UTF_8)))
			.with(httpBasic("admin", "test-secret"))).andExpect(status().isAccepted());

		await().atMost(Duration.ofSeconds(30))
			.until(() -> simulator.outbox(50)
				.stream()
				.anyMatch(m -> m.channel() == Channel.SMS && m.recipient().equals("+8613912340078")));
		String metrics = await().atMost(Duration.ofSeconds(10))
			.until(this::prometheus, text -> text.contains("errorCode=\"43101\""));

		// counters are per context, which other tests with the same settings share: at
		// least this import's rows
		assertThat(metrics).containsPattern("imports_rows_total\\{outcome=\"accepted\"} [1-9]")
			.containsPattern("imports_rows_total\\{outcome=\"duplicate\"} [1-9]")
			.containsPattern("imports_rows_total\\{outcome=\"rejected\"} [1-9]")
			.contains("imports_duration_seconds_count{status=\"COMPLETED\"}")
			.contains("reminder_tasks_planned_total")
			.contains("reminder_tasks_due_total")
			.contains("reminder_tasks_sent_total")
			.contains("reminder_tasks_cancelled_total")
			.contains("reminder_lateness_seconds_bucket")
			.contains("reminder_queue_depth")
			.containsPattern(
					"delivery_send_seconds_count\\{channel=\"SMS\",errorCode=\"none\",outcome=\"SENT\",provider=\"simulator\"}")
			.containsPattern(
					"delivery_send_seconds_count\\{channel=\"MINI_PROGRAM\",errorCode=\"43101\",outcome=\"PERMANENT_FAILURE\",provider=\"simulator\"}");
		assertThat(output.getAll()).contains("Import").doesNotContainPattern(MOBILE).doesNotContain(OPENID);
	}

	@Test
	void livenessIsTheProcessAndReadinessIncludesTheStore() throws Exception {
		mvc.perform(get("/actuator/health/liveness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
		mvc.perform(get("/actuator/health/readiness").with(httpBasic("admin", "test-secret")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.mongo.status").value("UP"))
			.andExpect(jsonPath("$.components.readinessState.status").value("UP"));
	}

	private String prometheus() throws Exception {
		return mvc.perform(get("/actuator/prometheus").with(httpBasic("admin", "test-secret")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

}
