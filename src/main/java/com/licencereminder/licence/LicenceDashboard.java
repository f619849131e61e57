package com.licencereminder.licence;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.licencereminder.console.DashboardPanel;
import com.licencereminder.console.Viewer;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The registry's figures on the dashboard, each linking to the licence list filtered the
 * same way: licences in force expiring within 7, 30 and 90 days (last valid day between
 * today and today plus that many days), expired and not renewed (the list's
 * {@code EXPIRED}: stated so, or in force past the last valid day — a renewed licence has
 * a later day), revoked (吊销), and all licences.
 * <p>
 * <b>Renewed in time</b> is the share of the renewals the registry recorded
 * ({@link Renewal}: an import moved a licence's last valid day later) whose import wrote
 * the new date on or before the old last valid day, in the service's time zone. Renewals
 * before this figure existed are not recorded, and a renewal the regulator only lists
 * after the old date counts as late even if the holder renewed in time: it measures what
 * the registry knew in time. Without any recorded renewal the share is empty.
 * <p>
 * Six counts and one aggregation over the renewed licences per visit. The counts are read
 * from the {@code status_validUntil} index alone (on MongoDB as on the embedded store),
 * and the aggregation reads only the licences in the sparse {@code renewals} index.
 */
@Component
class LicenceDashboard implements DashboardPanel {

	static final int[] EXPIRING_WITHIN = { 7, 30, 90 };

	private final MongoTemplate mongo;

	private final Clock clock;

	LicenceDashboard(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@Override
	public String template() {
		return "licence/dashboard";
	}

	@Override
	public int order() {
		return 10;
	}

	@Override
	public Map<String, Object> model(Viewer viewer) {
		LocalDate today = LocalDate.now(clock);
		List<Figure> figures = new ArrayList<>();
		for (int days : EXPIRING_WITHIN) {
			long count = count(Criteria.where("status")
				.is(LicenceStatus.VALID)
				.and("validUntil")
				.gte(today)
				.lte(today.plusDays(days)));
			figures.add(new Figure("expiring-" + days, "licence.dashboard.expiring", days, count,
					"/licences?expiringWithinDays=" + days, days <= 7 ? "bad" : "warn"));
		}
		figures.add(new Figure("expired", "licence.dashboard.expired", null,
				count(LicenceSearch.statusFilter(LicenceStatus.EXPIRED.name(), today)), "/licences?status=EXPIRED",
				"bad"));
		figures.add(new Figure("revoked", "licence.dashboard.revoked", null,
				count(Criteria.where("status").is(LicenceStatus.REVOKED)), "/licences?status=REVOKED", ""));
		figures.add(new Figure("total", "licence.dashboard.total", null, mongo.count(new Query(), Licence.class),
				"/licences", ""));
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("figures", figures);
		model.put("renewals", renewals());
		return model;
	}

	private long count(Criteria criteria) {
		return mongo.count(Query.query(criteria), Licence.class);
	}

	/**
	 * The recorded renewals, how many of them in time, and the share in whole percent
	 * (null without renewals).
	 */
	RenewalShare renewals() {
		Aggregation aggregation = Aggregation.newAggregation(Aggregation.match(Criteria.where("renewals").ne(null)),
				Aggregation.unwind("renewals"), Aggregation.group("renewals.beforeExpiry").count().as("n"));
		long inTime = 0;
		long total = 0;
		for (Document group : mongo.aggregate(aggregation, mongo.getCollectionName(Licence.class), Document.class)) {
			long n = ((Number) group.get("n")).longValue();
			total += n;
			if (Boolean.TRUE.equals(group.get("_id"))) {
				inTime += n;
			}
		}
		return new RenewalShare(total, inTime, total == 0 ? null : Math.round(inTime * 100.0 / total));
	}

	/**
	 * One figure of the panel.
	 *
	 * @param id names the figure ({@code figure-<id>} in the page)
	 * @param label the message code of its label, with {@code days} as argument where it
	 * has one
	 * @param link the licence list filtered to the licences counted
	 * @param tone the figure's colour class ({@code bad}, {@code warn}, or empty)
	 */
	record Figure(String id, String label, Integer days, long value, String link, String tone) {
	}

	/** Renewals recorded, those in time, and their share in percent (null when none). */
	record RenewalShare(long total, long inTime, Long percent) {
	}

}
