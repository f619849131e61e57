package com.licencereminder.delivery;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.licencereminder.console.ConsolePage;
import com.licencereminder.delivery.DeliveryController.AttemptView;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.Licences;
import com.licencereminder.shared.Downloads;
import com.licencereminder.shared.ExportWorkbook;
import com.licencereminder.shared.Masking;
import com.licencereminder.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The delivery log in the console (operators and administrators): {@code GET /deliveries}
 * with the API's filters ({@link DeliveryLogQuery}) as a form, newest first, paged;
 * {@code GET /deliveries/{id}} one attempt with its content, licences and status
 * timeline; and the exports {@code /deliveries/export.csv} and
 * {@code /deliveries/export.xlsx} of the filtered log. Recipients (and numbers in
 * provider messages) are masked unless the viewer is an administrator, as in the API;
 * exports always mask them. An export's file name carries the filter and the export time.
 */
@Controller
@ConsolePage
@RequestMapping("/deliveries")
class DeliveryPages {

	static final int PAGE_SIZE = 50;

	private final DeliveryLogQuery log;

	private final Licences licences;

	private final MessageSource messages;

	private final ErrorCodes errorCodes;

	private final Clock clock;

	DeliveryPages(DeliveryLogQuery log, Licences licences, MessageSource messages, ErrorCodes errorCodes, Clock clock) {
		this.log = log;
		this.licences = licences;
		this.messages = messages;
		this.errorCodes = errorCodes;
		this.clock = clock;
	}

	@ModelAttribute
	void common(Model model) {
		model.addAttribute("zone", clock.getZone());
		model.addAttribute("tones", Tone.ALL);
	}

	@GetMapping
	String list(@ModelAttribute("filter") DeliveryLogQuery.Filter filter, @RequestParam(defaultValue = "0") int page,
			Authentication user, Locale locale, Model model) {
		model.addAttribute("channels", Channel.values());
		model.addAttribute("statuses", AttemptStatus.values());
		model.addAttribute("query", query(filter));
		try {
			DeliveryController.AttemptPage attempts = log.page(filter, Math.max(page, 0), PAGE_SIZE,
					Role.ADMIN.isGrantedTo(user));
			model.addAttribute("attempts", attempts);
			model.addAttribute("codeWords", errorCodes.words(
					attempts.content().stream().map(AttemptView::errorCode).filter(Objects::nonNull).toList(), locale));
		}
		catch (ResponseStatusException ex) {
			model.addAttribute("filterError", true);
		}
		return "delivery/deliveries";
	}

	@GetMapping("/{id}")
	String attempt(@PathVariable String id, Authentication user, Locale locale, Model model) {
		DeliveryAttempt attempt = log.find(id);
		if (attempt == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		boolean full = Role.ADMIN.isGrantedTo(user);
		AttemptView view = AttemptView.of(attempt, full);
		Map<String, Licence> known = licences.byId(view.licenceIds());
		model.addAttribute("attempt", view);
		model.addAttribute("errorMessage", full ? view.errorMessage() : Masking.text(view.errorMessage()));
		model.addAttribute("errorWords", errorCodes.words(view.errorCode(), locale));
		model.addAttribute("licences",
				view.licenceIds().stream().map(licenceId -> LicenceLink.of(licenceId, known.get(licenceId))).toList());
		model.addAttribute("timeline", view.timeline()
			.stream()
			.map(change -> new TimelineEntry(
					messages.getMessage("delivery.timeline." + change.status(), null, change.status(), locale),
					Tone.of(change.status()), change.at(), full ? change.detail() : Masking.text(change.detail())))
			.toList());
		return "delivery/attempt";
	}

	@GetMapping("/export.csv")
	void exportCsv(@ModelAttribute DeliveryLogQuery.Filter filter, HttpServletResponse response) throws IOException {
		Query query = log.query(filter); // a bad filter is refused before the response
											// starts
		Downloads.send(response, "text/csv;charset=UTF-8", disposition(filter, "csv"),
				out -> log.writeCsv(query, new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
	}

	@GetMapping("/export.xlsx")
	void exportXlsx(@ModelAttribute DeliveryLogQuery.Filter filter, Locale locale, HttpServletResponse response)
			throws IOException {
		Query query = log.query(filter); // a bad filter is refused before the response
											// starts
		Downloads.send(response, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				disposition(filter, "xlsx"), out -> {
					try (Stream<DeliveryAttempt> attempts = log.stream(query)) {
						DeliveryWorkbook.write(attempts, out, ExportWorkbook.describe(filter.parameters()),
								clock.instant(), clock.getZone(), messages, locale);
					}
				});
	}

	/** The filter's query string ({@code ?channel=SMS&...}), empty without filters. */
	static String query(DeliveryLogQuery.Filter filter) {
		UriComponentsBuilder builder = UriComponentsBuilder.newInstance();
		filter.parameters().forEach(builder::queryParam);
		return builder.encode().build().toUriString();
	}

	/**
	 * {@code deliveries_<export time>_<name>-<value>...}: evidence of what was exported
	 * and when.
	 */
	private String disposition(DeliveryLogQuery.Filter filter, String extension) {
		return Downloads.attachment("deliveries", filter.parameters(), clock.instant(), clock.getZone(), extension);
	}

	/**
	 * A licence an attempt is about, as a link.
	 *
	 * @param label its type and number, or its id when it is no longer known
	 */
	record LicenceLink(String id, String label, String holderName) {

		static LicenceLink of(String id, Licence licence) {
			return licence == null ? new LicenceLink(id, id, null)
					: new LicenceLink(id, licence.licenceType() + " " + licence.licenceNumber(), licence.holderName());
		}

	}

	/**
	 * One status of an attempt's timeline.
	 *
	 * @param label the status in the reader's language (a provider's own word as it is)
	 * @param tone the badge and dot class: ok, bad, warn, info or empty
	 * @param detail what happened, numbers masked for non-administrators
	 */
	record TimelineEntry(String label, String tone, Instant at, String detail) {
	}

	/**
	 * The CSS tone of a status, an {@link AttemptStatus} or a provider's word for one.
	 */
	static final class Tone {

		static final Map<String, String> ALL = Stream.of(AttemptStatus.values())
			.collect(Collectors.toUnmodifiableMap(Enum::name, status -> of(status.name())));

		private Tone() {
		}

		static String of(String status) {
			return switch (status.toLowerCase(Locale.ROOT)) {
				case "delivered", "completed", "read", "acknowledged" -> "ok";
				case "failed", "canceled" -> "bad";
				case "undelivered", "no-answer", "busy", "unknown", AmbiguousSends.LOOKUP_UNRESOLVED -> "warn";
				case "sent", "sending", "queued", "ringing", "in-progress", "answered", AmbiguousSends.LOOKUP_SENT,
						AmbiguousSends.LOOKUP_NOT_SENT ->
					"info";
				default -> "";
			};
		}

	}

}
