package com.licencereminder.licence.importing;

import java.util.Date;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Objects;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicencePlanning;
import com.licencereminder.licence.Renewal;
import com.licencereminder.licence.LicencesImported;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Writes a batch of accepted rows: one lookup of the batch's ids, then one unordered bulk
 * write of the inserts and updates. A row equal to the stored licence (same fingerprint)
 * is not written. A changed {@code validUntil} starts a new cycle; a later one is a
 * renewal, recorded on the licence ({@link Renewal}, appended to {@code renewals}). Every
 * created or changed licence is marked for planning in the same write
 * ({@link LicencePlanning}); a row equal to a licence that is still marked (its planning
 * was lost to a crash) is announced again. {@link LicencesImported} names them all after
 * the write: the engine plans each from its stored state, which covers renewals,
 * corrections and terminations alike.
 */
@Component
class LicenceWriter {

	static final int LOOKUP_CHUNK = 100;

	private final MongoTemplate mongo;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	LicenceWriter(MongoTemplate mongo, ApplicationEventPublisher events, Clock clock) {
		this.mongo = mongo;
		this.events = events;
		this.clock = clock;
	}

	/** What a batch did. */
	record Result(int created, int updated, int unchanged, int renewed) {
	}

	Result write(String importId, List<LicenceRow> rows) {
		if (rows.isEmpty()) {
			return new Result(0, 0, 0, 0);
		}
		Map<String, Document> existing = existing(rows);
		Instant now = clock.instant();
		List<Document> inserts = new ArrayList<>();
		List<Query> updateQueries = new ArrayList<>();
		List<Update> updates = new ArrayList<>();
		List<String> changed = new ArrayList<>();
		int unchanged = 0;
		int renewed = 0;
		for (LicenceRow row : rows) {
			String id = row.id();
			String fingerprint = row.fingerprint();
			Document stored = existing.get(id);
			if (stored == null) {
				Document insert = new Document();
				mongo.getConverter()
					.write(new Licence(id, row.typeKey(), row.numberKey(), row.holderName(), row.uscc(),
							row.licenceType(), row.licenceNumber(), row.issuer(), row.validFrom(), row.validUntil(),
							row.status(), row.contact(), row.mobiles(), row.landlines(), row.wechatOpenId(),
							row.region(), 1, fingerprint, new Licence.Source(importId, row.row()), now, now), insert);
				insert.put(LicencePlanning.FIELD, Date.from(now));
				inserts.add(insert);
				changed.add(id);
				continue;
			}
			if (fingerprint.equals(stored.getString("fingerprint"))) {
				unchanged++;
				if (stored.containsKey(LicencePlanning.FIELD)) {
					changed.add(id);
				}
				continue;
			}
			Update update = fields(row, fingerprint, importId, now).set(LicencePlanning.FIELD, now);
			LocalDate previousUntil = localDate(stored.get("validUntil"));
			if (!Objects.equals(previousUntil, row.validUntil())) {
				int cycle = stored.getInteger("cycle", 1) + 1;
				update.set("cycle", cycle);
				if (isLater(previousUntil, row.validUntil())) {
					renewed++;
					update.push("renewals", new Renewal(cycle, previousUntil, row.validUntil(), importId, now,
							!LocalDate.now(clock).isAfter(previousUntil)));
				}
			}
			updateQueries.add(Query.query(Criteria.where("_id").is(id)));
			updates.add(update);
			changed.add(id);
		}
		var bulk = mongo.bulkOps(BulkMode.UNORDERED, Licence.class);
		if (!inserts.isEmpty()) {
			bulk.insert(inserts);
		}
		for (int i = 0; i < updates.size(); i++) {
			bulk.updateOne(updateQueries.get(i), updates.get(i));
		}
		if (!inserts.isEmpty() || !updates.isEmpty()) {
			bulk.execute();
		}
		if (!changed.isEmpty()) {
			events.publishEvent(new LicencesImported(importId, List.copyOf(changed)));
		}
		return new Result(inserts.size(), updates.size(), unchanged, renewed);
	}

	/**
	 * How many of the licences with these ids are stored, looked up in chunks of
	 * {@value #LOOKUP_CHUNK} as {@link #existing} does.
	 */
	long countStored(Collection<UUID> ids) {
		List<String> all = ids.stream().map(UUID::toString).toList();
		var licences = mongo.getCollection(mongo.getCollectionName(Licence.class));
		long stored = 0;
		for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
			stored += licences
				.countDocuments(Filters.in("_id", all.subList(from, Math.min(from + LOOKUP_CHUNK, all.size()))));
		}
		return stored;
	}

	/**
	 * The stored licences of the rows, looked up by {@code _id} in chunks of
	 * {@value #LOOKUP_CHUNK}: the embedded store matches every document it finds against
	 * the whole {@code $in} list, so one lookup of a batch costs the square of its size
	 * there; on MongoDB the chunks cost a few more round trips per batch.
	 */
	private Map<String, Document> existing(List<LicenceRow> rows) {
		List<String> ids = rows.stream().map(LicenceRow::id).distinct().toList();
		Map<String, Document> found = new HashMap<>();
		var licences = mongo.getCollection(mongo.getCollectionName(Licence.class));
		for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
			licences.find(Filters.in("_id", ids.subList(from, Math.min(from + LOOKUP_CHUNK, ids.size()))))
				.projection(Projections.include("fingerprint", "validUntil", "cycle", "status", LicencePlanning.FIELD))
				.forEach(document -> found.put(document.getString("_id"), document));
		}
		return found;
	}

	private static Update fields(LicenceRow row, String fingerprint, String importId, Instant now) {
		return new Update().set("holderName", row.holderName())
			.set("uscc", row.uscc())
			.set("licenceType", row.licenceType())
			.set("licenceNumber", row.licenceNumber())
			.set("issuer", row.issuer())
			.set("validFrom", row.validFrom())
			.set("validUntil", row.validUntil())
			.set("status", row.status())
			.set("contact", row.contact())
			.set("mobiles", row.mobiles())
			.set("landlines", row.landlines())
			.set("wechatOpenId", row.wechatOpenId())
			.set("region", row.region())
			.set("fingerprint", fingerprint)
			.set("source", new Licence.Source(importId, row.row()))
			.set("updatedAt", now);
	}

	/** A later expiry, or none at all where there was one: a renewal. */
	private static boolean isLater(LocalDate before, LocalDate after) {
		if (before == null) {
			return false;
		}
		return after == null || after.isAfter(before);
	}

	private static LocalDate localDate(Object stored) {
		if (stored instanceof Date date) {
			return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
		}
		if (stored instanceof LocalDate date) {
			return date;
		}
		return null;
	}

}
