package com.licencereminder.delivery;

import java.util.UUID;

import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.shared.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Texts the service sends on its own behalf rather than as reminders (verification
 * codes): through the first routed SMS provider that reaches the number and sends free
 * text (not one that sends only approved templates), without a delivery attempt or a
 * retry, and never to a number that opted out. The text is not logged and the number only
 * masked.
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
		for (ChannelSender sender : deliveries.freeTextSenders(Channel.SMS, phone)) {
			DeliveryResult result;
			try {
				result = sender.send("text-" + UUID.randomUUID(), phone, new RenderedMessage(text, null));
			}
			catch (RuntimeException ex) {
				log.warn("A service text to {} through {} failed: {}", Masking.phone(phone), sender.provider(),
						ex.getClass().getName());
				continue;
			}
			if (result != null && result.outcome() == Outcome.SENT) {
				return true;
			}
			log.warn("A service text to {} was not sent through {} ({})", Masking.phone(phone), sender.provider(),
					result == null ? null : result.errorCode());
		}
		log.warn("No provider sent the service text to {}: a provider that sends only approved templates"
				+ " (Aliyun) needs one for it", Masking.phone(phone));
		return false;
	}

}
