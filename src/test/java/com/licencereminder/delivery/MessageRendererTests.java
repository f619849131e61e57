package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.time.ZoneId;
import java.util.List;

import com.licencereminder.delivery.DeliveryRequest.LicenceLine;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Rendering on a fixed clock: 2026-03-01 in Asia/Shanghai. */
class MessageRendererTests {

	static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

	final MessageRenderer renderer = new MessageRenderer(messages(), new RegulatorProperties("魏都区市场监管局", "0374-1234567"),
			new MiniProgramTemplate(null), Clock.fixed(TODAY.atTime(9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant(), ZoneId.of("Asia/Shanghai")));

	static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	static LicenceLine licence(String type, String number, LocalDate until) {
		return new LicenceLine(number, 1, type, number, until, null);
	}

	static DeliveryRequest request(Channel channel, LicenceLine... licences) {
		return new DeliveryRequest("r", channel, "+8613812345678", "甲店", 0, List.of(licences), false);
	}

	@Test
	void smsAheadOfExpiry() {
		assertThat(renderer.render(request(Channel.SMS, licence("食品经营许可证", "JY1", TODAY.plusDays(30)))).text())
			.isEqualTo("【魏都区市场监管局】甲店：您的食品经营许可证（编号JY1）将于2026年3月31日到期，剩余30天，请及时办理延续。"
					+ "咨询电话：0374-1234567。回复1确认收到，回复TD退订。");
	}

	@Test
	void onTheDayAndAfterExpiry() {
		assertThat(renderer.render(request(Channel.SMS, licence("食品经营许可证", "JY1", TODAY))).text())
			.contains("您的食品经营许可证（编号JY1）今天（2026年3月1日）到期，请尽快办理延续。");
		assertThat(renderer.render(request(Channel.SMS, licence("食品经营许可证", "JY1", TODAY.minusDays(2)))).text())
			.contains("已于2026年2月27日到期，已过期2天，请尽快办理延续。");
	}

	@Test
	void aDigestListsEveryLicence() {
		String text = renderer.render(request(Channel.SMS, licence("食品经营许可证", "JY1", TODAY.plusDays(7)),
				licence("药品经营许可证", "豫AA1", TODAY.minusDays(1)))).text();

		assertThat(text).isEqualTo("【魏都区市场监管局】甲店：您的以下2个证照：1. 食品经营许可证（编号JY1）将于2026年3月8日到期，剩余7天；"
				+ "2. 药品经营许可证（编号豫AA1）已于2026年2月28日到期，已过期1天。请尽快办理延续。"
				+ "咨询电话：0374-1234567。回复1确认收到，回复TD退订。");
	}

	@Test
	void voiceAsksForTheKeypress() {
		assertThat(renderer.render(request(Channel.VOICE, licence("食品经营许可证", "JY1", TODAY.plusDays(7)))).text())
			.startsWith("您好，这里是魏都区市场监管局。甲店，您的食品经营许可证")
			.endsWith("确认收到请按1。")
			.doesNotContain("TD");
	}

	@Test
	void miniProgramFieldsFitTheTemplateLimits() {
		RenderedMessage message = renderer.render(request(Channel.MINI_PROGRAM,
				licence("公共场所卫生许可证（住宿业、沐浴场所、美容美发场所）", "豫卫公证字〔2023〕第411002000123号", TODAY.plusDays(30)),
				licence("食品经营许可证", "JY1", TODAY.plusDays(90))));

		assertThat(message.fields()).containsOnlyKeys("thing1", "thing2", "time3", "thing4");
		assertThat(message.fields().values()).allSatisfy(v -> assertThat(v.length()).isLessThanOrEqualTo(20));
		assertThat(message.fields().get("thing1")).startsWith("公共场所卫生许可证").endsWith("…");
		assertThat(message.fields().get("thing2")).startsWith("豫卫公证字").endsWith("…");
		assertThat(message.fields()).containsEntry("time3", "2026年3月31日").containsEntry("thing4", "剩余30天，请及时办理延续");
		assertThat(message.text()).doesNotContain("回复TD");
	}


	@Test
	void miniProgramFieldsFollowTheConfiguredMapping() {
		MessageRenderer custom = new MessageRenderer(messages(), new RegulatorProperties("魏都区市场监管局", null),
				new MiniProgramTemplate(Map.of("name1", "holderName", "character_string2", "licenceNumber", "date3", "validUntil")),
				Clock.fixed(TODAY.atTime(9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant(), ZoneId.of("Asia/Shanghai")));

		RenderedMessage message = custom.render(request(Channel.MINI_PROGRAM, licence("药品经营许可证", "豫AA3740001", TODAY.plusDays(7))));

		assertThat(message.fields()).containsOnlyKeys("name1", "character_string2", "date3");
		assertThat(message.fields()).containsEntry("character_string2", "AA3740001").containsEntry("date3", "2026年3月8日");
	}

	@Test
	void anUnknownFieldSourceIsRefusedNamingTheKey() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new MiniProgramTemplate(Map.of("thing9", "colour")))
			.withMessageContaining("licence-reminder.wechat.fields.thing9");
	}

}
