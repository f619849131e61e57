package com.licencereminder.delivery;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.licencereminder.delivery.DeliveryAttempt.StatusChange;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.shared.Downloads;
import com.licencereminder.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery log, newest first. Filters: {@code licenceId}, {@code channel}
 * ({@code SMS}, {@code MINI_PROGRAM}, {@code VOICE}), {@code provider} ({@code aliyun},
 * {@code twilio}, {@code simulator}, ...), {@code status} ({@code SENDING}, {@code SENT},
 * {@code DELIVERED}, {@code UNDELIVERED}, {@code FAILED}), {@code holder} (text in the
 * holder's name, ignoring case), {@code from} (inclusive) and {@code to} (exclusive),
 * each an ISO instant ({@code 2026-03-01T08:00:00Z}, {@code 2026-03-01T16:00+08:00}), a
 * local date-time or a date in the service's zone; a date as {@code to} includes that
 * whole day. Recipients are masked ({@code 138****5678}) unless the caller is an
 * administrator; the CSV export always masks them (an export leaves the system) and
 * neutralises every text cell against formula injection. An export is read in pages as it
 * is sent, and one that fails part-way is aborted ({@link Downloads}).
 */
@RestController
@RequestMapping("/api/deliveries")
class DeliveryController {

	private final DeliveryLogQuery log;

	DeliveryController(DeliveryLogQuery log) {
		this.log = log;
	}

	@GetMapping
	AttemptPage search(@RequestParam(required = false) String licenceId, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String status, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String holder,
			@RequestParam(required = false) String provider, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, Authentication user) {
		return log.page(new DeliveryLogQuery.Filter(licenceId, channel, status, from, to, holder, provider), page, size,
				Role.ADMIN.isGrantedTo(user));
	}

	@GetMapping(value = "/export", produces = "text/csv")
	void export(@RequestParam(required = false) String licenceId, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String status, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String holder,
			@RequestParam(required = false) String provider, @RequestParam(defaultValue = "false") boolean bom,
			HttpServletResponse response) throws IOException {
		DeliveryLogQuery.Filter filter = new DeliveryLogQuery.Filter(licenceId, channel, status, from, to, holder,
				provider);
		Query query = log.query(filter); // a bad filter is refused before the response
											// starts
		Downloads.send(response, "text/csv;charset=UTF-8", "attachment; filename=\"deliveries.csv\"",
				out -> log.writeCsv(query, new OutputStreamWriter(out, StandardCharsets.UTF_8), bom));
	}

	/** One page of attempts. */
	record AttemptPage(List<AttemptView> content, int page, int size, long totalElements, long totalPages) {
	}

	/**
	 * A delivery attempt as the API shows it.
	 *
	 * @param recipient masked unless the caller is an administrator
	 * @param ambiguity for an attempt whose outcome was unknown, {@code OPEN} (not
	 * resolved yet), {@code SENT}, {@code NOT_SENT} or {@code UNRESOLVED} (what the
	 * provider said when the reminder was sent again); else null
	 */
	record AttemptView(String id, String reference, Channel channel, String provider, String recipient,
			String holderName, List<String> licenceIds, int stageOffsetDays, String text, Map<String, String> fields,
			AttemptStatus status, Outcome outcome, String providerId, String errorCode, String errorMessage,
			boolean possibleDuplicate, String ambiguity, List<StatusChange> timeline, Instant createdAt,
			Instant updatedAt) {

		static AttemptView of(DeliveryAttempt a, boolean full) {
			return new AttemptView(a.id(), a.reference(), a.channel(), a.provider(),
					full ? a.recipient() : Deliveries.mask(a.channel(), a.recipient()), a.holderName(),
					a.licenceIds() == null ? List.of() : a.licenceIds(), a.stageOffsetDays(), a.text(),
					a.fields() == null ? Map.of() : a.fields(), a.status(), a.outcome(), a.providerId(), a.errorCode(),
					a.errorMessage(), a.possibleDuplicate(), a.ambiguity() == null ? null : a.ambiguity().name(),
					a.timeline() == null ? List.of() : a.timeline(), a.createdAt(), a.updatedAt());
		}

	}

}
