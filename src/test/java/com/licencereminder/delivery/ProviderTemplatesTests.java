package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.licencereminder.delivery.DeliveryRequest.LicenceLine;
import com.licencereminder.delivery.TemplateProperties.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider templates of {@code providers.yml}: rendered into the parameters and the
 * text the business receives, and refused at start-up, naming the entry, when a provider
 * could not send them.
 */
class ProviderTemplatesTests {

	static final MessageTemplates TEMPLATES = MessageRendererTests.templates(Path.of("config/templates"), Language.ZH);

	static final RegulatorProperties REGULATOR = new RegulatorProperties("魏都区市场监管局", "0374-1234567");

	@TempDir
	Path dir;

	ProviderTemplates providers(String yaml) throws IOException {
		Files.writeString(dir.resolve("providers.yml"), yaml);
		return new ProviderTemplates(new TemplateProperties(dir, Language.ZH, 3));
	}

	MessageRenderer renderer(ProviderTemplates providers) {
		return new MessageRenderer(TEMPLATES, providers, REGULATOR, new MiniProgramTemplate(null),
				MessageRendererTests.CLOCK);
	}

	static ChannelSender sender(String set) {
		return new ChannelSender() {

			@Override
			public Channel channel() {
				return Channel.SMS;
			}

			@Override
			public String provider() {
				return "test";
			}

			@Override
			public DeliveryResult send(String attemptId, String recipient, RenderedMessage message) {
				return null;
			}

			@Override
			public String templateSet() {
				return set;
			}

			@Override
			public String asReceived(String text) {
				return "【签名】" + text;
			}

		};
	}

	static DeliveryRequest request(int offset, LicenceLine... licences) {
		return new DeliveryRequest("r", Channel.SMS, "+8613812345678", "甲店", offset, List.of(licences), false);
	}

	static LicenceLine licence(String number, LocalDate until) {
		return new LicenceLine(number, 1, "食品经营许可证", number, until, null);
	}

	@Test
	void theShippedMappingRendersTheParametersAndTheTextAsReceived() {
		MessageRenderer renderer = renderer(
				new ProviderTemplates(new TemplateProperties(Path.of("config/templates"), Language.ZH, 3)));

		RenderedMessage message = renderer.render(request(30, licence("JY1", MessageRendererTests.TODAY.plusDays(30))),
				sender("aliyun"));

		assertThat(message.fields()).containsExactly(Map.entry("licenceType", "食品经营许可证"),
				Map.entry("licenceNumber", "JY1"), Map.entry("validUntil", "2026年3月31日"));
		assertThat(message.template()).isNull();
		assertThat(message.text()).isEqualTo("【签名】您的食品经营许可证（编号JY1）有效期至2026年3月31日，请及时办理延续。回复1确认收到，回复TD退订。");
	}

	@Test
	void theShippedTencentSetRendersPositionalParametersInOrder() {
		MessageRenderer renderer = renderer(
				new ProviderTemplates(new TemplateProperties(Path.of("config/templates"), Language.ZH, 3)));

		RenderedMessage message = renderer.render(request(30, licence("JY1", MessageRendererTests.TODAY.plusDays(30))),
				sender("tencent"));

		assertThat(message.fields().values()).containsExactly("食品经营许可证", "JY1", "2026年3月31日");
		assertThat(message.template()).isNull();
		assertThat(message.text()).isEqualTo("【签名】您的食品经营许可证（编号JY1）有效期至2026年3月31日，请及时办理延续。回复1确认收到，回复TD退订。");
	}

	@Test
	void aParameterThatCanBeLongerThanTencentAllowsIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> renderer(providers("""
				tencent:
				  voice:
				    default: {code: "", text: "${holder}", params: [holder]}
				""")))
			.withMessageContaining("tencent:voice:default")
			.withMessageContaining("holder can be 40 characters");
	}

	@Test
	void aStageOrDigestEntryWinsOverDefaultWithItsOwnCode() throws IOException {
		MessageRenderer renderer = renderer(providers("""
				aliyun:
				  sms:
				    default: {code: "", text: "${licenceNumber}", params: [licenceNumber]}
				    stage.7: {code: SMS_7, text: "七天：${licenceNumber}", params: [licenceNumber]}
				    digest: {code: SMS_D, text: "${count}个证照，最早${validUntil}", params: [count, validUntil]}
				"""));

		RenderedMessage stage = renderer.render(request(7, licence("JY1", MessageRendererTests.TODAY.plusDays(7))),
				sender("aliyun"));
		RenderedMessage digest = renderer.render(request(7, licence("JY1", MessageRendererTests.TODAY.plusDays(7)),
				licence("JY2", MessageRendererTests.TODAY.plusDays(3))), sender("aliyun"));

		assertThat(stage.template()).isEqualTo("SMS_7");
		assertThat(stage.text()).isEqualTo("【签名】七天：JY1");
		assertThat(digest.template()).isEqualTo("SMS_D");
		assertThat(digest.fields()).containsExactly(Map.entry("count", "2"), Map.entry("validUntil", "2026年3月4日"));
	}

	@Test
	void aSenderWithoutATemplateSetGetsTheServicesOwnText() {
		MessageRenderer renderer = renderer(
				new ProviderTemplates(new TemplateProperties(Path.of("config/templates"), Language.ZH, 3)));
		DeliveryRequest request = request(30, licence("JY1", MessageRendererTests.TODAY.plusDays(30)));

		assertThat(renderer.render(request, sender(null))).isEqualTo(renderer.render(request));
	}

	@Test
	void anUnknownPlaceholderIsRefusedNamingTheEntry() {
		assertThatIllegalStateException().isThrownBy(() -> renderer(providers("""
				aliyun:
				  sms:
				    default: {code: "", text: "${licenceName}", params: [licenceName]}
				""")))
			.withMessageContaining("aliyun:sms:default")
			.withMessageContaining("unknown placeholder licenceName");
	}

	@Test
	void aVariableThatIsNotAParameterIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> renderer(providers("""
				aliyun:
				  sms:
				    default: {code: "", text: "${licenceType} ${validUntil}", params: [licenceType]}
				"""))).withMessageContaining("aliyun:sms:default").withMessageContaining("${validUntil}");
	}

	@Test
	void aParameterThatCanBeLongerThanAliyunAllowsIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> renderer(providers("""
				aliyun:
				  sms:
				    default: {code: "", text: "${holder}", params: [holder]}
				"""))).withMessageContaining("aliyun:sms:default").withMessageContaining("holder can be 40 characters");
	}

	@Test
	void voiceParametersLongerThan250InAllAreRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> providers(
					"""
							aliyun:
							  voice:
							    default:
							      code: ""
							      text: "${licenceType}${licenceNumber}${issuer}${validUntil}${daysLeft}${daysOverdue}${regulator}${hotline}"
							      params: [licenceType, licenceNumber, issuer, validUntil, daysLeft, daysOverdue, regulator, hotline]
							""")
				.check(Map.of("licenceType", "证".repeat(35), "licenceNumber", "号".repeat(35), "issuer", "局".repeat(35),
						"validUntil", "日".repeat(35), "daysLeft", "9".repeat(35), "daysOverdue", "9".repeat(35),
						"regulator", "监".repeat(35), "hotline", "1".repeat(35))))
			.withMessageContaining("aliyun:voice:default")
			.withMessageContaining("more than the 250");
	}

	@Test
	void aLinkIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> renderer(providers("""
				aliyun:
				  sms:
				    default: {code: "", text: "详见 https://example.cn ${licenceType}", params: [licenceType]}
				"""))).withMessageContaining("aliyun:sms:default").withMessageContaining("link");
		assertThatIllegalStateException()
			.isThrownBy(() -> new MessageRenderer(TEMPLATES, providers("""
					aliyun:
					  sms:
					    default: {code: "", text: "${regulator}", params: [regulator]}
					"""), new RegulatorProperties("www.scjg.gov.cn", null), new MiniProgramTemplate(null),
					MessageRendererTests.CLOCK))
			.withMessageContaining("regulator holds a link");
	}

	@Test
	void anEntryOtherThanDefaultNeedsItsOwnCode() {
		assertThatIllegalStateException().isThrownBy(() -> renderer(providers("""
				aliyun:
				  sms:
				    default: {code: "", text: "${licenceType}", params: [licenceType]}
				    today: {code: "", text: "${licenceType}", params: [licenceType]}
				"""))).withMessageContaining("aliyun:sms:today").withMessageContaining("its own approved template");
	}

}
