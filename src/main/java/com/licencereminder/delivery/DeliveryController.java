package com.licencereminder.delivery;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.licencereminder.delivery.DeliveryAttempt.StatusChange;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.shared.SpreadsheetSafe;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The delivery log, newest first. Filters: {@code licenceId}, {@code channel} ({@code SMS},
 * {@code MINI_PROGRAM}, {@code VOICE}), {@code status} ({@code SENDING}, {@code SENT},
 * {@code DELIVERED}, {@code UNDELIVERED}, {@code FAILED}), {@code from} (inclusive) and {@code to} (exclusive), each an ISO instant
 * ({@code 2026-03-01T08:00:00Z}, {@code 2026-03-01T16:00+08:00}), a local date-time or a date in
 * the service's zone; a date as {@code to} includes that whole day. Recipients are masked
 * ({@code 138****5678}) unless the caller is an administrator; the CSV export always masks them
 * (an export leaves the system) and neutralises every text cell against formula injection.
 */
@RestController
@RequestMapping("/api/deliveries")
class DeliveryController {

	static final int MAX_PAGE_SIZE = 500;

	private final MongoTemplate mongo;

	private final Clock clock;

	DeliveryController(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@GetMapping
	AttemptPage search(@RequestParam(required = false) String licenceId, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String status, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, Authentication user) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
		}
		Query query = filter(licenceId, channel, status, from, to);
		long total = mongo.count(query, DeliveryAttempt.class);
		query.with(newestFirst()).skip((long) page * size).limit(size);
		boolean full = isAdmin(user);
		List<AttemptView> content = mongo.find(query, DeliveryAttempt.class).stream().map(a -> AttemptView.of(a, full)).toList();
		return new AttemptPage(content, page, size, total, (total + size - 1) / size);
	}

	@GetMapping(value = "/export", produces = "text/csv")
	void export(@RequestParam(required = false) String licenceId, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String status, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "false") boolean bom,
			HttpServletResponse response) throws IOException {
		Query query = filter(licenceId, channel, status, from, to).with(newestFirst());
		ZoneId zone = clock.getZone();
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"deliveries.csv\"");
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		if (bom) {
			writer.write('\uFEFF');
		}
		CSVFormat format = CSVFormat.RFC4180.builder()
			.setHeader("createdAt", "attemptId", "reference", "channel", "provider", "recipient", "holderName",
					"licenceIds", "stageOffsetDays", "status", "outcome", "providerId", "errorCode", "errorMessage",
					"possibleDuplicate", "updatedAt", "text")
			.get();
		try (CSVPrinter csv = new CSVPrinter(writer, format); var stream = mongo.stream(query, DeliveryAttempt.class)) {
			for (DeliveryAttempt a : (Iterable<DeliveryAttempt>) stream::iterator) {
				csv.printRecord(time(a.createdAt(), zone), cell(a.id()), cell(a.reference()), a.channel(), cell(a.provider()),
						cell(Deliveries.mask(a.channel(), a.recipient())), cell(a.holderName()),
						cell(a.licenceIds() == null ? null : String.join(";", a.licenceIds())), a.stageOffsetDays(),
						a.status(), a.outcome(), cell(a.providerId()), cell(a.errorCode()), cell(a.errorMessage()),
						a.possibleDuplicate(), time(a.updatedAt(), zone), cell(a.text()));
			}
		}
	}

	private Query filter(String licenceId, String channel, String status, String from, String to) {
		List<Criteria> filters = new ArrayList<>();
		if (licenceId != null && !licenceId.isBlank()) {
			filters.add(Criteria.where("licenceIds").is(licenceId.strip()));
		}
		if (channel != null && !channel.isBlank()) {
			filters.add(Criteria.where("channel").is(parse(Channel.class, channel, "channel")));
		}
		if (status != null && !status.isBlank()) {
			filters.add(Criteria.where("status").is(parse(AttemptStatus.class, status, "status")));
		}
		ZoneId zone = clock.getZone();
		if (from != null && !from.isBlank()) {
			filters.add(Criteria.where("createdAt").gte(instant(from, false, zone, "from")));
		}
		if (to != null && !to.isBlank()) {
			filters.add(Criteria.where("createdAt").lt(instant(to, true, zone, "to")));
		}
		return filters.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(filters));
	}

	private static Sort newestFirst() {
		return Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"));
	}

	/** An instant, an offset or local date-time, or a date (its start; for an end, the next day's start). */
	static Instant instant(String value, boolean end, ZoneId zone, String name) {
		String text = value.strip();
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			// not an instant with Z
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			// no offset
		}
		try {
			return LocalDateTime.parse(text).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			// no time
		}
		try {
			LocalDate date = LocalDate.parse(text);
			return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name
					+ " must be an ISO instant (2026-03-01T08:00:00Z), a date-time (2026-03-01T16:00) or a date (2026-03-01)");
		}
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
		}
	}

	private static String time(Instant instant, ZoneId zone) {
		return instant == null ? null : instant.atZone(zone).toOffsetDateTime().toString();
	}

	private static String cell(String text) {
		return SpreadsheetSafe.cell(text);
	}

	private static boolean isAdmin(Authentication user) {
		return user != null && user.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
	}

	/** One page of attempts. */
	record AttemptPage(List<AttemptView> content, int page, int size, long totalElements, long totalPages) {
	}

	/**
	 * A delivery attempt as the API shows it.
	 *
	 * @param recipient masked unless the caller is an administrator
	 */
	record AttemptView(String id, String reference, Channel channel, String provider, String recipient,
			String holderName, List<String> licenceIds, int stageOffsetDays, String text, Map<String, String> fields,
			AttemptStatus status, Outcome outcome, String providerId, String errorCode, String errorMessage,
			boolean possibleDuplicate, List<StatusChange> timeline, Instant createdAt, Instant updatedAt) {

		static AttemptView of(DeliveryAttempt a, boolean full) {
			return new AttemptView(a.id(), a.reference(), a.channel(), a.provider(),
					full ? a.recipient() : Deliveries.mask(a.channel(), a.recipient()), a.holderName(),
					a.licenceIds() == null ? List.of() : a.licenceIds(), a.stageOffsetDays(), a.text(),
					a.fields() == null ? Map.of() : a.fields(), a.status(), a.outcome(), a.providerId(), a.errorCode(),
					a.errorMessage(), a.possibleDuplicate(), a.timeline() == null ? List.of() : a.timeline(),
					a.createdAt(), a.updatedAt());
		}

	}

}
