package com.licencereminder.reminder.followup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.licencereminder.licence.Licence;
import com.licencereminder.reminder.FollowUpRecorded;
import com.licencereminder.shared.Inserts;
import com.licencereminder.shared.KeysetReads;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The manual follow-up list. Opening an item twice for the same cycle and reason is a
 * no-op.
 */
@Component
public class FollowUps {

	/** Items read at a time by an export. */
	static final int EXPORT_PAGE = 500;

	private final MongoTemplate mongo;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final KeysetReads<FollowUp> oldestFirst;

	public FollowUps(MongoTemplate mongo, ApplicationEventPublisher events, Clock clock) {
		this.mongo = mongo;
		this.events = events;
		this.clock = clock;
		this.oldestFirst = new KeysetReads<>(mongo, FollowUp.class, "createdAt", Direction.ASC, KeysetReads.EARLIEST,
				FollowUp::createdAt, FollowUp::id, EXPORT_PAGE);
	}

	/**
	 * Puts the licence's current cycle on the list for the reason, unless it is there
	 * already.
	 */
	public void open(Licence licence, FollowUp.Reason reason) {
		open(List.of(licence), reason);
	}

	/**
	 * Puts each licence's current cycle on the list for the reason, in one write, leaving
	 * those that are there already as they are.
	 */
	public void open(List<Licence> licences, FollowUp.Reason reason) {
		Inserts.ignoringDuplicates(mongo, licences.stream().map(licence -> item(licence, reason)).toList(),
				FollowUp.class);
	}

	private FollowUp item(Licence licence, FollowUp.Reason reason) {
		List<String> phones = new ArrayList<>(licence.mobiles());
		phones.addAll(licence.landlines());
		return new FollowUp(FollowUp.idOf(licence.id(), licence.cycle(), reason), licence.id(), licence.cycle(), reason,
				licence.holderName(), licence.contact(), phones, licence.licenceType(), licence.licenceNumber(),
				licence.validUntil(), FollowUp.Status.OPEN, List.of(), clock.instant());
	}

	/**
	 * A work queue: open items first, then done ones (null: of either), each oldest
	 * first. Each status is read as its own page of the {@code status_createdAt} index,
	 * so no query sorts by the status and the date in opposite directions, which no index
	 * gives.
	 */
	List<FollowUp> list(FollowUp.Status status, int page, int size) {
		long skip = (long) page * size;
		if (status != null) {
			return page(status, skip, size);
		}
		long open = count(FollowUp.Status.OPEN);
		List<FollowUp> items = new ArrayList<>(skip < open ? page(FollowUp.Status.OPEN, skip, size) : List.of());
		if (items.size() < size) {
			items.addAll(page(FollowUp.Status.DONE, Math.max(0, skip - open), size - items.size()));
		}
		return items;
	}

	/** Items of the status, oldest first, from the {@code skip}th on. */
	private List<FollowUp> page(FollowUp.Status status, long skip, int limit) {
		return mongo.find(Query.query(Criteria.where("status").is(status))
			.with(Sort.by(Sort.Order.asc("createdAt"), Sort.Order.asc("_id")))
			.skip(skip)
			.limit(limit), FollowUp.class);
	}

	/**
	 * Every item of the status (null: of either), in the order of {@link #list}, read
	 * from the store {@value #EXPORT_PAGE} at a time as the stream is consumed
	 * ({@link KeysetReads}, through the {@code status_createdAt} index).
	 */
	Stream<FollowUp> stream(FollowUp.Status status) {
		return status == null ? Stream.concat(stream(FollowUp.Status.OPEN), stream(FollowUp.Status.DONE))
				: oldestFirst.stream(Query.query(Criteria.where("status").is(status)));
	}

	long count(FollowUp.Status status) {
		return mongo.count(status == null ? new Query() : Query.query(Criteria.where("status").is(status)),
				FollowUp.class);
	}

	/**
	 * Records what staff did, closes the item and publishes {@link FollowUpRecorded} (on
	 * which the engine acknowledges the cycle when the result is
	 * {@link FollowUp.Result#RENEWED RENEWED}).
	 * @param result one of {@link FollowUp.Result#BY_STAFF}
	 * @return the closed item, or null when there is no such item
	 * @throws IllegalArgumentException for a result staff may not record
	 */
	FollowUp record(String id, FollowUp.Result result, String note, String by) {
		if (!FollowUp.Result.BY_STAFF.contains(result)) {
			throw new IllegalArgumentException("result must be CALLED, VISITED, RENEWED or UNREACHABLE");
		}
		FollowUp.Outcome outcome = new FollowUp.Outcome(result, note, by, clock.instant());
		FollowUp item = mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
				new Update().push("outcomes", outcome).set("status", FollowUp.Status.DONE),
				FindAndModifyOptions.options().returnNew(true), FollowUp.class);
		if (item != null) {
			events.publishEvent(new FollowUpRecorded(item.id(), item.licenceId(), result.name(), note, by));
		}
		return item;
	}

	/** Closes the open items of a cycle (the business acknowledged or renewed). */
	public void closeCycle(String licenceId, int cycle, String by) {
		List<String> ids = Arrays.stream(FollowUp.Reason.values())
			.map(reason -> FollowUp.idOf(licenceId, cycle, reason))
			.toList();
		mongo.updateMulti(Query.query(Criteria.where("_id").in(ids).and("status").is(FollowUp.Status.OPEN)),
				new Update().set("status", FollowUp.Status.DONE)
					.push("outcomes", new FollowUp.Outcome(FollowUp.Result.ACKNOWLEDGED, null, by, clock.instant())),
				FollowUp.class);
	}

}
