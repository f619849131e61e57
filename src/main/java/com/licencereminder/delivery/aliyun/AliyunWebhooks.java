package com.licencereminder.delivery.aliyun;

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
import com.licencereminder.delivery.ServiceTexts;
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

	/** How Aliyun pushes: its answer, JSON arrays only. */
	private static final Pushes.Provider FROM = new Pushes.Provider(AliyunSmsSender.PROVIDER, "Aliyun",
			Map.of("code", 0, "msg", "接收成功"), false, element -> text(element, "out_id"));

	private static final Logger log = LoggerFactory.getLogger(AliyunWebhooks.class);

	private final Pushes pushes;

	private final ProviderReports reports;

	AliyunWebhooks(Pushes pushes, ProviderReports reports) {
		this.pushes = pushes;
		this.reports = reports;
	}

	@PostMapping(SMS_REPORT)
	ResponseEntity<?> smsReport(@PathVariable String token, @RequestBody(required = false) String body,
			HttpServletRequest request) {
		return pushes.receive(FROM, "sms-report", token, request.getRemoteAddr(), body, element -> {
			String attemptId = text(element, "out_id");
			if (ServiceTexts.isServiceText(attemptId)) {
				return true;
			}
			JsonNode delivered = element.get("success");
			if (delivered == null || !delivered.isBoolean()) {
				return false;
			}
			boolean success = delivered.booleanValue();
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
		return pushes.receive(FROM, "sms-up", token, request.getRemoteAddr(), body, element -> {
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
		return pushes.receive(FROM, "voice-report", token, request.getRemoteAddr(), body, element -> {
			String attemptId = text(element, "out_id");
			String status = text(element, "status_code");
			if (status == null) {
				return false;
			}
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

}
