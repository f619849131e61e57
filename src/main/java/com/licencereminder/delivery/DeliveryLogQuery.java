package com.licencereminder.delivery;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.licencereminder.shared.CsvExport;
import com.licencereminder.shared.KeysetReads;
import com.licencereminder.shared.Paging;
import com.licencereminder.shared.RequestValues;
import com.licencereminder.shared.SpreadsheetSafe;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The delivery log's query, shared by the API ({@link DeliveryController}) and the
 * console ({@link DeliveryPages}): the filters, newest-first order, paging and the CSV
 * export. A filter value that cannot be read is a {@link ResponseStatusException} 400
 * naming the parameter.
 */
@Component
class DeliveryLogQuery {

	/** Attempts read at a time by an export. */
	static final int EXPORT_PAGE = 500;

	private final MongoTemplate mongo;

	private final Clock clock;

	private final KeysetReads<DeliveryAttempt> newestFirst;

	DeliveryLogQuery(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
		this.newestFirst = new KeysetReads<>(mongo, DeliveryAttempt.class, "createdAt", Direction.DESC,
				KeysetReads.LATEST, DeliveryAttempt::createdAt, DeliveryAttempt::id, EXPORT_PAGE);
	}

	/**
	 * One page of attempts matching the filter, newest first; recipients masked unless
	 * {@code full}.
	 */
	DeliveryController.AttemptPage page(Filter filter, int page, int size, boolean full) {
		Paging.check(page, size);
		Query query = query(filter);
		long total = mongo.count(query, DeliveryAttempt.class);
		query.with(newestFirst()).skip((long) page * size).limit(size);
		List<DeliveryController.AttemptView> content = mongo.find(query, DeliveryAttempt.class)
			.stream()
			.map(a -> DeliveryController.AttemptView.of(a, full))
			.toList();
		return new DeliveryController.AttemptPage(content, page, size, total, (total + size - 1) / size);
	}

	/**
	 * Every attempt matching the query (a filter's, {@link #query}), newest first, read
	 * from the store {@value #EXPORT_PAGE} at a time as the stream is consumed
	 * ({@link KeysetReads}).
	 */
	Stream<DeliveryAttempt> stream(Query query) {
		return newestFirst.stream(query);
	}

	/** The attempt, or null. */
	DeliveryAttempt find(String id) {
		return mongo.findById(id, DeliveryAttempt.class);
	}

	/**
	 * Writes the attempts matching the query (a filter's, {@link #query}) as CSV, newest
	 * first: recipients always masked, every text cell made formula-safe
	 * ({@link SpreadsheetSafe}), times as offset date-times in the zone.
	 * @param bom whether to start with a byte order mark (spreadsheet programs then read
	 * UTF-8)
	 */
	void writeCsv(Query query, Writer writer, boolean bom) throws IOException {
		ZoneId zone = clock.getZone();
		CsvExport.write(stream(query), writer, bom,
				List.of("createdAt", "attemptId", "reference", "channel", "provider", "recipient", "holderName",
						"licenceIds", "stageOffsetDays", "status", "outcome", "providerId", "errorCode", "errorMessage",
						"possibleDuplicate", "updatedAt", "text"),
				(csv, a) -> csv.printRecord(time(a.createdAt(), zone), cell(a.id()), cell(a.reference()), a.channel(),
						cell(a.provider()), cell(Deliveries.mask(a.channel(), a.recipient())), cell(a.holderName()),
						cell(a.licenceIds() == null ? null : String.join(";", a.licenceIds())), a.stageOffsetDays(),
						a.status(), a.outcome(), cell(a.providerId()), cell(a.errorCode()), cell(a.errorMessage()),
						a.possibleDuplicate(), time(a.updatedAt(), zone), cell(a.text())));
	}

	/** The query of a filter, without order or paging. */
	Query query(Filter filter) {
		List<Criteria> filters = new ArrayList<>();
		if (present(filter.licenceId())) {
			filters.add(Criteria.where("licenceIds").is(filter.licenceId().strip()));
		}
		if (present(filter.channel())) {
			filters.add(Criteria.where("channel").is(RequestValues.choice(Channel.class, filter.channel(), "channel")));
		}
		if (present(filter.provider())) {
			filters.add(Criteria.where("provider").is(filter.provider().strip().toLowerCase(Locale.ROOT)));
		}
		if (present(filter.status())) {
			filters
				.add(Criteria.where("status").is(RequestValues.choice(AttemptStatus.class, filter.status(), "status")));
		}
		ZoneId zone = clock.getZone();
		if (present(filter.from())) {
			filters.add(Criteria.where("createdAt").gte(RequestValues.instant(filter.from(), false, zone, "from")));
		}
		if (present(filter.to())) {
			filters.add(Criteria.where("createdAt").lt(RequestValues.instant(filter.to(), true, zone, "to")));
		}
		if (present(filter.holder())) {
			filters.add(Criteria.where("holderName").regex(RequestValues.containing(filter.holder())));
		}
		return filters.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(filters));
	}

	private static Sort newestFirst() {
		return Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"));
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

	private static String time(Instant instant, ZoneId zone) {
		return instant == null ? null : instant.atZone(zone).toOffsetDateTime().toString();
	}

	private static String cell(String text) {
		return SpreadsheetSafe.cell(text);
	}

	/**
	 * The delivery log's filters, each optional (null or blank: not filtered).
	 *
	 * @param licenceId attempts about this licence
	 * @param channel {@code SMS}, {@code MINI_PROGRAM} or {@code VOICE}, any case
	 * @param status an {@link AttemptStatus}, any case
	 * @param from from this instant, date-time or date in the zone (inclusive)
	 * @param to until this instant or date-time (exclusive), or to the end of this date
	 * @param holder attempts whose holder name contains this text, ignoring case
	 * @param provider attempts through this provider ({@code aliyun}, {@code twilio},
	 * {@code simulator}, ...), any case
	 */
	record Filter(String licenceId, String channel, String status, String from, String to, String holder,
			String provider) {

		/** The filters that are set, by parameter name, in a fixed order. */
		Map<String, String> parameters() {
			Map<String, String> set = new LinkedHashMap<>();
			put(set, "channel", channel);
			put(set, "provider", provider);
			put(set, "status", status);
			put(set, "from", from);
			put(set, "to", to);
			put(set, "licenceId", licenceId);
			put(set, "holder", holder);
			return set;
		}

		private static void put(Map<String, String> set, String name, String value) {
			if (present(value)) {
				set.put(name, value.strip());
			}
		}

	}

}
