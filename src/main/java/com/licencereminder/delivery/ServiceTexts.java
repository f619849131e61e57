package com.licencereminder.delivery;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.shared.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Texts the service sends on its own behalf rather than as reminders (verification
 * codes): through the routed SMS providers that reach the number, first to last, until
 * one accepts, without a delivery attempt or a retry, and never to a number that opted
 * out. It stops at a send that may have gone out (no answer) or that no provider could
 * deliver (a wrong number), so the recipient never gets two codes for one request. A
 * provider that sends the service's own text gets the text; one that sends only approved
 * templates (Aliyun, Tencent) gets its template of the text's key
 * ({@code verification-code} in {@code providers.yml}) with the text's values, and is
 * passed over when it has none (a warning at start says so). The text and the code are
 * not logged and the number only masked.
 */
@Component
public class ServiceTexts {

	/**
	 * The template key of a verification code, with values {@code code} and
	 * {@code minutes}.
	 */
	public static final String VERIFICATION_CODE = "verification-code";

	/** The prefix of the id a service text is sent with (no delivery attempt has it). */
	private static final String ID_PREFIX = "text-";

	private static final Logger log = LoggerFactory.getLogger(ServiceTexts.class);

	private final Routes routes;

	private final ProviderTemplates templates;

	private final OptOuts optOuts;

	ServiceTexts(Routes routes, ProviderTemplates templates, OptOuts optOuts) {
		this.routes = routes;
		this.templates = templates;
		this.optOuts = optOuts;
		for (ChannelSender sender : routes.senders(Channel.SMS)) {
			if (sender.templateSet() != null && !templates.has(sender.templateSet(), Channel.SMS, VERIFICATION_CODE)) {
				log.warn(
						"{} sends only approved templates and providers.yml has no {}.sms.{} template: verification"
								+ " codes for businesses binding by SMS go only through providers that send free text",
						sender.provider(), sender.templateSet(), VERIFICATION_CODE);
			}
		}
	}

	/**
	 * Whether a provider's id of what it sent (an Aliyun {@code out_id}) names a service
	 * text: its receipt is about no delivery attempt and needs no action.
	 */
	public static boolean isServiceText(String id) {
		return id != null && id.startsWith(ID_PREFIX);
	}

	/**
	 * Sends one text now.
	 * @param phone the E.164 mobile number
	 * @param text the whole text, for providers that send the service's own text
	 * @param key the provider template key of the text (e.g. {@value #VERIFICATION_CODE})
	 * @param values the template's values, by placeholder
	 * @return whether a provider accepted it
	 */
	public boolean send(String phone, String text, String key, Map<String, String> values) {
		if (optOuts.isOptedOut(phone)) {
			return false;
		}
		List<ChannelSender> route = routes.route(Channel.SMS, phone);
		for (ChannelSender sender : route) {
			RenderedMessage message;
			if (sender.templateSet() == null) {
				message = new RenderedMessage(text, null);
			}
			else if (templates.has(sender.templateSet(), Channel.SMS, key)) {
				message = templates.render(sender.templateSet(), Channel.SMS, List.of(key), values, sender);
			}
			else {
				continue;
			}
			DeliveryResult result;
			try {
				result = sender.send(ID_PREFIX + UUID.randomUUID(), phone, message);
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
			if (result != null && (result.ambiguous() || result.outcome() == Outcome.PERMANENT_FAILURE)) {
				return false;
			}
		}
		log.warn(
				"No provider sent the service text to {} (providers tried: {}; one that sends only approved"
						+ " templates needs a {} template)",
				Masking.phone(phone), route.stream().map(ChannelSender::provider).toList(), key);
		return false;
	}

}
