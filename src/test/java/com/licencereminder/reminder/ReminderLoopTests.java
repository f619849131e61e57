package com.licencereminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.SimulatedMessage;
import com.licencereminder.delivery.SimulatorControl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole loop as the embedded default runs it, with the real clock and Quartz: an
 * imported licence's due reminder is planned and then sent through the simulator by the
 * polling dispatcher.
 */
@SpringBootTest(properties = { "licence-reminder.dispatch.poll-interval=1s", "licence-reminder.dispatch.lease=30s",
		"licence-reminder.send-windows.enabled=false" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ReminderLoopTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	SimulatorControl simulator;

	@Autowired
	MongoTemplate mongo;

	@Test
	void aDueReminderIsSentByTheQuartzDispatcher() throws Exception {
		simulator.reset();
		LocalDate inSevenDays = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(6);
		String csv = "企业名称,证照名称,证照编号,有效期至,联系电话\n循环店,食品经营许可证,LOOP1," + inSevenDays + ",13912340001\n";

		mvc.perform(multipart("/api/imports")
			.file(new MockMultipartFile("file", "loop.csv", null, csv.getBytes(StandardCharsets.UTF_8)))
			.with(httpBasic("admin", "test-secret"))).andExpect(status().isAccepted());

		await().atMost(Duration.ofSeconds(30))
			.until(() -> mongo.count(new org.springframework.data.mongodb.core.query.Query(), ReminderTask.class) > 0);
		SimulatedMessage sms = await().atMost(Duration.ofSeconds(30))
			.until(() -> simulator.outbox(50)
				.stream()
				.filter(m -> m.recipient().equals("+8613912340001") && m.channel() == Channel.SMS)
				.findFirst()
				.orElse(null), m -> m != null);
		assertThat(sms.text()).contains("LOOP1").contains("循环店");
	}

}
