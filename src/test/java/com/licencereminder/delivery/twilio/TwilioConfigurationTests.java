package com.licencereminder.delivery.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Twilio exists only with an account SID and token, and then only when fully configured.
 */
class TwilioConfigurationTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TwilioProperties.class)
	static class Properties {

	}

	final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Properties.class,
			TwilioConfiguration.class);

	@Test
	void withoutSidAndTokenThereIsNoTwilio() {
		runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TwilioAccount.class));
		runner.withPropertyValues("licence-reminder.twilio.account-sid=AC1", "licence-reminder.twilio.auth-token=")
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TwilioAccount.class));
	}

	@Test
	void withSidTokenSenderAndPublicUrlTwilioIsOn() {
		runner
			.withPropertyValues("licence-reminder.twilio.account-sid=AC1", "licence-reminder.twilio.auth-token=secret",
					"licence-reminder.twilio.messaging-service-sid=MG1",
					"licence-reminder.public-base-url=https://reminders.example.test/")
			.run(context -> {
				assertThat(context).hasSingleBean(TwilioAccount.class);
				assertThat(context.getBean(TwilioAccount.class).statusCallback("a1"))
					.isEqualTo("https://reminders.example.test/webhooks/twilio/status/a1");
				assertThat(context.getBean(TwilioProperties.class).toString()).doesNotContain("secret");
			});
	}

	@Test
	void halfConfiguredTwilioStopsTheStartWithTheSettingToFix() {
		runner
			.withPropertyValues("licence-reminder.twilio.account-sid=AC1", "licence-reminder.twilio.auth-token=secret",
					"licence-reminder.public-base-url=https://reminders.example.test")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("licence-reminder.twilio.from-number"));
		runner
			.withPropertyValues("licence-reminder.twilio.account-sid=AC1", "licence-reminder.twilio.auth-token=secret",
					"licence-reminder.twilio.from-number=+15005550006")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("licence-reminder.public-base-url"));
	}

}
