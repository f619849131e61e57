package com.licencereminder.delivery.miniprogram;

import java.util.Map;
import java.util.function.Supplier;

import com.licencereminder.delivery.MiniProgramAccounts;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * {@link MiniProgramAccounts} on WeChat's API: {@code GET /sns/jscode2session} and
 * {@code POST /wxa/business/getuserphonenumber}, the latter with the access token cached
 * by {@link WechatMiniProgramSender} (refreshed once when WeChat answers 40001 or 42001).
 * The session key WeChat returns is dropped at once: the service has no use for it.
 */
class WechatAccounts implements MiniProgramAccounts {

	private final RestClient client;

	private final WechatProperties properties;

	private final WechatMiniProgramSender tokens;

	WechatAccounts(RestClient client, WechatProperties properties, WechatMiniProgramSender tokens) {
		this.client = client;
		this.properties = properties;
		this.tokens = tokens;
	}

	@Override
	public Login login(String code) {
		Map<String, Object> answer = call(() -> client.get()
			.uri(uri -> uri.path("/sns/jscode2session")
				.queryParam("appid", properties.appId())
				.queryParam("secret", properties.appSecret())
				.queryParam("js_code", code)
				.queryParam("grant_type", "authorization_code")
				.build())
			.retrieve()
			.body(String.class));
		Object openId = answer.get("openid");
		if (openId == null) {
			throw new Refused(-1, "WeChat answered without an openid");
		}
		Object unionId = answer.get("unionid");
		return new Login(String.valueOf(openId), unionId == null ? null : String.valueOf(unionId));
	}

	@Override
	public String phoneNumber(String phoneCode) {
		Map<String, Object> answer;
		try {
			answer = phone(phoneCode, false);
		}
		catch (Refused ex) {
			if (!WechatMiniProgramSender.TOKEN_INVALID.contains(ex.errcode())) {
				throw ex;
			}
			answer = phone(phoneCode, true);
		}
		if (answer.get("phone_info") instanceof Map<?, ?> info && info.get("phoneNumber") != null) {
			return String.valueOf(info.get("phoneNumber"));
		}
		throw new Refused(-1, "WeChat answered without a phone number");
	}

	private Map<String, Object> phone(String phoneCode, boolean newToken) {
		return call(() -> client.post()
			.uri(uri -> uri.path("/wxa/business/getuserphonenumber")
				.queryParam("access_token", tokens.token(newToken))
				.build())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("code", phoneCode))
			.retrieve()
			.body(String.class));
	}

	/** The answer, or {@link Refused} for an errcode other than 0 or a failed call. */
	private static Map<String, Object> call(Supplier<String> request) {
		Map<String, Object> answer;
		try {
			answer = WechatMiniProgramSender.json(request.get());
		}
		catch (WechatMiniProgramSender.TokenUnavailable ex) {
			throw new Refused(Refused.UNREACHABLE, "no access token: " + ex.getMessage());
		}
		catch (RestClientException ex) {
			throw new Refused(Refused.UNREACHABLE, ex.getClass().getSimpleName());
		}
		if (answer == null) {
			throw new Refused(Refused.UNREACHABLE, "WeChat answered nothing");
		}
		int errcode = WechatMiniProgramSender.errcode(answer);
		if (errcode != 0) {
			throw new Refused(errcode, String.valueOf(answer.get("errmsg")));
		}
		return answer;
	}

}
