package com.licencereminder.delivery;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.licencereminder.delivery.DeliveryRequest.LicenceLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Renders reminders from the {@link MessageTemplates} with the licences' current data.
 * The days left are counted from today (the service's clock and zone) to each licence's
 * last valid day, so a message held back by a send window still states the truth.
 * Template choice, per channel ({@code sms}, {@code voice}, {@code mini-program}):
 * <ul>
 * <li>one licence: {@code <channel>.stage.<offset>} when the stage has its own template,
 * else {@code .default} (days left), {@code .today} (0) or {@code .expired}
 * (negative);</li>
 * <li>several licences (a digest): {@code .digest}, or {@code .digest-urgent} when one of
 * them is due today or expired, with {@code {licences}} the {@code digest-line.*} of each
 * joined by {@code digest-line.separator};</li>
 * <li>mini-program: the text is a preview; the subscribe-message template fields are what
 * {@link MiniProgramTemplate} maps them to, the hint from
 * {@code mini-program.hint.*}.</li>
 * </ul>
 * At construction the SMS templates are rendered with the longest plausible values
 * (holder 40 characters, licence type 20, number 30, issuer 30, three-digit day counts,
 * the longest date, a digest of three licences, the configured regulator and hotline);
 * the result is logged, and a template that takes more than
 * {@code licence-reminder.templates.sms-max-segments} is warned of.
 */
@Component
class MessageRenderer {

	private static final Logger log = LoggerFactory.getLogger(MessageRenderer.class);

	private static final int WORST_CASE_DIGEST = 3;

	private final MessageTemplates templates;

	private final RegulatorProperties regulator;

	private final MiniProgramTemplate template;

	private final ProviderTemplates providerTemplates;

	private final Clock clock;

	private final DateTimeFormatter dates;

	MessageRenderer(MessageTemplates templates, ProviderTemplates providerTemplates, RegulatorProperties regulator,
			MiniProgramTemplate template, Clock clock) {
		this.templates = templates;
		this.providerTemplates = providerTemplates;
		this.regulator = regulator;
		this.template = template;
		this.clock = clock;
		this.dates = DateTimeFormatter.ofPattern(templates.render("date-pattern", Map.of()),
				templates.language().locale());
		checkSmsLength();
		Map<String, String> worstCase = merge(message("企".repeat(40)), worstCaseLicence());
		worstCase.put("count", "99");
		providerTemplates.check(worstCase);
	}

	/**
	 * The message for a sender: from its provider's template set when it has one
	 * ({@link ChannelSender#templateSet()}, {@link ProviderTemplates}), with the text as
	 * the recipient gets it; else from the service's own templates.
	 */
	RenderedMessage render(DeliveryRequest request, ChannelSender sender) {
		String set = sender.templateSet();
		if (set == null || !providerTemplates.has(set, request.channel())) {
			return render(request);
		}
		LocalDate today = LocalDate.now(this.clock);
		List<Line> lines = lines(request, today);
		Line first = Collections.min(lines, Comparator.comparingLong(Line::daysLeft));
		Map<String, String> values = merge(message(request.holderName()), first.values());
		List<String> keys;
		if (lines.size() == 1) {
			keys = List.of("stage." + request.stageOffsetDays(), first.state());
		}
		else {
			values.put("count", String.valueOf(lines.size()));
			keys = List.of(first.daysLeft() <= 0 ? "digest-urgent" : "digest", "digest");
		}
		return providerTemplates.render(set, request.channel(), keys, values, sender);
	}

	RenderedMessage render(DeliveryRequest request) {
		LocalDate today = LocalDate.now(this.clock);
		List<Line> lines = lines(request, today);
		String channel = switch (request.channel()) {
			case SMS -> "sms";
			case VOICE -> "voice";
			case MINI_PROGRAM -> "mini-program";
		};
		String text = text(channel, request.stageOffsetDays(), message(request.holderName()), lines);
		return new RenderedMessage(text, (request.channel() == Channel.MINI_PROGRAM)
				? miniProgramFields(request.holderName(), lines) : Map.of());
	}

	private String text(String channel, int stageOffsetDays, Map<String, String> message, List<Line> lines) {
		if (lines.size() == 1) {
			Line line = lines.get(0);
			String stage = channel + ".stage." + stageOffsetDays;
			return this.templates.render(this.templates.has(stage) ? stage : channel + "." + line.state(),
					merge(message, line.values()));
		}
		List<String> items = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Line line = lines.get(i);
			items.add(this.templates.render("digest-line." + line.state(),
					merge(line.values(), Map.of("index", String.valueOf(i + 1)))));
		}
		boolean urgent = lines.stream().anyMatch(line -> line.daysLeft() <= 0);
		return this.templates.render(channel + (urgent ? ".digest-urgent" : ".digest"),
				merge(message, Map.of("count", String.valueOf(lines.size()), "licences",
						String.join(this.templates.render("digest-line.separator", Map.of()), items))));
	}

	private List<Line> lines(DeliveryRequest request, LocalDate today) {
		List<Line> lines = new ArrayList<>();
		for (LicenceLine licence : request.licences()) {
			if (licence.validUntil() == null) {
				throw new IllegalArgumentException(
						"licence " + licence.licenceId() + " has no expiry date to remind of");
			}
			lines.add(line(licence, today));
		}
		return lines;
	}

	private Map<String, String> message(String holder) {
		String hotline = StringUtils.hasText(this.regulator.hotline()) ? this.regulator.hotline() : "";
		String hotlineNote = hotline.isEmpty() ? ""
				: this.templates.render("hotline-note", Map.of("regulator", this.regulator.name(), "hotline", hotline));
		return Map.of("regulator", this.regulator.name(), "hotline", hotline, "hotlineNote", hotlineNote, "holder",
				(holder != null) ? holder : "");
	}

	private Line line(LicenceLine licence, LocalDate today) {
		long days = ChronoUnit.DAYS.between(today, licence.validUntil());
		return new Line(days,
				Map.of("licenceType", orEmpty(licence.licenceType()), "licenceNumber", orEmpty(licence.licenceNumber()),
						"validUntil", this.dates.format(licence.validUntil()), "daysLeft", String.valueOf(days),
						"daysOverdue", String.valueOf(Math.max(0, -days)), "issuer", orEmpty(licence.issuer())));
	}

	private Map<String, String> miniProgramFields(String holder, List<Line> lines) {
		Line first = Collections.min(lines, Comparator.comparingLong(Line::daysLeft));
		String type = (lines.size() == 1) ? first.values().get("licenceType") : this.templates
			.render("mini-program.digest-type", merge(first.values(), Map.of("count", String.valueOf(lines.size()))));
		Map<String, String> sources = new HashMap<>(first.values());
		sources.put("licenceType", type);
		sources.put("hint", this.templates.render("mini-program.hint." + first.state(), first.values()));
		sources.put("holderName", (holder != null) ? holder : "");
		Map<String, String> fields = new LinkedHashMap<>();
		new TreeMap<>(this.template.fields())
			.forEach((key, source) -> fields.put(key, MiniProgramTemplate.shape(key, sources.get(source))));
		return fields;
	}

	/** The longest value of each licence placeholder. */
	private Map<String, String> worstCaseLicence() {
		String longestDate = LocalDate.of(2026, 1, 1)
			.datesUntil(LocalDate.of(2027, 1, 1))
			.map(this.dates::format)
			.max(Comparator.comparingInt(String::length))
			.orElseThrow();
		return Map.of("licenceType", "证".repeat(20), "licenceNumber", "号".repeat(30), "validUntil", longestDate,
				"daysLeft", "999", "daysOverdue", "999", "issuer", "局".repeat(30), "index",
				String.valueOf(WORST_CASE_DIGEST));
	}

	private void checkSmsLength() {
		Map<String, String> message = message("企".repeat(40));
		Map<String, String> licence = worstCaseLicence();
		List<String> worstCases = new ArrayList<>();
		for (String key : this.templates.keys("sms.")) {
			String text;
			if (key.startsWith("sms.digest")) {
				String line = (key.equals("sms.digest") ? List.of("default") : List.of("default", "today", "expired"))
					.stream()
					.map(state -> this.templates.render("digest-line." + state, licence))
					.max(Comparator.comparingInt(String::length))
					.orElseThrow();
				String licences = String.join(this.templates.render("digest-line.separator", Map.of()),
						Collections.nCopies(WORST_CASE_DIGEST, line));
				text = this.templates.render(key,
						merge(message, Map.of("count", String.valueOf(WORST_CASE_DIGEST), "licences", licences)));
			}
			else {
				text = this.templates.render(key, merge(message, licence));
			}
			SmsSegments segments = SmsSegments.of(text);
			worstCases.add(key + " " + segments);
			if (segments.segments() > this.templates.smsMaxSegments()) {
				log.warn("SMS template {} in {} can take {} in the worst case (holder 40 characters, licence type 20, "
						+ "number 30{}), more than licence-reminder.templates.sms-max-segments={}: shorten it or raise "
						+ "the limit", key, this.templates.source(key), segments,
						key.startsWith("sms.digest") ? ", " + WORST_CASE_DIGEST + " licences" : "",
						this.templates.smsMaxSegments());
			}
		}
		log.info("SMS templates ({}), worst case: {}", this.templates.language(), String.join("; ", worstCases));
	}

	private static Map<String, String> merge(Map<String, String> first, Map<String, String> second) {
		Map<String, String> merged = new HashMap<>(first);
		merged.putAll(second);
		return merged;
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

	/** One licence's placeholder values and its days left. */
	private record Line(long daysLeft, Map<String, String> values) {

		String state() {
			return (this.daysLeft > 0) ? "default" : (this.daysLeft == 0) ? "today" : "expired";
		}

	}

}
