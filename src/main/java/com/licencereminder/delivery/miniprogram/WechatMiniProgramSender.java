package com.licencereminder.delivery.miniprogram;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.ChannelSender;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.RenderedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Sends subscribe messages through the WeChat mini-program API.
 * <p>
 * The access token comes from {@code POST /cgi-bin/stable_token}, is cached and refreshed
 * {@code refresh-before} ahead of its expiry, and is force-refreshed once when a send
 * answers 40001 or 42001 (token invalid or expired), after which the send is tried once
 * more. Classification (docs/architecture.md, "The engine's rules"): errcode 0 sent; -1
 * (system busy), 45009 (API quota), HTTP 5xx, 429, timeouts and connection errors
 * transient; 43101 (the user refused or has no one-time quota left), 40003 (invalid
 * openid), 47003 (template data invalid) and other codes permanent. A send that could not
 * connect is {@link DeliveryResult#CONNECT_FAILED}; one that timed out reading the answer
 * or whose connection broke ({@link DeliveryResult#TIMEOUT},
 * {@link DeliveryResult#CONNECTION}) is {@link DeliveryResult#ambiguous() ambiguous}. A
 * token that cannot be had is transient: it is a configuration or provider problem that
 * does not belong to one licence; the message was not sent ({@code TOKEN_}-prefixed
 * codes, never ambiguous). Subscribe messages cannot be looked up: WeChat has no API to
 * query them, so {@link #lookup} is the default, unknown.
 */
class WechatMiniProgramSender implements ChannelSender {

	private static final Logger log = LoggerFactory.getLogger(WechatMiniProgramSender.class);

	private static final Set<Integer> TRANSIENT = Set.of(-1, 45009);

	static final Set<Integer> TOKEN_INVALID = Set.of(40001, 42001);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final RestClient client;

	private final WechatProperties properties;

	private final Clock clock;

	private Token token;

	WechatMiniProgramSender(RestClient client, WechatProperties properties, Clock clock) {
		this.client = client;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Channel channel() {
		return Channel.MINI_PROGRAM;
	}

	@Override
	public String provider() {
		return "wechat";
	}

	@Override
	public DeliveryResult send(String attemptId, String recipient, RenderedMessage message) {
		try {
			Map<String, Object> answer = post(recipient, message, token(false));
			int errcode = errcode(answer);
			if (TOKEN_INVALID.contains(errcode)) {
				answer = post(recipient, message, token(true));
				errcode = errcode(answer);
			}
			if (errcode == 0) {
				Object msgId = answer.get("msgid");
				return new DeliveryResult(Outcome.SENT, attemptId,
						msgId == null ? "wechat-" + attemptId : String.valueOf(msgId), null, null);
			}
			String errmsg = String.valueOf(answer.get("errmsg"));
			Outcome outcome = TRANSIENT.contains(errcode) ? Outcome.TRANSIENT_FAILURE : Outcome.PERMANENT_FAILURE;
			return new DeliveryResult(outcome, attemptId, null, String.valueOf(errcode), errmsg);
		}
		catch (TokenUnavailable ex) {
			return new DeliveryResult(Outcome.TRANSIENT_FAILURE, attemptId, null, ex.code, ex.getMessage());
		}
		catch (RestClientResponseException ex) {
			int status = ex.getStatusCode().value();
			Outcome outcome = status >= 500 || status == 429 ? Outcome.TRANSIENT_FAILURE : Outcome.PERMANENT_FAILURE;
			return new DeliveryResult(outcome, attemptId, null, "HTTP_" + status, ex.getStatusText());
		}
		catch (ResourceAccessException ex) {
			String code = DeliveryResult.networkErrorCode(ex);
			return new DeliveryResult(Outcome.TRANSIENT_FAILURE, attemptId, null, code == null ? "IO" : code,
					cause(ex));
		}
		catch (RestClientException ex) {
			return new DeliveryResult(Outcome.TRANSIENT_FAILURE, attemptId, null, "CLIENT", ex.getMessage());
		}
	}

	private Map<String, Object> post(String openId, RenderedMessage message, String accessToken) {
		Map<String, Object> data = new LinkedHashMap<>();
		message.fields().forEach((key, value) -> data.put(key, Map.of("value", value)));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("touser", openId);
		body.put("template_id", properties.templateId());
		body.put("page", properties.page());
		body.put("miniprogram_state", properties.miniprogramState());
		body.put("lang", "zh_CN");
		body.put("data", data);
		return json(client.post()
			.uri(uri -> uri.path("/cgi-bin/message/subscribe/send").queryParam("access_token", accessToken).build())
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(String.class));
	}

	/**
	 * The cached token, or a new one when it is missing, about to expire, or
	 * {@code force}d.
	 */
	synchronized String token(boolean force) {
		Instant now = clock.instant();
		if (!force && token != null && now.isBefore(token.refreshAt())) {
			return token.value();
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("grant_type", "client_credential");
		body.put("appid", properties.appId());
		body.put("secret", properties.appSecret());
		body.put("force_refresh", force);
		Map<String, Object> answer;
		try {
			answer = json(client.post()
				.uri("/cgi-bin/stable_token")
				.contentType(MediaType.APPLICATION_JSON)
				.body(body)
				.retrieve()
				.body(String.class));
		}
		catch (RestClientResponseException ex) {
			throw new TokenUnavailable("TOKEN_HTTP_" + ex.getStatusCode().value(), ex.getStatusText());
		}
		catch (ResourceAccessException ex) {
			String code = DeliveryResult.networkErrorCode(ex);
			throw new TokenUnavailable("TOKEN_" + (code == null ? "IO" : code), cause(ex));
		}
		Object value = answer == null ? null : answer.get("access_token");
		if (value == null) {
			int errcode = errcode(answer);
			log.warn("WeChat refused an access token: errcode {} {}", errcode,
					answer == null ? null : answer.get("errmsg"));
			throw new TokenUnavailable("TOKEN_" + errcode,
					String.valueOf(answer == null ? null : answer.get("errmsg")));
		}
		long expiresIn = answer.get("expires_in") instanceof Number n ? n.longValue() : 7200;
		token = new Token(String.valueOf(value), now.plusSeconds(expiresIn).minus(properties.refreshBefore()));
		return token.value();
	}

	private static String cause(ResourceAccessException ex) {
		return ex.getMostSpecificCause().getClass().getSimpleName() + ": " + ex.getMostSpecificCause().getMessage();
	}

	static int errcode(Map<String, Object> answer) {
		if (answer == null) {
			return -1;
		}
		Object code = answer.get("errcode");
		return code instanceof Number n ? n.intValue() : 0;
	}

	private record Token(String value, Instant refreshAt) {
	}

	/** No access token could be had. */
	static final class TokenUnavailable extends RuntimeException {

		private final String code;

		TokenUnavailable(String code, String message) {
			super(message);
			this.code = code;
		}

	}

	/** WeChat answers JSON, but not always with a JSON content type: parse the text. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> json(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return JSON.readValue(text, Map.class);
		}
		catch (JacksonException ex) {
			throw new RestClientException("WeChat answered something that is not JSON: " + ex.getOriginalMessage());
		}
	}

}
