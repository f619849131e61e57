package com.licencereminder.delivery;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.licencereminder.delivery.DeliveryRequest.LicenceLine;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Renders reminders from the {@code delivery.*} keys of the message bundle, in Chinese. The days
 * left are counted from today (the service's clock and zone) to each licence's last valid day, so
 * a message held back by a send window still states the truth: 0 reads "今天到期", a negative
 * count "已过期N天". Several licences make a digest that lists them.
 * <ul>
 * <li>SMS: signature 【regulator】, holder, licences, what to do, hotline, "回复1确认收到，回复TD退订。"</li>
 * <li>Voice: the same words spoken, ending "确认收到请按1。"</li>
 * <li>Mini-program: the subscribe-message template fields as {@link MiniProgramTemplate} maps
 * them (by default {@code thing1} licence type, {@code thing2} licence number — {@code thing}
 * rather than {@code character_string} because numbers such as {@code 豫AA3740001} contain
 * Chinese —, {@code time3} last valid day, {@code thing4} hint); the text is a preview.</li>
 * </ul>
 */
@Component
class MessageRenderer {

	private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	private final MessageSource messages;

	private final RegulatorProperties regulator;

	private final MiniProgramTemplate template;

	private final Clock clock;

	MessageRenderer(MessageSource messages, RegulatorProperties regulator, MiniProgramTemplate template, Clock clock) {
		this.messages = messages;
		this.regulator = regulator;
		this.template = template;
		this.clock = clock;
	}

	RenderedMessage render(DeliveryRequest request) {
		LocalDate today = LocalDate.now(clock);
		List<LicenceLine> licences = request.licences();
		for (LicenceLine licence : licences) {
			if (licence.validUntil() == null) {
				throw new IllegalArgumentException("licence " + licence.licenceId() + " has no expiry date to remind of");
			}
		}
		String body = body(licences, today);
		String hotline = StringUtils.hasText(regulator.hotline()) ? message("delivery.hotline", regulator.hotline()) : "";
		return switch (request.channel()) {
			case SMS -> new RenderedMessage(message("delivery.sms.greeting", regulator.name(), request.holderName()) + body
					+ hotline + message("delivery.sms.footer"), Map.of());
			case VOICE -> new RenderedMessage(message("delivery.voice.greeting", regulator.name(), request.holderName())
					+ body + hotline + message("delivery.voice.footer"), Map.of());
			case MINI_PROGRAM -> new RenderedMessage(
					message("delivery.sms.greeting", regulator.name(), request.holderName()) + body + hotline,
					miniProgramFields(request, today));
		};
	}

	private String body(List<LicenceLine> licences, LocalDate today) {
		boolean urgent = licences.stream().anyMatch(l -> daysLeft(l, today) <= 0);
		String action = message(urgent ? "delivery.action.urgent" : "delivery.action.renew");
		if (licences.size() == 1) {
			LicenceLine licence = licences.get(0);
			return message("delivery.body.single", licence.licenceType(), licence.licenceNumber(), due(licence, today),
					action);
		}
		List<String> items = new ArrayList<>();
		for (int i = 0; i < licences.size(); i++) {
			LicenceLine licence = licences.get(i);
			items.add(message("delivery.body.digest-item", String.valueOf(i + 1), licence.licenceType(),
					licence.licenceNumber(), due(licence, today)));
		}
		return message("delivery.body.digest", String.valueOf(licences.size()),
				String.join(message("delivery.body.digest-separator"), items), action);
	}

	private String due(LicenceLine licence, LocalDate today) {
		long days = daysLeft(licence, today);
		String date = date(licence.validUntil());
		if (days > 0) {
			return message("delivery.due.future", date, String.valueOf(days));
		}
		if (days == 0) {
			return message("delivery.due.today", date);
		}
		return message("delivery.due.past", date, String.valueOf(-days));
	}

	private Map<String, String> miniProgramFields(DeliveryRequest request, LocalDate today) {
		List<LicenceLine> licences = request.licences();
		LicenceLine first = licences.stream().min(Comparator.comparing(LicenceLine::validUntil)).orElseThrow();
		long days = daysLeft(first, today);
		String type = licences.size() == 1 ? first.licenceType()
				: message("delivery.mini-program.digest-type", first.licenceType(), String.valueOf(licences.size()));
		String hint = days > 0 ? message("delivery.mini-program.hint.future", String.valueOf(days))
				: days == 0 ? message("delivery.mini-program.hint.today")
						: message("delivery.mini-program.hint.past", String.valueOf(-days));
		Map<String, String> sources = Map.of("licenceType", type, "licenceNumber", first.licenceNumber(), "validUntil",
				date(first.validUntil()), "hint", hint, "holderName", request.holderName(), "daysLeft", String.valueOf(days),
				"issuer", first.issuer() == null ? "" : first.issuer());
		Map<String, String> fields = new LinkedHashMap<>();
		new java.util.TreeMap<>(template.fields())
			.forEach((key, source) -> fields.put(key, MiniProgramTemplate.shape(key, sources.get(source))));
		return fields;
	}

	private static long daysLeft(LicenceLine licence, LocalDate today) {
		return ChronoUnit.DAYS.between(today, licence.validUntil());
	}

	private String date(LocalDate date) {
		return date.format(DateTimeFormatter.ofPattern(message("delivery.date-pattern"), CHINESE));
	}

	private String message(String code, Object... args) {
		return messages.getMessage(code, args, CHINESE);
	}

}
