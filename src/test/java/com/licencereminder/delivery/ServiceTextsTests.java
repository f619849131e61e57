package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.TemplateProperties.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service texts (verification codes) through the routed SMS providers: a provider that
 * sends only approved templates gets its {@code verification-code} template, and is
 * passed over without one; a free-text provider gets the text.
 */
class ServiceTextsTests {

	static final String MOBILE = "+8613812345678";

	static final String TEXT = "您的证照提醒绑定验证码为 123456，10 分钟内有效。";

	static final Map<String, String> VALUES = Map.of("code", "123456", "minutes", "10");

	@TempDir
	Path dir;

	final List<String> sent = new ArrayList<>();

	/** What the first provider answers; null: it accepts. */
	DeliveryResult answer;

	@Test
	void aTemplateProviderSendsItsVerificationCodeTemplateWithTheCode() throws IOException {
		ServiceTexts texts = texts("""
				aliyun:
				  sms:
				    default:
				      code: ""
				      text: "您的${licenceType}有效期至${validUntil}。"
				      params: [licenceType, validUntil]
				    verification-code:
				      code: SMS_900000001
				      text: "您的验证码为${code}，${minutes}分钟内有效。"
				      params: [code, minutes]
				""");

		assertThat(texts.send(MOBILE, TEXT, ServiceTexts.VERIFICATION_CODE, VALUES)).isTrue();

		assertThat(sent)
			.containsExactly("aliyun SMS_900000001 {code=123456, minutes=10} 【魏都市场监管】您的验证码为123456，10分钟内有效。");
	}

	@Test
	void withoutSuchATemplateTheCodeGoesThroughAFreeTextProvider() throws IOException {
		ServiceTexts texts = texts("""
				aliyun:
				  sms:
				    default:
				      code: ""
				      text: "您的${licenceType}有效期至${validUntil}。"
				      params: [licenceType, validUntil]
				""");

		assertThat(texts.send(MOBILE, TEXT, ServiceTexts.VERIFICATION_CODE, VALUES)).isTrue();

		assertThat(sent).containsExactly("twilio null {} " + TEXT);
	}

	@Test
	void aSendThatMayHaveGoneOutIsNotRepeatedThroughTheNextProvider() throws IOException {
		ServiceTexts texts = texts("""
				aliyun:
				  sms:
				    default:
				      code: ""
				      text: "您的${licenceType}有效期至${validUntil}。"
				      params: [licenceType, validUntil]
				    verification-code:
				      code: SMS_900000001
				      text: "您的验证码为${code}。"
				      params: [code]
				""");
		answer = new DeliveryResult(Outcome.TRANSIENT_FAILURE, null, null, DeliveryResult.TIMEOUT, "Read timed out");

		assertThat(texts.send(MOBILE, TEXT, ServiceTexts.VERIFICATION_CODE, VALUES)).isFalse();

		assertThat(sent).singleElement().asString().startsWith("aliyun ");
	}

	@Test
	void aVerificationTemplateMayOnlyNameTheCodeAndItsMinutes() throws IOException {
		ProviderTemplates templates = templates("""
				aliyun:
				  sms:
				    default:
				      code: ""
				      text: "您的${licenceType}有效期至${validUntil}。"
				      params: [licenceType, validUntil]
				    verification-code:
				      code: SMS_900000001
				      text: "${holder}的验证码为${code}。"
				      params: [holder, code]
				""");

		assertThatIllegalStateException().isThrownBy(() -> templates.check(Map.of("holder", "甲")))
			.withMessageContaining("verification-code: unknown placeholder holder");
	}

	private ProviderTemplates templates(String yaml) throws IOException {
		Files.writeString(dir.resolve("providers.yml"), yaml, StandardCharsets.UTF_8);
		return new ProviderTemplates(new TemplateProperties(dir, Language.ZH, 6));
	}

	private ServiceTexts texts(String yaml) throws IOException {
		List<ChannelSender> senders = new ArrayList<>(RoutesTests.simulators());
		senders.add(recording("aliyun", "aliyun"));
		senders.add(recording("twilio", null));
		Routes routes = new Routes(senders, RoutesTests.ROUTING);
		return new ServiceTexts(routes, templates(yaml), mock(OptOuts.class));
	}

	private ChannelSender recording(String provider, String templateSet) {
		return new ChannelSender() {

			@Override
			public Channel channel() {
				return Channel.SMS;
			}

			@Override
			public String provider() {
				return provider;
			}

			@Override
			public String templateSet() {
				return templateSet;
			}

			@Override
			public String asReceived(String text) {
				return "【魏都市场监管】" + text;
			}

			@Override
			public DeliveryResult send(String attemptId, String recipient, RenderedMessage message) {
				sent.add(provider + " " + message.template() + " " + message.fields() + " " + message.text());
				return answer != null && sent.size() == 1 ? answer
						: new DeliveryResult(Outcome.SENT, attemptId, provider + "-1", null, null);
			}

		};
	}

}
