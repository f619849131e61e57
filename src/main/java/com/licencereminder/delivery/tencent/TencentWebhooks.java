package com.licencereminder.delivery.tencent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.licencereminder.delivery.AttemptStatus;
import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.FailureClass;
import com.licencereminder.delivery.MainlandNumbers;
import com.licencereminder.delivery.ProviderReports;
import com.licencereminder.delivery.Reply;
import com.licencereminder.delivery.WebhookToken;
import com.licencereminder.shared.Masking;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Tencent pushes (configured in the SMS and voice consoles' event callbacks as
 * {@code {public-base-url}/webhooks/tencent/{token}/...}). Tencent does not sign its
 * pushes: a path whose token is not {@code licence-reminder.webhooks.token} answers 404
 * and changes nothing. A body is a JSON array of elements or one element (status reports
 * come as arrays, replies and voice callbacks one at a time); every element is acted on
 * idempotently and in any order (a repeated or late report changes nothing,
 * {@link ProviderReports}), and the answer is {@code {"result":0,"errmsg":"OK"}} also for
 * repeats, so Tencent stops pushing. A body that is not JSON gets a 400 problem; an
 * element about an unknown attempt is acknowledged, counted
 * ({@code delivery.webhooks.unmatched}) and logged without the phone number. Tencent's
 * reports name its own ids, not the attempt: {@code sid} is the text's {@code SerialNo},
 * {@code callid} the call's {@code CallId}.
 * <ul>
 * <li>{@value #SMS_STATUS} (短信下发状态通知): {@code report_status} {@code SUCCESS} → delivered,
 * else undelivered with {@code errmsg}: opted out also puts the number
 * ({@code nationcode}, {@code mobile}) on the opt-out list, a wrong number is not texted
 * again, anything else is retried.</li>
 * <li>{@value #SMS_REPLY} (短信回复): a reply {@code text} from {@code mobile}; {@link Reply}
 * 1 / 确认 / 收到 acknowledges the last reminder texted to it, TD / T / R / 退订 / STOP stops
 * texts to it.</li>
 * <li>{@value #VOICE} (语音通知状态通知, 按键通知, 送达失败原因推送): {@code voiceprompt_callback}
 * {@code result} 0 (answered) → delivered, 1 (not answered) and 2 (call failed) →
 * undelivered and retried; {@code voicekey_callback} with {@code keypress} 1
 * acknowledges; {@code voice_failure_callback} is logged (its call's status comes with
 * {@code voiceprompt_callback}).</li>
 * </ul>
 */
@RestController
@ConditionalOnTencent
class TencentWebhooks {

	static final String ROOT = "/webhooks/tencent/{token}";

	static final String SMS_STATUS = ROOT + "/sms-status";

	static final String SMS_REPLY = ROOT + "/sms-reply";

	static final String VOICE = ROOT + "/voice";

	/** {@code report_status} of a delivered text. */
	static final String SUCCESS = "SUCCESS";

	private static final Map<String, Object> RECEIVED = Map.of("result", 0, "errmsg", "OK");

	private static final Logger log = LoggerFactory.getLogger(TencentWebhooks.class);

	private final WebhookToken token;

	private final ProviderReports reports;

	private final MeterRegistry meters;

	TencentWebhooks(WebhookToken token, ProviderReports reports, MeterRegistry meters) {
		this.token = token;
		this.reports = reports;
		this.meters = meters;
	}

	@PostMapping(SMS_STATUS)
	ResponseEntity<?> smsStatus(@PathVariable String token, @RequestBody(required = false) String body,
			HttpServletRequest request) {
		return receive(token, request.getRemoteAddr(), body, "sms-status", element -> {
			String attemptId = reports.attemptOf(TencentSmsSender.PROVIDER, Channel.SMS, text(element, "sid"));
			boolean success = SUCCESS.equals(text(element, "report_status"));
			String code = success ? "DELIVERED" : orElse(text(element, "errmsg"), "UNDELIVERED");
			FailureClass failure = FailureClass.of(code);
			boolean permanent = failure.outcome() == Outcome.PERMANENT_FAILURE;
			if (attemptId == null || !reports.reported(attemptId, code,
					success ? AttemptStatus.DELIVERED : AttemptStatus.UNDELIVERED, success ? null : code, permanent)) {
				return false;
			}
			String phone = phone(element);
			if (failure == FailureClass.OPTED_OUT && phone != null) {
				reports.optedOut(phone, TencentSmsSender.PROVIDER + "-" + code);
			}
			return true;
		});
	}

	@PostMapping(SMS_REPLY)
	ResponseEntity<?> smsReply(@PathVariable String token, @RequestBody(required = false) String body,
			HttpServletRequest request) {
		return receive(token, request.getRemoteAddr(), body, "sms-reply", element -> {
			String from = phone(element);
			if (from == null) {
				return false;
			}
			Reply reply = Reply.of(text(element, "text"));
			log.info("Text from {} through Tencent: {}", Masking.phone(from), reply);
			switch (reply) {
				case ACKNOWLEDGE -> reports.acknowledgedLatest(Channel.SMS, from);
				case OPT_OUT -> reports.optedOut(from, "sms-reply");
				case OTHER -> {
				}
			}
			return true;
		});
	}

	@PostMapping(VOICE)
	ResponseEntity<?> voice(@PathVariable String token, @RequestBody(required = false) String body,
			HttpServletRequest request) {
		return receive(token, request.getRemoteAddr(), body, "voice", element -> {
			JsonNode status = element.get("voiceprompt_callback");
			JsonNode key = element.get("voicekey_callback");
			JsonNode failure = element.get("voice_failure_callback");
			if (status != null && status.isObject()) {
				String attemptId = callOf(status);
				String result = orElse(text(status, "result"), "unknown");
				String providerStatus = switch (result) {
					case "0" -> "completed";
					case "1" -> "no-answer";
					default -> "failed";
				};
				boolean answered = "0".equals(result);
				return attemptId != null && reports.reported(attemptId, providerStatus,
						answered ? AttemptStatus.DELIVERED : AttemptStatus.UNDELIVERED,
						answered ? null : providerStatus, false);
			}
			if (key != null && key.isObject()) {
				String attemptId = callOf(key);
				if (attemptId == null) {
					return false;
				}
				if (orElse(text(key, "keypress"), "").contains("1")) {
					reports.acknowledged(attemptId, orElse(phone(key), ""));
				}
				return true;
			}
			if (failure != null && failure.isObject()) {
				String attemptId = callOf(failure);
				if (attemptId != null) {
					log.info("Call {} failed at Tencent: {} {}", attemptId, text(failure, "failure_code"),
							Masking.text(text(failure, "failure_reason")));
				}
				return attemptId != null;
			}
			return false;
		});
	}

	/** The call attempt a voice callback's {@code callid} names, or null. */
	private String callOf(JsonNode callback) {
		return reports.attemptOf(TencentSmsSender.PROVIDER, Channel.VOICE, text(callback, "callid"));
	}

	/**
	 * Checks the token and the sender's address, parses the body and hands each element
	 * to {@code action}, which says whether it found what the element is about.
	 */
	private ResponseEntity<?> receive(String candidate, String address, String body, String kind, Action action) {
		if (!token.admits(candidate, address)) {
			return ResponseEntity.notFound().build();
		}
		JsonNode root;
		try {
			root = body == null ? null : JsonMapper.shared().readTree(body);
		}
		catch (JacksonException ex) {
			root = null;
		}
		if (root == null || !(root.isArray() || root.isObject())) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The body is not the JSON Tencent pushes");
			return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		List<JsonNode> elements = new ArrayList<>();
		if (root.isArray()) {
			root.forEach(elements::add);
		}
		else {
			elements.add(root);
		}
		for (JsonNode element : elements) {
			if (!element.isObject() || !action.apply(element)) {
				Counter.builder("delivery.webhooks.unmatched")
					.description("Pushed elements acknowledged without a known attempt, by provider and kind")
					.tag("provider", TencentSmsSender.PROVIDER)
					.tag("kind", kind)
					.register(meters)
					.increment();
				log.warn("Tencent {} about an unknown attempt or without the fields it needs ({})", kind,
						element.isObject() ? id(element) : null);
			}
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(RECEIVED);
	}

	/**
	 * Tencent's id in an element ({@code sid}, or a voice callback's {@code callid}), or
	 * null.
	 */
	private static String id(JsonNode element) {
		String sid = text(element, "sid");
		if (sid != null) {
			return sid;
		}
		for (JsonNode value : element) {
			if (value.isObject() && text(value, "callid") != null) {
				return text(value, "callid");
			}
		}
		return null;
	}

	/**
	 * The element's {@code nationcode} and {@code mobile} in E.164, or null when it is
	 * missing or not a mainland number.
	 */
	private static String phone(JsonNode element) {
		String nation = orElse(text(element, "nationcode"), "86");
		String mobile = text(element, "mobile");
		return "86".equals(nation) ? MainlandNumbers.fromNational(mobile) : null;
	}

	/** The field as text, or null when it is missing, blank or not a scalar. */
	private static String text(JsonNode element, String field) {
		JsonNode value = element.get(field);
		return value == null || !value.isValueNode() || value.isNull() || !StringUtils.hasText(value.asString()) ? null
				: value.asString().strip();
	}

	private static String orElse(String value, String otherwise) {
		return value != null ? value : otherwise;
	}

	/** What to do with one pushed element. */
	private interface Action {

		/** False when the element is about nothing known. */
		boolean apply(JsonNode element);

	}

}
