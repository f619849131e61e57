package com.licencereminder.delivery.miniprogram;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WeChat mini-program ({@code licence-reminder.wechat}). Secrets only from the
 * environment ({@code LICENCE_REMINDER_WECHAT_APP_SECRET}).
 *
 * @param appId the mini-program's AppID
 * @param appSecret its AppSecret
 * @param templateId the approved subscribe-message template
 * @param page the mini-program page the message opens (may carry a query)
 * @param miniprogramState {@code formal}, {@code trial} or {@code developer}
 * @param apiBaseUrl the API's base URL (tests and air-gapped installs point it elsewhere)
 * @param connectTimeout connect timeout of every call
 * @param readTimeout read timeout of every call
 * @param refreshBefore how long before its expiry a token is refreshed
 */
@ConfigurationProperties("licence-reminder.wechat")
record WechatProperties(String appId, String appSecret, String templateId,
		@DefaultValue("pages/index/index") String page, @DefaultValue("formal") String miniprogramState,
		@DefaultValue("https://api.weixin.qq.com") String apiBaseUrl, @DefaultValue("3s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout, @DefaultValue("5m") Duration refreshBefore) {
}
