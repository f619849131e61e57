package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.licencereminder.delivery.DeliveryRequest.LicenceLine;
import com.licencereminder.delivery.TemplateProperties.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Rendering from the templates in {@code config/templates} on a fixed clock: 2026-03-01
 * in Asia/Shanghai.
 */
@ExtendWith(OutputCaptureExtension.class)
class MessageRendererTests {

	static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

	static final Clock CLOCK = Clock.fixed(TODAY.atTime(9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant(),
			ZoneId.of("Asia/Shanghai"));

	final MessageRenderer renderer = renderer(templates(Path.of("config/templates"), Language.ZH),
			new RegulatorProperties("魏都区市场监管局", "0374-1234567"), new MiniProgramTemplate(null));

	static MessageTemplates templates(Path dir, Language language) {
		return new MessageTemplates(new TemplateProperties(dir, language, 3));
	}

	static MessageRenderer renderer(MessageTemplates templates, RegulatorProperties regulator,
			MiniProgramTemplate fields) {
		return new MessageRenderer(templates,
				new ProviderTemplates(new TemplateProperties(Path.of("config/templates"), Language.ZH, 3)), regulator,
				fields, CLOCK);
	}

	static LicenceLine licence(String type, String number, LocalDate until) {
		return new LicenceLine(number, 1, type, number, until, null);
	}

	static DeliveryRequest request(Channel channel, LicenceLine... licences) {
		return request(channel, 0, licences);
	}

	static DeliveryRequest request(Channel channel, int stageOffsetDays, LicenceLine... licences) {
		return new DeliveryRequest("r", channel, "+8613812345678", "甲店", stageOffsetDays, List.of(licences), false);
	}

	@TempDir
	Path dir;

	MessageRenderer withZh(String templates) throws IOException {
		Files.writeString(this.dir.resolve("zh.properties"), templates);
		return renderer(templates(this.dir, Language.ZH), new RegulatorProperties("魏都区市场监管局", "0374-1234567"),
				new MiniProgramTemplate(null));
	}

	@Test
	void smsAheadOfExpiry() {
		assertThat(renderer.render(request(Channel.SMS, licence("食品经营许可证", "JY1", TODAY.plusDays(30)))).text())
			.isEqualTo(
					"【魏都区市场监管局】甲店：您的食品经营许可证（编号JY1）将于2026年3月31日到期，剩余30天，请及时办理延续。" + "咨询电话：0374-1234567。回复1确认收到，回复TD退订。");
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
		String text = renderer
			.render(request(Channel.SMS, licence("食品经营许可证", "JY1", TODAY.plusDays(7)),
					licence("药品经营许可证", "豫AA1", TODAY.minusDays(1))))
			.text();

		assertThat(text).isEqualTo("【魏都区市场监管局】甲店：您的以下2个证照：1. 食品经营许可证（编号JY1）将于2026年3月8日到期，剩余7天；"
				+ "2. 药品经营许可证（编号豫AA1）已于2026年2月28日到期，已过期1天。请尽快办理延续。" + "咨询电话：0374-1234567。回复1确认收到，回复TD退订。");
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
		MessageRenderer custom = renderer(templates(Path.of("config/templates"), Language.ZH),
				new RegulatorProperties("魏都区市场监管局", null), new MiniProgramTemplate(
						Map.of("name1", "holderName", "character_string2", "licenceNumber", "date3", "validUntil")));

		RenderedMessage message = custom
			.render(request(Channel.MINI_PROGRAM, licence("药品经营许可证", "豫AA3740001", TODAY.plusDays(7))));

		assertThat(message.fields()).containsOnlyKeys("name1", "character_string2", "date3");
		assertThat(message.fields()).containsEntry("character_string2", "AA3740001")
			.containsEntry("date3", "2026年3月8日");
	}

	@Test
	void anUnknownFieldSourceIsRefusedNamingTheKey() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new MiniProgramTemplate(Map.of("thing9", "colour")))
			.withMessageContaining("licence-reminder.wechat.fields.thing9");
	}

	@Test
	void voiceAfterExpiryAndVoiceDigests() {
		assertThat(renderer.render(request(Channel.VOICE, licence("食品经营许可证", "JY1", TODAY.minusDays(3)))).text())
			.isEqualTo(
					"您好，这里是魏都区市场监管局。甲店，您的食品经营许可证（编号JY1）已于2026年2月26日到期，已过期3天，请尽快办理延续。" + "咨询电话：0374-1234567。确认收到请按1。");
		assertThat(renderer
			.render(request(Channel.VOICE, licence("食品经营许可证", "JY1", TODAY.plusDays(7)),
					licence("药品经营许可证", "豫AA1", TODAY.plusDays(9))))
			.text())
			.isEqualTo("您好，这里是魏都区市场监管局。甲店，您的以下2个证照：1. 食品经营许可证（编号JY1）将于2026年3月8日到期，剩余7天；"
					+ "2. 药品经营许可证（编号豫AA1）将于2026年3月10日到期，剩余9天。请及时办理延续。咨询电话：0374-1234567。确认收到请按1。");
	}

	@Test
	void aStageWithItsOwnTemplateUsesItAndOtherStagesKeepTheDefault() throws IOException {
		MessageRenderer staged = withZh("sms.stage.90={holder}：{licenceType}{licenceNumber}（{issuer}发）{validUntil}到期，"
				+ "还有{daysLeft}天。{regulator}{hotline}。回复1确认，回复TD退订\n");
		LicenceLine licence = new LicenceLine("l", 1, "食品经营许可证", "JY1", TODAY.plusDays(89), "魏都区市场监管局");

		assertThat(staged.render(request(Channel.SMS, 90, licence)).text())
			.isEqualTo("甲店：食品经营许可证JY1（魏都区市场监管局发）2026年5月29日到期，还有89天。魏都区市场监管局0374-1234567。回复1确认，回复TD退订");
		assertThat(staged.render(request(Channel.SMS, 30, licence)).text())
			.isEqualTo(renderer.render(request(Channel.SMS, 30, licence)).text())
			.startsWith("【魏都区市场监管局】甲店：您的食品经营许可证");
		assertThat(staged.render(request(Channel.VOICE, 90, licence)).text()).startsWith("您好，这里是");
	}

	@Test
	void valuesAreInsertedAsTheyAreNotReadAsTemplates() {
		DeliveryRequest request = new DeliveryRequest("r", Channel.SMS, "+8613812345678", "{holder}店$1\\", 0,
				List.of(licence("{licenceType}", "{x}", TODAY.plusDays(1))), false);

		assertThat(renderer.render(request).text()).startsWith("【魏都区市场监管局】{holder}店$1\\：您的{licenceType}（编号{x}）");
	}

	@Test
	void englishIsChosenByTheLanguage() {
		MessageRenderer english = renderer(templates(Path.of("config/templates"), Language.EN),
				new RegulatorProperties("Weidu AMR", "12315"), new MiniProgramTemplate(null));

		assertThat(english.render(request(Channel.SMS, licence("Food licence", "JY1", TODAY.plusDays(30)))).text())
			.isEqualTo("[Weidu AMR] 甲店: your Food licence (no. JY1) expires on 2026-03-31, in 30 days. "
					+ "Please apply for renewal in time. Questions: 12315. Reply 1 to confirm, STOP to opt out.");
		assertThat(english
			.render(request(Channel.SMS, licence("Food licence", "JY1", TODAY.plusDays(7)),
					licence("Drug licence", "AA1", TODAY)))
			.text())
			.isEqualTo("[Weidu AMR] 甲店: your 2 licences: 1. Food licence (no. JY1) expires on 2026-03-08, in 7 days; "
					+ "2. Drug licence (no. AA1) expires today (2026-03-01). Please apply for renewal now. "
					+ "Questions: 12315. Reply 1 to confirm, STOP to opt out.");
		assertThat(english.render(request(Channel.MINI_PROGRAM, licence("Food licence", "JY1", TODAY.minusDays(2))))
			.fields()).containsEntry("thing4", "Expired 2 days ago").containsEntry("time3", "2026-02-27");
	}

	@Test
	void withoutTheFolderTheBuiltInTemplatesRenderTheSameAndAWarningIsLogged(CapturedOutput output) {
		MessageRenderer builtIn = renderer(templates(this.dir.resolve("missing"), Language.ZH),
				new RegulatorProperties("魏都区市场监管局", "0374-1234567"), new MiniProgramTemplate(null));
		DeliveryRequest request = request(Channel.SMS, licence("食品经营许可证", "JY1", TODAY.plusDays(30)));

		assertThat(builtIn.render(request).text()).isEqualTo(renderer.render(request).text());
		assertThat(output).contains("WARN")
			.contains("Message template folder")
			.contains("using the built-in templates");
	}

	@Test
	void aFileOverridesOnlyTheKeysItHas() throws IOException {
		MessageRenderer custom = withZh("hotline-note=热线{hotline}。\n");

		assertThat(custom.render(request(Channel.SMS, licence("食品经营许可证", "JY1", TODAY.plusDays(30)))).text())
			.isEqualTo("【魏都区市场监管局】甲店：您的食品经营许可证（编号JY1）将于2026年3月31日到期，剩余30天，请及时办理延续。" + "热线0374-1234567。回复1确认收到，回复TD退订。");
	}

	@Test
	void theWorstCaseOfEverySmsTemplateIsLogged(CapturedOutput output) {
		renderer(templates(Path.of("config/templates"), Language.ZH),
				new RegulatorProperties("魏都区市场监管局", "0374-1234567"), new MiniProgramTemplate(null));

		assertThat(output)
			.containsPattern("SMS templates \\(ZH\\), worst case: sms\\.default 3 segment\\(s\\), 171 UCS-2 "
					+ "characters; sms\\.digest \\d+ segment\\(s\\), \\d+ UCS-2 characters; sms\\.digest-urgent ");
	}

	@Test
	void aTemplateThatCanTakeTooManySegmentsIsWarnedOf(CapturedOutput output) throws IOException {
		withZh("sms.today={holder}{licenceType}{licenceNumber}{issuer}{validUntil}{holder}{licenceNumber}回复1确认收到，回复TD退订。\n");

		assertThat(output)
			.containsPattern("WARN .*SMS template sms\\.today in .*zh\\.properties can take 4 segment\\(s\\), "
					+ "216 UCS-2 characters in the worst case");
		assertThat(output).doesNotContainPattern("WARN .*SMS template sms\\.default ");
	}

}
