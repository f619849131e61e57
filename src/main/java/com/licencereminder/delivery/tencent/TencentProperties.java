package com.licencereminder.delivery.tencent;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Tencent Cloud account for SMS and voice messages (VMS)
 * ({@code licence-reminder.tencent.*}). The API key comes from the environment
 * ({@code LICENCE_REMINDER_TENCENT_SECRET_ID},
 * {@code LICENCE_REMINDER_TENCENT_SECRET_KEY}); without both, Tencent is left out of the
 * routing. The secret key is never logged ({@link #toString()}).
 *
 * @param secretId the CAM key's SecretId
 * @param secretKey its SecretKey
 * @param region the API region (default {@code ap-guangzhou})
 * @param smsEndpoint the SMS API host (default {@code sms.tencentcloudapi.com})
 * @param voiceEndpoint the voice API host (default {@code vms.tencentcloudapi.com})
 * @param protocol {@code https} (tests use {@code http})
 * @param smsSdkAppId the SMS application's SdkAppId (140...)
 * @param signName the approved SMS signature (签名), shown as 【…】 before every text
 * @param smsTemplateId the default SMS template id, for mapping entries without an id of
 * their own
 * @param voiceSdkAppId the voice application's SdkAppId
 * @param voiceTemplateId the default voice template id
 * @param playTimes how often a call plays its message (1 to 3)
 * @param connectTimeout how long to wait for a connection to the API
 * @param readTimeout how long to wait for an answer once connected
 * @param receiptTimeout how long after a send without a final status the provider is
 * asked about it ({@code PullSmsSendStatusByPhoneNumber})
 * @param limits the per-number limits Tencent enforces, respected before sending
 */
@ConfigurationProperties("licence-reminder.tencent")
record TencentProperties(String secretId, String secretKey, @DefaultValue("ap-guangzhou") String region,
		@DefaultValue("sms.tencentcloudapi.com") String smsEndpoint,
		@DefaultValue("vms.tencentcloudapi.com") String voiceEndpoint, @DefaultValue("https") String protocol,
		String smsSdkAppId, String signName, String smsTemplateId, String voiceSdkAppId, String voiceTemplateId,
		@DefaultValue("2") int playTimes, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout, @DefaultValue("30m") Duration receiptTimeout,
		@DefaultValue Limits limits) {

	TencentProperties {
		if (playTimes < 1 || playTimes > 3) {
			throw new IllegalArgumentException("licence-reminder.tencent.play-times must be 1..3");
		}
		if (!"https".equals(protocol) && !"http".equals(protocol)) {
			throw new IllegalArgumentException("licence-reminder.tencent.protocol must be https or http");
		}
	}

	@Override
	public String toString() {
		return "TencentProperties[secretId=" + secretId + ", secretKey=" + (secretKey == null ? null : "****")
				+ ", region=" + region + ", smsEndpoint=" + smsEndpoint + ", voiceEndpoint=" + voiceEndpoint
				+ ", protocol=" + protocol + ", smsSdkAppId=" + smsSdkAppId + ", signName=" + signName
				+ ", smsTemplateId=" + smsTemplateId + ", voiceSdkAppId=" + voiceSdkAppId + ", voiceTemplateId="
				+ voiceTemplateId + "]";
	}

	/**
	 * Sends Tencent allows per number by default; a send that would exceed one is
	 * deferred before it reaches Tencent. Raise them only after raising Tencent's own
	 * (SMS console, 频率限制; voice: a request to Tencent).
	 *
	 * @param textsPerThirtySeconds texts to one number in 30 seconds (Tencent: 1)
	 * @param textsPerHour texts to one number in an hour (Tencent: 5)
	 * @param textsPerDay texts to one number in a day (Tencent: 10)
	 * @param callsPerThirtySeconds calls to one number in 30 seconds (Tencent: 1)
	 * @param callsPerTenMinutes calls to one number in ten minutes (Tencent: 2)
	 * @param callsPerDay calls to one number in a day (Tencent: 5 for notifications)
	 */
	record Limits(@DefaultValue("1") int textsPerThirtySeconds, @DefaultValue("5") int textsPerHour,
			@DefaultValue("10") int textsPerDay, @DefaultValue("1") int callsPerThirtySeconds,
			@DefaultValue("2") int callsPerTenMinutes, @DefaultValue("5") int callsPerDay) {

		Limits {
			if (Math.min(Math.min(Math.min(textsPerThirtySeconds, textsPerHour), textsPerDay),
					Math.min(Math.min(callsPerThirtySeconds, callsPerTenMinutes), callsPerDay)) < 1) {
				throw new IllegalArgumentException("licence-reminder.tencent.limits.* must allow at least one send: "
						+ textsPerThirtySeconds + "/" + textsPerHour + "/" + textsPerDay + " texts, "
						+ callsPerThirtySeconds + "/" + callsPerTenMinutes + "/" + callsPerDay + " calls");
			}
		}

	}

}
