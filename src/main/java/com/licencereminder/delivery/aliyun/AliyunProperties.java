package com.licencereminder.delivery.aliyun;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Alibaba Cloud (Aliyun) account for SMS and voice notifications
 * ({@code licence-reminder.aliyun.*}). The access key comes from the environment
 * ({@code LICENCE_REMINDER_ALIYUN_ACCESS_KEY_ID},
 * {@code LICENCE_REMINDER_ALIYUN_ACCESS_KEY_SECRET}); without both, Aliyun is left out of
 * the routing. The secret is never logged ({@link #toString()}).
 *
 * @param accessKeyId the RAM user's AccessKey ID
 * @param accessKeySecret its secret
 * @param smsEndpoint the SMS API host (default {@code dysmsapi.aliyuncs.com})
 * @param voiceEndpoint the voice API host (default {@code dyvmsapi.aliyuncs.com})
 * @param protocol {@code https} (tests use {@code http})
 * @param signName the approved SMS signature (签名), shown as 【…】 before every text
 * @param smsTemplateCode the default SMS template ({@code SMS_...}), for mapping entries
 * without a code of their own
 * @param ttsCode the default voice template ({@code TTS_...})
 * @param calledShowNumber the number calls show; when set, calls are {@code IvrCall}s
 * whose key 1 acknowledges, else {@code SingleCallByTts} from the public number pool
 * @param acknowledgedTtsCode the voice template a call plays after key 1 (required with
 * {@code called-show-number})
 * @param playTimes how often a call plays its message (1 to 3)
 * @param connectTimeout how long to wait for a connection to the API
 * @param readTimeout how long to wait for an answer once connected
 * @param receiptTimeout how long after a send without a final status the provider is
 * asked about it ({@code QuerySendDetails})
 * @param limits the per-number limits Aliyun enforces, respected before sending
 */
@ConfigurationProperties("licence-reminder.aliyun")
record AliyunProperties(String accessKeyId, String accessKeySecret,
		@DefaultValue("dysmsapi.aliyuncs.com") String smsEndpoint,
		@DefaultValue("dyvmsapi.aliyuncs.com") String voiceEndpoint, @DefaultValue("https") String protocol,
		String signName, String smsTemplateCode, String ttsCode, String calledShowNumber, String acknowledgedTtsCode,
		@DefaultValue("2") int playTimes, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout, @DefaultValue("30m") Duration receiptTimeout,
		@DefaultValue Limits limits) {

	AliyunProperties {
		if (playTimes < 1 || playTimes > 3) {
			throw new IllegalArgumentException("licence-reminder.aliyun.play-times must be 1..3");
		}
	}

	@Override
	public String toString() {
		return "AliyunProperties[accessKeyId=" + accessKeyId + ", accessKeySecret="
				+ (accessKeySecret == null ? null : "****") + ", smsEndpoint=" + smsEndpoint + ", voiceEndpoint="
				+ voiceEndpoint + ", protocol=" + protocol + ", signName=" + signName + ", smsTemplateCode="
				+ smsTemplateCode + ", ttsCode=" + ttsCode + ", calledShowNumber=" + calledShowNumber + "]";
	}

	/**
	 * Sends Aliyun allows per number; a send that would exceed one is deferred before it
	 * reaches Aliyun.
	 *
	 * @param callsPerMinute calls to one number in a minute (Aliyun: 1)
	 * @param callsPerHour ...in an hour (5)
	 * @param callsPerDay ...in a day (20)
	 * @param textsPerDay texts to one number in a day with one signature and template
	 * (50)
	 */
	record Limits(@DefaultValue("1") int callsPerMinute, @DefaultValue("5") int callsPerHour,
			@DefaultValue("20") int callsPerDay, @DefaultValue("50") int textsPerDay) {

		Limits {
			if (Math.min(Math.min(callsPerMinute, callsPerHour), Math.min(callsPerDay, textsPerDay)) < 1) {
				throw new IllegalArgumentException(
						"licence-reminder.aliyun.limits.* must allow at least one send: " + callsPerMinute + "/"
								+ callsPerHour + "/" + callsPerDay + " calls, " + textsPerDay + " texts");
			}
		}

	}

}
