package com.licencereminder.delivery.twilio;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.ProviderReports;
import com.licencereminder.delivery.Reply;
import com.licencereminder.shared.Masking;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.messaging.Message;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Twilio calls back; every request is signature-checked first
 * ({@link TwilioSignatureFilter}), open to no one else, and safe to receive twice or out
 * of order.
 * <ul>
 * <li>{@value #STATUS}: status of an attempt's message ({@code MessageStatus},
 * {@code ErrorCode}) or call ({@code CallStatus}); see {@link TwilioStatus}. Error 21610
 * also opts the number out of SMS. Answers 204.</li>
 * <li>{@value #INBOUND}: a text to our number (configured on the number in Twilio):
 * {@link Reply} 1/确认/收到 acknowledges the last reminder texted to that number,
 * TD/T/R/退订/STOP opts it out of SMS (calls and mini-program messages continue). Answers
 * TwiML: a short confirmation, or an empty {@code <Response/>} (for STOP Twilio answers
 * itself, and for anything else there is nothing to say).</li>
 * <li>{@value #GATHER}: the key pressed during a reminder call: 1 acknowledges the call's
 * reminder. Answers TwiML that says thank you, or goodbye, and hangs up.</li>
 * </ul>
 */
@RestController
@ConditionalOnTwilio
class TwilioWebhooks {

	static final String ROOT = "/webhooks/twilio";

	static final String STATUS = ROOT + "/status/{attemptId}";

	static final String INBOUND = ROOT + "/sms/inbound";

	static final String GATHER = ROOT + "/voice/{attemptId}/gather";

	private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);

	private static final MediaType XML = new MediaType(MediaType.APPLICATION_XML, StandardCharsets.UTF_8);

	private final ProviderReports reports;

	private final MessageSource messages;

	TwilioWebhooks(ProviderReports reports, MessageSource messages) {
		this.reports = reports;
		this.messages = messages;
	}

	@PostMapping(STATUS)
	ResponseEntity<Void> status(@PathVariable String attemptId,
			@RequestParam(name = "MessageStatus", required = false) String messageStatus,
			@RequestParam(name = "CallStatus", required = false) String callStatus,
			@RequestParam(name = "ErrorCode", required = false) String errorCode,
			@RequestParam(name = "To", required = false) String to) {
		String code = StringUtils.hasText(errorCode) ? errorCode.strip() : null;
		TwilioStatus status = messageStatus != null ? TwilioStatus.ofMessage(messageStatus, code)
				: callStatus != null ? TwilioStatus.ofCall(callStatus) : null;
		if (status == null) {
			log.debug("Ignored status {} / {} for attempt {}", messageStatus, callStatus, attemptId);
			return ResponseEntity.noContent().build();
		}
		if (TwilioErrors.OPTED_OUT.equals(code) && to != null) {
			reports.optedOut(to, "twilio-" + TwilioErrors.OPTED_OUT);
		}
		if (!reports.reported(attemptId, status.word(), status.status(), code, status.permanent())) {
			log.warn("Status {} for an unknown attempt {}", status.word(), attemptId);
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping(INBOUND)
	ResponseEntity<String> inbound(@RequestParam(name = "From") String from,
			@RequestParam(name = "Body", defaultValue = "") String body) {
		Reply reply = Reply.of(body);
		log.info("Text from {}: {}", Masking.phone(from), reply);
		String answer = switch (reply) {
			case ACKNOWLEDGE ->
				reports.acknowledgedLatest(Channel.SMS, from) ? text("delivery.reply.acknowledged") : null;
			case OPT_OUT -> {
				reports.optedOut(from, "sms-reply");
				// Twilio answers STOP itself, and a text to a number that sent STOP is
				// refused
				yield "STOP".equals(body.strip().toUpperCase(Locale.ROOT)) ? null : text("delivery.reply.opted-out");
			}
			case OTHER -> null;
		};
		MessagingResponse.Builder response = new MessagingResponse.Builder();
		if (answer != null) {
			response.message(new Message.Builder(answer).build());
		}
		return ResponseEntity.ok().contentType(XML).body(response.build().toXml());
	}

	@PostMapping(GATHER)
	ResponseEntity<String> gather(@PathVariable String attemptId,
			@RequestParam(name = "Digits", defaultValue = "") String digits,
			@RequestParam(name = "To", required = false) String to) {
		boolean acknowledged = "1".equals(digits.strip()) && reports.acknowledged(attemptId, to);
		String words = text(acknowledged ? "delivery.voice.acknowledged" : "delivery.voice.goodbye");
		VoiceResponse response = new VoiceResponse.Builder()
			.say(new Say.Builder(words).language(Say.Language.ZH_CN).build())
			.hangup(new Hangup.Builder().build())
			.build();
		return ResponseEntity.ok().contentType(XML).body(response.toXml());
	}

	private String text(String key) {
		return messages.getMessage(key, null, Locale.SIMPLIFIED_CHINESE);
	}

}
