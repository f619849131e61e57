package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookTokenTests {

	static final String TOKEN = "0123456789abcdef0123456789abcdef";

	@Test
	void onlyTheConfiguredTokenIsAdmitted() {
		WebhookToken webhooks = new WebhookToken(TOKEN, List.of());

		assertThat(webhooks.admits(TOKEN, "203.0.113.5")).isTrue();
		assertThat(webhooks.admits(TOKEN.substring(1) + "X", "203.0.113.5")).isFalse();
		assertThat(webhooks.admits(null, "203.0.113.5")).isFalse();
	}

	@Test
	void withAllowedSourcesAPushFromElsewhereIsNotAdmittedEvenWithTheToken() {
		WebhookToken webhooks = new WebhookToken(TOKEN, List.of(" 100.64.0.0/10", "2001:db8::1 "));

		assertThat(webhooks.admits(TOKEN, "100.100.1.2")).isTrue();
		assertThat(webhooks.admits(TOKEN, "2001:db8::1")).isTrue();
		assertThat(webhooks.admits(TOKEN, "203.0.113.5")).isFalse();
	}

	@Test
	void aShortOrMissingTokenAdmitsNothingAndFailsTheStartOfAProviderThatPushes() {
		WebhookToken shortOne = new WebhookToken("too-short", List.of());

		assertThat(shortOne.admits("too-short", "127.0.0.1")).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> shortOne.require("aliyun"))
			.withMessageContaining("licence-reminder.webhooks.token");
		assertThatIllegalStateException().isThrownBy(() -> new WebhookToken("", List.of()).require("aliyun"));
	}

}
