package com.licencereminder.delivery.tencent;

import static com.licencereminder.delivery.Pushes.orElse;
import static com.licencereminder.delivery.Pushes.text;

import java.util.Map;

import com.licencereminder.delivery.AttemptStatus;
import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.FailureClass;
import com.licencereminder.delivery.MainlandNumbers;
import com.licencereminder.delivery.ProviderReports;
import com.licencereminder.delivery.Pushes;
import com.licencereminder.delivery.Reply;
import com.licencereminder.shared.Masking;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

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

	/** How Tencent pushes: its answer, an array or a single object. */
	private static final Pushes.Provider FROM = new Pushes.Provider(TencentSmsSender.PROVIDER, "Tencent",
			Map.of("result", 0, "errmsg", "OK"), true, TencentWebhooks::id);

	private static final Logger log = LoggerFactory.getLogger(TencentWebhooks.class);

	private final Pushes pushes;

	private final ProviderReports reports;

	TencentWebhooks(Pushes pushes, ProviderReports reports) {
		this.pushes = pushes;
		this.reports = reports;
	}

	@PostMapping(SMS_STATUS)
	ResponseEntity<?> smsStatus(@PathVariable String token, @RequestBody(required = false) String body,
			HttpServletRequest request) {
		return pushes.receive(FROM, "sms-status", token, request.getRemoteAddr(), body, element -> {
			String attemptId = reports.attemptOf(TencentSmsSender.PROVIDER, Channel.SMS, text(element, "sid"));
			boolean success = TencentSmsSender.SUCCESS.equals(text(element, "report_status"));
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
		return pushes.receive(FROM, "sms-reply", token, request.getRemoteAddr(), body, element -> {
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
		return pushes.receive(FROM, "voice", token, request.getRemoteAddr(), body, element -> {
			JsonNode status = element.get("voiceprompt_callback");
			JsonNode key = element.get("voicekey_callback");
			JsonNode failure = element.get("voice_failure_callback");
			if (status != null && status.isObject()) {
				String attemptId = callOf(status);
				String result = text(status, "result");
				if (result == null) {
					return false;
				}
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

}
