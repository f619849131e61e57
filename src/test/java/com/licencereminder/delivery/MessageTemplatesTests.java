package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Start-up with the templates of a folder: what is refused, naming the file and key. */
class MessageTemplatesTests {

	@TempDir
	Path dir;

	final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Templates.class);

	ApplicationContextRunner with(String file, String templates) throws IOException {
		Files.writeString(this.dir.resolve(file), templates);
		return this.context.withPropertyValues("licence-reminder.templates.dir=" + this.dir);
	}

	@Test
	void theShippedFilesStartInBothLanguages() {
		this.context.withPropertyValues("licence-reminder.templates.language=en").run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(MessageTemplates.class).language()).isEqualTo(TemplateProperties.Language.EN);
			assertThat(context.getBean(MessageTemplates.class).source("sms.default")).endsWith("en.properties");
		});
		this.context.run(context -> assertThat(context.getBean(MessageTemplates.class).language())
			.isEqualTo(TemplateProperties.Language.ZH));
	}

	@Test
	void anUnknownPlaceholderFailsStartUpNamingTheFileAndKey() throws IOException {
		with("zh.properties", "voice.today={holder}，您的{licenceName}今天到期。\n")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(
						this.dir.resolve("zh.properties") + ": voice.today: unknown placeholder {licenceName}"));
	}

	@Test
	void aPlaceholderOfAnotherKindOfTemplateIsUnknownThere() throws IOException {
		with("en.properties", "mini-program.digest-type={count} licences of {holder}\n")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("en.properties: mini-program.digest-type: unknown placeholder {holder}"));
	}

	@Test
	void anUnknownKeyFailsStartUp() throws IOException {
		with("zh.properties", "sms.stage7=回复1确认收到，回复TD退订。\n").run(context -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("zh.properties: sms.stage7 is not a template key"));
	}

	@Test
	void anSmsTemplateMustSayHowToAcknowledgeAndOptOut() throws IOException {
		with("zh.properties", "sms.stage.-7={holder}：证照已过期，回复1确认收到。\n").run(context -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("zh.properties: sms.stage.-7 must tell how to acknowledge and opt out")
			.hasMessageContaining("lacks 'TD'"));
		Files.delete(this.dir.resolve("zh.properties"));
		with("en.properties", "sms.digest={licences}. Reply 1 to confirm, TD to opt out.\n")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("en.properties: sms.digest must tell how to acknowledge and opt out")
				.hasMessageContaining("lacks 'STOP'"));
	}

	@Test
	void aBadDatePatternFailsStartUp() throws IOException {
		with("zh.properties", "date-pattern=yyyy年M月d日 b\n").run(context -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("zh.properties: date-pattern: not a date pattern"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TemplateProperties.class)
	@Import(MessageTemplates.class)
	static class Templates {

	}

}
