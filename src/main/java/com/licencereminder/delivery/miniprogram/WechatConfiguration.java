package com.licencereminder.delivery.miniprogram;

import java.net.http.HttpClient;
import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Wires the WeChat sender and the account API ({@code jscode2session},
 * {@code getuserphonenumber}) when app id, app secret and template id are all set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${licence-reminder.wechat.app-id:}'.isEmpty() and !'${licence-reminder.wechat.app-secret:}'.isEmpty()"
		+ " and !'${licence-reminder.wechat.template-id:}'.isEmpty()")
class WechatConfiguration {

	@Bean
	WechatMiniProgramSender wechatMiniProgramSender(WechatProperties properties, Clock clock) {
		return new WechatMiniProgramSender(restClient(properties), properties, clock);
	}

	@Bean
	WechatAccounts wechatAccounts(WechatProperties properties, WechatMiniProgramSender sender) {
		return new WechatAccounts(restClient(properties), properties, sender);
	}

	/**
	 * An HTTP/1.1 client on the configured base URL with the configured connect and read
	 * timeouts.
	 */
	static RestClient restClient(WechatProperties properties) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(properties.readTimeout());
		return RestClient.builder().baseUrl(properties.apiBaseUrl()).requestFactory(requests).build();
	}

}
