package com.licencereminder.licence;

import com.licencereminder.shared.RequestValues;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.licencereminder.shared.Masking;
import com.licencereminder.shared.Paging;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The licence search both the API and the licence pages use, and the views they show.
 * Phone numbers and openids are masked ({@code 138****5678}) unless the caller may see
 * them in full.
 */
@Component
class LicenceSearch {

	/** What a part of a USCC can be. */
	private static final Pattern USCC_PART = Pattern.compile("[0-9A-Za-z]{1,18}");

	private final MongoTemplate mongo;

	private final Clock clock;

	LicenceSearch(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Searches licences, soonest expiry first.
	 * @param q a part of the holder name, licence number or USCC (case-insensitive)
	 * @param status {@code VALID} (in force and not past its date), {@code EXPIRED} (past
	 * its date or stated so), {@code CANCELLED}, {@code REVOKED} or {@code WITHDRAWN}
	 * @param expiringWithinDays licences in force whose last valid day is between today
	 * and today plus this many days
	 * @param full whether phone numbers and openids are shown unmasked
	 * @throws ResponseStatusException 400 for a page, size, status or day count out of
	 * range
	 */
	LicencePage search(String q, String status, Integer expiringWithinDays, int page, int size, boolean full) {
		Paging.check(page, size);
		LocalDate today = LocalDate.now(clock);
		List<Criteria> filters = new ArrayList<>();
		if (q != null && !q.isBlank()) {
			filters.add(textFilter(q));
		}
		if (status != null && !status.isBlank()) {
			filters.add(statusFilter(status, today));
		}
		if (expiringWithinDays != null) {
			if (expiringWithinDays < 0 || expiringWithinDays > 3660) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"expiringWithinDays must be between 0 and 3660");
			}
			filters.add(Criteria.where("validUntil").gte(today).lte(today.plusDays(expiringWithinDays)));
			filters.add(Criteria.where("status").is(LicenceStatus.VALID));
		}
		Query query = filters.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(filters));
		long total = mongo.count(query, Licence.class);
		query.with(Sort.by(Sort.Order.asc("validUntil"), Sort.Order.asc("_id"))).skip((long) page * size).limit(size);
		List<LicenceView> content = mongo.find(query, Licence.class)
			.stream()
			.map(l -> LicenceView.of(l, today, full))
			.toList();
		return new LicencePage(content, page, size, total, (total + size - 1) / size);
	}

	/**
	 * Licences whose holder name, licence number or USCC holds the text. A USCC is 18
	 * ASCII letters and digits (the import refuses any other), so a text with any other
	 * character is not looked for in USCCs: a Chinese word reads two indexes' keys, not
	 * three.
	 */
	static Criteria textFilter(String q) {
		Pattern pattern = RequestValues.containing(q);
		List<Criteria> fields = new ArrayList<>(
				List.of(Criteria.where("holderName").regex(pattern), Criteria.where("licenceNumber").regex(pattern)));
		if (USCC_PART.matcher(q.strip()).matches()) {
			fields.add(Criteria.where("uscc").regex(pattern));
		}
		return new Criteria().orOperator(fields);
	}

	/** The licence with the id, if there is one. */
	Optional<Licence> find(String id) {
		return Optional.ofNullable(mongo.findById(id, Licence.class));
	}

	/** A licence as of today. */
	LicenceView view(Licence licence, boolean full) {
		return LicenceView.of(licence, LocalDate.now(clock), full);
	}

	/** The renewals the registry recorded for the licence, oldest first. */
	List<Renewal> renewals(String id) {
		Renewals found = mongo.findById(id, Renewals.class, mongo.getCollectionName(Licence.class));
		return found == null || found.renewals() == null ? List.of() : found.renewals();
	}

	/** The renewals stored on a licence document. */
	record Renewals(String id, List<Renewal> renewals) {
	}

	static Criteria statusFilter(String status, LocalDate today) {
		LicenceStatus wanted = RequestValues.choice(LicenceStatus.class, status, "status");
		return switch (wanted) {
			case VALID -> new Criteria().andOperator(Criteria.where("status").is(LicenceStatus.VALID), new Criteria()
				.orOperator(Criteria.where("validUntil").is(null), Criteria.where("validUntil").gte(today)));
			case EXPIRED -> new Criteria().orOperator(Criteria.where("status").is(LicenceStatus.EXPIRED), new Criteria()
				.andOperator(Criteria.where("status").is(LicenceStatus.VALID), Criteria.where("validUntil").lt(today)));
			default -> Criteria.where("status").is(wanted);
		};
	}

	/** One page of licences. */
	record LicencePage(List<LicenceView> content, int page, int size, long totalElements, long totalPages) {
	}

	/**
	 * A licence as the API shows it.
	 *
	 * @param effectiveStatus the status as of today: a licence in force past its last
	 * valid day is {@code EXPIRED}
	 * @param daysLeft days from today to the last valid day (negative once expired), null
	 * without expiry
	 */
	record LicenceView(String id, String holderName, String uscc, String licenceType, String licenceNumber,
			String issuer, LocalDate validFrom, LocalDate validUntil, LicenceStatus status,
			LicenceStatus effectiveStatus, Long daysLeft, String contact, List<String> mobiles, List<String> landlines,
			String wechatOpenId, String region, boolean reachableByText, boolean reachableByCall,
			boolean reachableByWechat, int cycle, Licence.Source source, Instant createdAt, Instant updatedAt) {

		/**
		 * Licences in force with at most this many days left are shown as expiring soon.
		 */
		static final int EXPIRING_SOON_DAYS = 30;

		/**
		 * The badge the console shows: {@code EXPIRING} for a licence in force with at
		 * most {@value #EXPIRING_SOON_DAYS} days left, else the effective status.
		 */
		public String badge() {
			if (effectiveStatus == LicenceStatus.VALID && daysLeft != null && daysLeft <= EXPIRING_SOON_DAYS) {
				return "EXPIRING";
			}
			return effectiveStatus.name();
		}

		static LicenceView of(Licence l, LocalDate today, boolean full) {
			LicenceStatus effective = l.status() == LicenceStatus.VALID && l.isExpiredOn(today) ? LicenceStatus.EXPIRED
					: l.status();
			Long daysLeft = l.validUntil() == null ? null : ChronoUnit.DAYS.between(today, l.validUntil());
			List<String> mobiles = l.mobiles() == null ? List.of() : l.mobiles();
			List<String> landlines = l.landlines() == null ? List.of() : l.landlines();
			return new LicenceView(l.id(), l.holderName(), l.uscc(), l.licenceType(), l.licenceNumber(), l.issuer(),
					l.validFrom(), l.validUntil(), l.status(), effective, daysLeft, l.contact(),
					full ? mobiles : mobiles.stream().map(Masking::phone).toList(),
					full ? landlines : landlines.stream().map(Masking::phone).toList(),
					full ? l.wechatOpenId() : Masking.openId(l.wechatOpenId()), l.region(), l.reachableByText(),
					l.reachableByCall(), l.reachableByWechat(), l.cycle(), l.source(), l.createdAt(), l.updatedAt());
		}

	}

}
