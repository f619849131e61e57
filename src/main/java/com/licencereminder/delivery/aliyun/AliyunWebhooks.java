package com.licencereminder.delivery.aliyun;

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
 * What Aliyun pushes (configured in the SMS and voice consoles as HTTP batch pushes to
 * {@code {public-base-url}/webhooks/aliyun/{token}/...}). Aliyun does not sign its
 * pushes: a path whose token is not {@code licence-reminder.webhooks.token} answers 404
 * and changes nothing. Each body is a JSON array; every element is acted on idempotently
 * and in any order (a repeated or late receipt changes nothing, {@link ProviderReports}),
 * and the answer is {@code {"code":0,"msg":"接收成功"}} also for repeats, so Aliyun stops
 * pushing. A body that is not a JSON array gets a 400 problem; an element about an
 * unknown attempt is acknowledged, counted ({@code delivery.webhooks.unmatched}) and
 * logged without the phone number.
 * <ul>
 * <li>{@value #SMS_REPORT} (SmsReport): {@code out_id} = the attempt; {@code success}
 * true → delivered, else undelivered with {@code err_code}: opted out ({@code W-BLACK},
 * ...) also puts the number on the opt-out list, a wrong number is not texted again,
 * anything else is retried.</li>
 * <li>{@value #SMS_UP} (SmsUp): a reply from {@code phone_number}; {@link Reply} 1 / 确认 /
 * 收到 acknowledges the last reminder texted to it, TD / T / R / 退订 / STOP stops texts to
 * it.</li>
 * <li>{@value #VOICE_REPORT} (VoiceReport): {@code out_id} = the attempt;
 * {@code status_code} 200000 (answered) → delivered, 200004 (no such number) → failed for
 * good, others (busy, no answer, switched off, frequency blocks) → undelivered and
 * retried; a {@code dtmf} with key 1 acknowledges.</li>
 * </ul>
 */
@RestController
@ConditionalOnAliyun
class AliyunWebhooks {

	static final String ROOT = "/webhooks/aliyun/{token}";

	static final String SMS_REPORT = ROOT + "/sms-report";

	static final String SMS_UP = ROOT + "/sms-up";

	static final String VOICE_REPORT = ROOT + "/voice-report";

	/** Aliyun's voice status of an answered call. */
	static final String ANSWERED = "200000";

	private static final Map<String, Object> RECEIVED = Map.of("code", 0, "msg", "接收成功");

	private static final Logger log = LoggerFactory.getLogger(AliyunWebhooks.class);

	private final WebhookToken token;

	private final ProviderReports reports;

	private final MeterRegistry meters;

	AliyunWebhooks(WebhookToken token, ProviderReports reports, MeterRegistry meters) {
		this.token = token;
		this.reports = reports;
		this.meters = meters;
	}

	@PostMapping(SMS_REPORT)
	ResponseEntity<?> smsReport(@PathVariable String token, @RequestBody(required = false) String body,
			HttpServletRequest request) {
		return receive(token, request.getRemoteAddr(), body, "sms-report", element -> {
			String attemptId = text(element, "out_id");
			boolean success = element.path("success").asBoolean(false);
			String code = success ? "DELIVERED" : orElse(text(element, "err_code"), "UNDELIVERED");
			FailureClass failure = FailureClass.of(code);
			boolean permanent = failure.outcome() == Outcome.PERMANENT_FAILURE;
			if (attemptId == null || !reports.reported(attemptId, code,
					success ? AttemptStatus.DELIVERED : AttemptStatus.UNDELIVERED, success ? null : code, permanent)) {
				return false;
			}
			String phone = MainlandNumbers.fromNational(text(element, "phone_number"));
			if (failure == FailureClass.OPTED_OUT && phone != null) {
				reports.optedOut(phone, AliyunSmsSender.PROVIDER + "-" + code);
			}
			return true;
		});
	}

	@PostMapping(SMS_UP)
	ResponseEntity<?> smsUp(@PathVariable String token, @RequestBody(required = false) String body,
			HttpServletRequest request) {
		return receive(token, request.getRemoteAddr(), body, "sms-up", element -> {
			String from = MainlandNumbers.fromNational(text(element, "phone_number"));
			if (from == null) {
				return false;
			}
			Reply reply = Reply.of(text(element, "content"));
			log.info("Text from {} through Aliyun: {}", Masking.phone(from), reply);
			switch (reply) {
				case ACKNOWLEDGE -> reports.acknowledgedLatest(Channel.SMS, from);
				case OPT_OUT -> reports.optedOut(from, "sms-reply");
				case OTHER -> {
				}
			}
			return true;
		});
	}

	@PostMapping(VOICE_REPORT)
	ResponseEntity<?> voiceReport(@PathVariable String token, @RequestBody(required = false) String body,
			HttpServletRequest request) {
		return receive(token, request.getRemoteAddr(), body, "voice-report", element -> {
			String attemptId = text(element, "out_id");
			String status = orElse(text(element, "status_code"), "unknown");
			boolean answered = ANSWERED.equals(status);
			boolean permanent = FailureClass.of(status) == FailureClass.WRONG_RECIPIENT;
			if (attemptId == null || !reports.reported(attemptId, status,
					answered ? AttemptStatus.DELIVERED : permanent ? AttemptStatus.FAILED : AttemptStatus.UNDELIVERED,
					answered ? null : status, permanent)) {
				return false;
			}
			String keys = orElse(text(element, "dtmf"), "");
			if (keys.contains("1")) {
				reports.acknowledged(attemptId, orElse(text(element, "callee"), ""));
			}
			return true;
		});
	}

	/**
	 * Checks the token and the sender's address, parses the array and hands each element
	 * to {@code action}, which says whether it found what the element is about.
	 */
	private ResponseEntity<?> receive(String candidate, String address, String body, String kind, Action action) {
		if (!token.admits(candidate, address)) {
			return ResponseEntity.notFound().build();
		}
		JsonNode elements;
		try {
			elements = body == null ? null : JsonMapper.shared().readTree(body);
		}
		catch (JacksonException ex) {
			elements = null;
		}
		if (elements == null || !elements.isArray()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The body is not the JSON array Aliyun pushes");
			return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		for (JsonNode element : elements) {
			if (!element.isObject() || !action.apply(element)) {
				Counter.builder("delivery.webhooks.unmatched")
					.description("Pushed elements acknowledged without a known attempt, by provider and kind")
					.tag("provider", AliyunSmsSender.PROVIDER)
					.tag("kind", kind)
					.register(meters)
					.increment();
				log.warn("Aliyun {} about an unknown attempt or without the fields it needs (out_id {})", kind,
						element.isObject() ? text(element, "out_id") : null);
			}
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(RECEIVED);
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
