package com.licencereminder.delivery.sms;

import java.time.Instant;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.ChannelSender;
import com.licencereminder.delivery.ProviderReports;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.RenderedMessage;
import com.licencereminder.delivery.twilio.ConditionalOnTwilio;
import com.licencereminder.delivery.twilio.TwilioAccount;
import com.licencereminder.delivery.twilio.TwilioErrors;
import com.licencereminder.delivery.twilio.TwilioLookup;
import com.licencereminder.delivery.twilio.TwilioProperties;
import com.licencereminder.shared.Masking;
import com.twilio.exception.TwilioException;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Texts through Twilio Messages: {@code To}, the messaging service
 * ({@code MessagingServiceSid}) or else the number ({@code From}), {@code Body}, a
 * {@code StatusCallback} naming the attempt, and {@code ValidityPeriod}. Failures are
 * classified by {@link TwilioErrors}; error 21610 (the recipient opted out with STOP)
 * also puts the number on the opt-out list.
 * <p>
 * {@link #lookup} lists the messages to the recipient ({@code To}, and {@code From} when
 * texts come from the number) and looks for one with the same text, from the same number
 * or messaging service, created in the attempt's time window ({@link TwilioLookup}). It
 * does not filter by {@code DateSent} on Twilio's side: that filter is by day, and a
 * message still queued at Twilio has no send date yet, so it would be missed and sent
 * twice.
 */
@Component
@ConditionalOnTwilio
class TwilioSmsSender implements ChannelSender {

	private static final Logger log = LoggerFactory.getLogger(TwilioSmsSender.class);

	private final TwilioAccount account;

	private final ProviderReports reports;

	TwilioSmsSender(TwilioAccount account, ProviderReports reports) {
		this.account = account;
		this.reports = reports;
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public String provider() {
		return "twilio";
	}

	@Override
	public DeliveryResult send(String attemptId, String recipient, RenderedMessage message) {
		TwilioProperties properties = account.properties();
		PhoneNumber to = new PhoneNumber(recipient);
		MessageCreator creator = StringUtils.hasText(properties.messagingServiceSid())
				? Message.creator(to, properties.messagingServiceSid(), message.text())
				: Message.creator(to, new PhoneNumber(properties.fromNumber()), message.text());
		creator.setStatusCallback(account.statusCallback(attemptId))
			.setValidityPeriod(Math.toIntExact(properties.validityPeriod().toSeconds()));
		try {
			Message sent = creator.create(account.client());
			log.debug("Text {} to {} accepted as {}", attemptId, Masking.phone(recipient), sent.getSid());
			return new DeliveryResult(Outcome.SENT, attemptId, sent.getSid(), null, null);
		}
		catch (TwilioException ex) {
			DeliveryResult failure = TwilioErrors.failure(attemptId, ex);
			log.warn("Text {} to {} failed {} {}: {}", attemptId, Masking.phone(recipient), failure.outcome(),
					failure.errorCode(), failure.errorMessage());
			if (TwilioErrors.OPTED_OUT.equals(failure.errorCode())) {
				reports.optedOut(recipient, "twilio-" + TwilioErrors.OPTED_OUT);
			}
			return failure;
		}
	}

	@Override
	public Lookup lookup(String attemptId, String recipient, RenderedMessage message, Instant sentAfter,
			Instant sentBefore) {
		TwilioProperties properties = account.properties();
		String service = properties.messagingServiceSid();
		MessageReader reader = Message.reader().setTo(new PhoneNumber(recipient)).setPageSize(TwilioLookup.PAGE_SIZE);
		if (!StringUtils.hasText(service)) {
			reader.setFrom(new PhoneNumber(properties.fromNumber()));
		}
		Lookup lookup = TwilioLookup.find(reader, account,
				sent -> recipient.equals(sent.getTo()) && message.text().equals(sent.getBody())
						&& (StringUtils.hasText(service) ? service.equals(sent.getMessagingServiceSid())
								: sent.getFrom() != null && properties.fromNumber().equals(sent.getFrom().toString()))
						&& TwilioLookup.createdBetween(sent.getDateCreated(), sentAfter, sentBefore),
				Message::getSid);
		log.info("Text {} to {}, whose outcome was unknown, looked up at Twilio: {} {}", attemptId,
				Masking.phone(recipient), lookup.status(), lookup.detail());
		return lookup;
	}

}
