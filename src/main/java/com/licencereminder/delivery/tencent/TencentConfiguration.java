package com.licencereminder.delivery.tencent;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.licencereminder.delivery.WebhookToken;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.sms.v20210111.SmsClient;
import com.tencentcloudapi.vms.v20200902.VmsClient;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The Tencent Cloud SMS and voice clients (the official SDKs), when the API key is set.
 * Start-up fails with a message naming the setting when Tencent is half configured: no
 * SMS application, signature or default SMS template, no voice application or default
 * voice template, no webhook token (or a short one) for its receipts and replies. The
 * secret key is handed to the SDK only and never logged. Nothing retries on its own: the
 * SDK has no automatic retries, and its HTTP client is given one that does not repeat a
 * request after a broken connection (OkHttp would otherwise send the same POST twice), so
 * a retry is the engine's decision, after it has asked whether the first try went out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnTencent
class TencentConfiguration {

	private static final Logger log = LoggerFactory.getLogger(TencentConfiguration.class);

	@Bean
	TencentClients tencentClients(TencentProperties properties, WebhookToken token) {
		token.require(TencentSmsSender.PROVIDER);
		require(properties.smsSdkAppId(), "sms-sdk-app-id", "the SMS application's SdkAppId");
		require(properties.signName(), "sign-name", "the approved SMS signature (签名)");
		require(properties.smsTemplateId(), "sms-template-id", "the default SMS template id");
		require(properties.voiceSdkAppId(), "voice-sdk-app-id", "the voice application's SdkAppId");
		require(properties.voiceTemplateId(), "voice-template-id", "the default voice template id");
		Credential credential = new Credential(properties.secretId(), properties.secretKey());
		OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
			.connectTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.readTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.writeTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.build();
		SmsClient sms = new SmsClient(credential, properties.region(),
				profile(properties, properties.smsEndpoint(), http));
		VmsClient voice = new VmsClient(credential, properties.region(),
				profile(properties, properties.voiceEndpoint(), http));
		log.info("Tencent SecretId {} in {} at {} (SMS app {}) and {} (voice app {}), signature {}",
				properties.secretId(), properties.region(), properties.smsEndpoint(), properties.smsSdkAppId(),
				properties.voiceEndpoint(), properties.voiceSdkAppId(), properties.signName());
		return new TencentClients(sms, voice, properties);
	}

	private static ClientProfile profile(TencentProperties properties, String endpoint, OkHttpClient http) {
		HttpProfile profile = new HttpProfile();
		profile.setEndpoint(endpoint);
		profile.setProtocol(properties.protocol() + "://");
		profile.setHttpClient(http);
		return new ClientProfile(ClientProfile.SIGN_TC3_256, profile);
	}

	private static void require(String value, String key, String what) {
		if (!StringUtils.hasText(value)) {
			throw new IllegalStateException("Tencent is configured without " + what + ": set licence-reminder.tencent."
					+ key + " (LICENCE_REMINDER_TENCENT_" + key.toUpperCase(Locale.ROOT).replace('-', '_') + ")");
		}
	}

	/**
	 * The two SDK clients and the account's settings.
	 *
	 * @param sms the SMS client (API 2021-01-11)
	 * @param voice the voice client (VMS, API 2020-09-02)
	 * @param properties the settings
	 */
	record TencentClients(SmsClient sms, VmsClient voice, TencentProperties properties) {
	}

}
