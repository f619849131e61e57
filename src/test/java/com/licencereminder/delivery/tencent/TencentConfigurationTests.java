package com.licencereminder.delivery.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;

import com.licencereminder.delivery.WebhookToken;
import com.licencereminder.delivery.tencent.TencentConfiguration.TencentClients;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Tencent exists only with a SecretId and SecretKey, and then only when fully configured;
 * the key comes from the environment variables the operations guide names.
 */
class TencentConfigurationTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TencentProperties.class)
	static class Properties {

	}

	static final String[] COMPLETE = { "licence-reminder.tencent.secret-id=AKID1",
			"licence-reminder.tencent.secret-key=secret-key-1", "licence-reminder.tencent.sms-sdk-app-id=1400000001",
			"licence-reminder.tencent.sign-name=魏都市场监管", "licence-reminder.tencent.sms-template-id=1000001",
			"licence-reminder.tencent.voice-sdk-app-id=1400000002",
			"licence-reminder.tencent.voice-template-id=2000001",
			"licence-reminder.webhooks.token=0123456789abcdef0123456789abcdef" };

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, TencentConfiguration.class)
		.withBean(WebhookToken.class);

	@Test
	void withoutSecretIdAndKeyThereIsNoTencent() {
		runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TencentClients.class));
		runner.withPropertyValues("licence-reminder.tencent.secret-id=AKID1", "licence-reminder.tencent.secret-key= ")
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TencentClients.class));
	}

	@Test
	void fullyConfiguredTencentIsOnWithTheDefaultsAndHidesItsKey() {
		runner.withPropertyValues(COMPLETE).run(context -> {
			assertThat(context).hasSingleBean(TencentClients.class);
			TencentProperties properties = context.getBean(TencentProperties.class);
			assertThat(properties.region()).isEqualTo("ap-guangzhou");
			assertThat(properties.smsEndpoint()).isEqualTo("sms.tencentcloudapi.com");
			assertThat(properties.voiceEndpoint()).isEqualTo("vms.tencentcloudapi.com");
			assertThat(properties.protocol()).isEqualTo("https");
			assertThat(properties.limits()).isEqualTo(new TencentProperties.Limits(1, 5, 10, 1, 2, 5));
			assertThat(properties.toString()).contains("AKID1").doesNotContain("secret-key-1");
		});
	}

	@Test
	void theKeyIsReadFromTheDocumentedEnvironmentVariables() {
		String[] rest = Arrays.copyOfRange(COMPLETE, 2, COMPLETE.length);
		runner.withPropertyValues(rest).withInitializer(context -> {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("LICENCE_REMINDER_TENCENT_SECRET_ID", "AKID2", "LICENCE_REMINDER_TENCENT_SECRET_KEY",
								"secret-key-2")));
			ConfigurationPropertySources.attach(context.getEnvironment());
		}).run(context -> {
			assertThat(context).hasSingleBean(TencentClients.class);
			assertThat(context.getBean(TencentProperties.class).secretId()).isEqualTo("AKID2");
			assertThat(context.getBean(TencentProperties.class).secretKey()).isEqualTo("secret-key-2");
		});
	}

	@Test
	void halfConfiguredTencentStopsTheStartWithTheSettingToFix() {
		for (String missing : new String[] { "sms-sdk-app-id", "sign-name", "sms-template-id", "voice-sdk-app-id",
				"voice-template-id" }) {
			runner.withPropertyValues(COMPLETE)
				.withPropertyValues("licence-reminder.tencent." + missing + "=")
				.run(context -> assertThat(context).getFailure()
					.hasStackTraceContaining("licence-reminder.tencent." + missing));
		}
		runner.withPropertyValues(COMPLETE)
			.withPropertyValues("licence-reminder.tencent.limits.texts-per-hour=0")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("licence-reminder.tencent.limits.* must allow at least one send"));
		runner.withPropertyValues(COMPLETE)
			.withPropertyValues("licence-reminder.webhooks.token=short")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("licence-reminder.webhooks.token"));
	}

}
