package com.licencereminder.delivery.voice;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.ChannelSender;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.RenderedMessage;
import com.licencereminder.delivery.twilio.ConditionalOnTwilio;
import com.licencereminder.delivery.twilio.TwilioAccount;
import com.licencereminder.delivery.twilio.TwilioErrors;
import com.licencereminder.delivery.twilio.TwilioLookup;
import com.licencereminder.shared.Masking;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Calls through Twilio Calls with inline TwiML: a {@code <Gather numDigits="1">} that
 * posts the key pressed to the attempt's gather webhook and, inside it, the reminder
 * spoken in Mandarin ({@code <Say language="zh-CN">}) twice, the second time announced as
 * a repeat; the text ends with "确认收到请按1". Without a key the call says goodbye. The call
 * reports its end to the attempt's status webhook ({@code StatusCallbackEvent=completed},
 * which carries {@code completed}, {@code no-answer}, {@code busy}, {@code failed} or
 * {@code canceled}).
 * <p>
 * {@link #lookup} lists the calls to the recipient from the number ({@code To},
 * {@code From}) and looks for one created in the attempt's time window
 * ({@link TwilioLookup}); a call has no text to compare, so two calls in that window
 * leave the answer unknown. It does not filter by {@code StartTime} on Twilio's side: a
 * call still queued has no start time yet.
 */
@Component
@ConditionalOnTwilio
class TwilioVoiceSender implements ChannelSender {

	/** Seconds to wait for the key after the reminder was spoken. */
	static final int GATHER_TIMEOUT = 8;

	private static final Logger log = LoggerFactory.getLogger(TwilioVoiceSender.class);

	private final TwilioAccount account;

	private final MessageSource messages;

	TwilioVoiceSender(TwilioAccount account, MessageSource messages) {
		if (!StringUtils.hasText(account.properties().fromNumber())) {
			throw new IllegalStateException("Calls need a caller number: set licence-reminder.twilio.from-number"
					+ " (LICENCE_REMINDER_TWILIO_FROM_NUMBER)");
		}
		this.account = account;
		this.messages = messages;
	}

	@Override
	public Channel channel() {
		return Channel.VOICE;
	}

	@Override
	public String provider() {
		return "twilio";
	}

	@Override
	public DeliveryResult send(String attemptId, String recipient, RenderedMessage message) {
		try {
			Call call = Call
				.creator(new PhoneNumber(recipient), new PhoneNumber(account.properties().fromNumber()),
						new Twiml(twiml(attemptId, message.text())))
				.setStatusCallback(account.statusCallback(attemptId))
				.setStatusCallbackMethod(HttpMethod.POST)
				.setStatusCallbackEvent(List.of("completed"))
				.create(account.client());
			log.debug("Call {} to {} placed as {}", attemptId, Masking.phone(recipient), call.getSid());
			return new DeliveryResult(Outcome.SENT, attemptId, call.getSid(), null, null);
		}
		catch (TwilioException ex) {
			DeliveryResult failure = TwilioErrors.failure(attemptId, ex);
			log.warn("Call {} to {} failed {} {}: {}", attemptId, Masking.phone(recipient), failure.outcome(),
					failure.errorCode(), failure.errorMessage());
			return failure;
		}
	}

	@Override
	public Lookup lookup(String attemptId, String recipient, RenderedMessage message, Instant sentAfter,
			Instant sentBefore) {
		String from = account.properties().fromNumber();
		Lookup lookup = TwilioLookup.find(
				Call.reader()
					.setTo(new PhoneNumber(recipient))
					.setFrom(new PhoneNumber(from))
					.setPageSize(TwilioLookup.PAGE_SIZE),
				account, call -> recipient.equals(call.getTo()) && from.equals(call.getFrom())
						&& TwilioLookup.createdBetween(call.getDateCreated(), sentAfter, sentBefore),
				Call::getSid);
		log.info("Call {} to {}, whose outcome was unknown, looked up at Twilio: {} {}", attemptId,
				Masking.phone(recipient), lookup.status(), lookup.detail());
		return lookup;
	}

	String twiml(String attemptId, String text) {
		Gather gather = new Gather.Builder().numDigits(1)
			.timeout(GATHER_TIMEOUT)
			.action(account.gatherCallback(attemptId))
			.method(HttpMethod.POST)
			.say(say(text))
			.say(say(text("delivery.voice.repeat") + text))
			.build();
		return new VoiceResponse.Builder().gather(gather).say(say(text("delivery.voice.goodbye"))).build().toXml();
	}

	private static Say say(String words) {
		return new Say.Builder(words).language(Say.Language.ZH_CN).build();
	}

	private String text(String key) {
		return messages.getMessage(key, null, Locale.SIMPLIFIED_CHINESE);
	}

}
