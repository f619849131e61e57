package com.licencereminder.delivery.aliyun;

import com.aliyun.tea.okhttp.ClientHelper;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import com.licencereminder.delivery.WebhookToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The Aliyun SMS and voice clients (the official SDKs), when the access key is set.
 * Start-up fails with a message naming the setting when Aliyun is half configured: no
 * signature or no default SMS template, no default voice template, no webhook token (or a
 * short one) for its receipts and replies. The secret is handed to the SDK only and never
 * logged. The SDK's own retries are off: a retry is the engine's decision, after it has
 * asked whether the first try went out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnAliyun
class AliyunConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AliyunConfiguration.class);

	@Bean
	AliyunClients aliyunClients(AliyunProperties properties, WebhookToken token) throws Exception {
		token.require(AliyunSmsSender.PROVIDER);
		require(properties.signName(), "sign-name", "the approved SMS signature (签名)");
		require(properties.smsTemplateCode(), "sms-template-code", "the default SMS template code (SMS_...)");
		require(properties.ttsCode(), "tts-code", "the default voice template code (TTS_...)");
		if (StringUtils.hasText(properties.calledShowNumber())) {
			require(properties.acknowledgedTtsCode(), "acknowledged-tts-code",
					"the voice template played after key 1, which calls from called-show-number need");
		}
		com.aliyun.dysmsapi20170525.Client sms = new com.aliyun.dysmsapi20170525.Client(
				config(properties, properties.smsEndpoint()));
		com.aliyun.dyvmsapi20170525.Client voice = new com.aliyun.dyvmsapi20170525.Client(
				config(properties, properties.voiceEndpoint()));
		log.info("Aliyun access key {} at {} (SMS) and {} (voice), signature {}, calls {}", properties.accessKeyId(),
				properties.smsEndpoint(), properties.voiceEndpoint(), properties.signName(),
				StringUtils.hasText(properties.calledShowNumber()) ? "with a key menu (IvrCall)"
						: "without a key menu (SingleCallByTts)");
		return new AliyunClients(sms, voice, properties);
	}

	private static Config config(AliyunProperties properties, String endpoint) {
		return new Config().setAccessKeyId(properties.accessKeyId())
			.setAccessKeySecret(properties.accessKeySecret())
			.setEndpoint(endpoint)
			.setProtocol(properties.protocol())
			.setConnectTimeout(Math.toIntExact(properties.connectTimeout().toMillis()))
			.setReadTimeout(Math.toIntExact(properties.readTimeout().toMillis()));
	}

	private static void require(String value, String key, String what) {
		if (!StringUtils.hasText(value)) {
			throw new IllegalStateException("Aliyun is configured without " + what + ": set licence-reminder.aliyun."
					+ key + " (LICENCE_REMINDER_ALIYUN_" + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_')
					+ ")");
		}
	}

	/**
	 * The two SDK clients and the account's settings.
	 *
	 * @param sms the SMS client ({@code dysmsapi})
	 * @param voice the voice client ({@code dyvmsapi})
	 * @param properties the settings
	 */
	record AliyunClients(com.aliyun.dysmsapi20170525.Client sms, com.aliyun.dyvmsapi20170525.Client voice,
			AliyunProperties properties) {

		/**
		 * Per-request options: the configured timeouts and no retries by the SDK. Also
		 * turns off the silent retries of the SDK's HTTP clients
		 * ({@link #noSilentRetries}).
		 */
		RuntimeOptions runtime() {
			noSilentRetries();
			return new RuntimeOptions().setAutoretry(false)
				.setMaxAttempts(0)
				.setConnectTimeout(Math.toIntExact(properties.connectTimeout().toMillis()))
				.setReadTimeout(Math.toIntExact(properties.readTimeout().toMillis()));
		}

		/**
		 * Replaces each HTTP client the Tea runtime keeps ({@link ClientHelper#clients},
		 * created on a host's first request) by a copy that does not retry on a
		 * connection failure: OkHttp otherwise posts a request again on another route or
		 * a fresh connection when the one it used was reset after the request went out,
		 * so one {@code SendSms} could send a text twice or three times. The runtime has
		 * no setting for it; a client created by a request is replaced before the next
		 * one, so only a host's very first request keeps OkHttp's default, and a reset
		 * then is retried only when the host has more than one address.
		 */
		static void noSilentRetries() {
			ClientHelper.clients.replaceAll((key, client) -> client.retryOnConnectionFailure()
					? client.newBuilder().retryOnConnectionFailure(false).build() : client);
		}

	}

}
