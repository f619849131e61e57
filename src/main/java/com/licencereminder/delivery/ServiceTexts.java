package com.licencereminder.delivery;

import java.util.UUID;

import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.shared.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Texts the service sends on its own behalf rather than as reminders (verification
 * codes): through the SMS sender {@link Deliveries} uses, but without a reminder
 * template, a delivery attempt or a retry, and never to a number that opted out. The text
 * is not logged and the number only masked.
 */
@Component
public class ServiceTexts {

	private static final Logger log = LoggerFactory.getLogger(ServiceTexts.class);

	private final Deliveries deliveries;

	private final OptOuts optOuts;

	ServiceTexts(Deliveries deliveries, OptOuts optOuts) {
		this.deliveries = deliveries;
		this.optOuts = optOuts;
	}

	/**
	 * Sends one text now.
	 * @param phone the E.164 mobile number
	 * @param text the whole text
	 * @return whether the provider accepted it
	 */
	public boolean send(String phone, String text) {
		if (optOuts.isOptedOut(phone)) {
			return false;
		}
		ChannelSender sender = deliveries.sender(Channel.SMS);
		DeliveryResult result;
		try {
			result = sender.send("text-" + UUID.randomUUID(), phone, new RenderedMessage(text, null));
		}
		catch (RuntimeException ex) {
			log.warn("A service text to {} failed: {}", Masking.phone(phone), ex.getClass().getName());
			return false;
		}
		boolean sent = result != null && result.outcome() == Outcome.SENT;
		if (!sent) {
			log.warn("A service text to {} was not sent ({})", Masking.phone(phone),
					result == null ? null : result.errorCode());
		}
		return sent;
	}

}
