package com.licencereminder.business;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.licencereminder.business.SubscriptionProperties.Subscription;
import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.licence.Licence;
import com.licencereminder.reminder.BusinessConsent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The subscriptions and channel choices of the businesses, and the engine's questions
 * about them ({@link BusinessConsent}).
 * <ul>
 * <li>One-time templates: each {@code accept} adds one to the user's quota for the
 * template; a message takes one by a conditional decrement ({@code quota > 0}) in one
 * atomic write; {@code ban} sets it to zero, as WeChat's 43101 does.</li>
 * <li>Long-term templates: {@code accept} grants until {@code reject} or {@code ban}
 * revokes; openids imported in lists count as granted.</li>
 * <li>Imported openids otherwise count as bound without quota: they receive a message
 * only once their user has subscribed.</li>
 * <li>A channel withdrawn by any user bound to a licence is withdrawn for the
 * licence.</li>
 * </ul>
 */
@Component
class Consents implements BusinessConsent {

	private final MongoTemplate mongo;

	private final Bindings bindings;

	private final SubscriptionProperties settings;

	private final Clock clock;

	Consents(MongoTemplate mongo, Bindings bindings, SubscriptionProperties settings, Clock clock) {
		this.mongo = mongo;
		this.bindings = bindings;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Records what {@code wx.requestSubscribeMessage} answered; every template id must be
	 * known (checked by the caller) and every result one of accept, reject, ban, filter.
	 * @return the user's subscriptions afterwards
	 */
	List<Subscribed> record(String openId, Map<String, Result> results) {
		Instant now = clock.instant();
		boolean longTerm = settings.subscription() == Subscription.LONG_TERM;
		results.forEach((templateId, result) -> {
			Query query = Query.query(Criteria.where("_id").is(Quota.idOf(openId, templateId)));
			Update update = new Update().setOnInsert("openId", openId)
				.setOnInsert("templateId", templateId)
				.set("updatedAt", now);
			if (result == Result.ACCEPT) {
				update = longTerm ? update.set("longTerm", true).setOnInsert("quota", 0)
						: update.inc("quota", 1).setOnInsert("longTerm", false);
			}
			else if (longTerm || result == Result.BAN) {
				update = update.set("longTerm", false).set("quota", 0);
			}
			else {
				update = update.setOnInsert("quota", 0).setOnInsert("longTerm", false);
			}
			mongo.upsert(query, update, Quota.class);
		});
		return subscriptions(openId);
	}

	/** The user's subscriptions. */
	List<Subscribed> subscriptions(String openId) {
		return mongo.find(Query.query(Criteria.where("openId").is(openId)), Quota.class)
			.stream()
			.map(quota -> new Subscribed(quota.templateId(), quota.quota(), quota.longTerm()))
			.toList();
	}

	/** The user's channel choices (all on until changed). */
	Preferences preferences(String openId) {
		Preferences found = mongo.findById(openId, Preferences.class);
		return found == null ? Preferences.allOn(openId) : found;
	}

	/**
	 * Changes the channels given (non-null) in one atomic write, leaving the others as
	 * they are even when another request changes them at the same time; returns the
	 * choices afterwards.
	 */
	Preferences choose(String openId, Boolean sms, Boolean voice, Boolean miniProgram) {
		Update update = new Update().set("updatedAt", clock.instant());
		choose(update, "sms", sms);
		choose(update, "voice", voice);
		choose(update, "miniProgram", miniProgram);
		return mongo.findAndModify(Query.query(Criteria.where("_id").is(openId)), update,
				FindAndModifyOptions.options().upsert(true).returnNew(true), Preferences.class);
	}

	private static void choose(Update update, String field, Boolean chosen) {
		if (chosen == null) {
			update.setOnInsert(field, true);
		}
		else {
			update.set(field, chosen);
		}
	}

	@Override
	public Map<String, Set<Channel>> withdrawals(Collection<String> licenceIds) {
		Map<String, List<String>> bound = bindings.openIdsOf(licenceIds);
		if (bound.isEmpty()) {
			return Map.of();
		}
		Query switchedOff = Query.query(Criteria.where("_id")
			.in(bound.values().stream().flatMap(List::stream).distinct().toList())
			.orOperator(Criteria.where("sms").is(false), Criteria.where("voice").is(false),
					Criteria.where("miniProgram").is(false)));
		Map<String, Preferences> choices = mongo.find(switchedOff, Preferences.class)
			.stream()
			.collect(Collectors.toMap(Preferences::openId, Function.identity()));
		Map<String, Set<Channel>> withdrawn = new HashMap<>();
		bound.forEach((licenceId, openIds) -> {
			Set<Channel> channels = EnumSet.noneOf(Channel.class);
			for (String openId : openIds) {
				Preferences chosen = choices.get(openId);
				if (chosen != null) {
					channels.addAll(chosen.off());
				}
			}
			if (!channels.isEmpty()) {
				withdrawn.put(licenceId, channels);
			}
		});
		return withdrawn;
	}

	@Override
	public Optional<Grant> take(Licence licence) {
		List<String> candidates = new ArrayList<>(bindings.openIdsOf(licence.id()));
		if (licence.wechatOpenId() != null && !candidates.contains(licence.wechatOpenId())) {
			candidates.add(licence.wechatOpenId());
		}
		Set<String> off = Set
			.copyOf(mongo.findDistinct(Query.query(Criteria.where("_id").in(candidates).and("miniProgram").is(false)),
					"_id", Preferences.class, String.class));
		String templateId = settings.templateId();
		for (String openId : candidates) {
			if (off.contains(openId)) {
				continue;
			}
			String id = Quota.idOf(openId, templateId);
			if (settings.subscription() == Subscription.LONG_TERM) {
				Quota quota = mongo.findById(id, Quota.class);
				boolean imported = openId.equals(licence.wechatOpenId());
				if (quota == null ? imported : quota.longTerm()) {
					return Optional.of(new Grant(openId, null));
				}
				continue;
			}
			Quota taken = mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("quota").gt(0)),
					new Update().inc("quota", -1).set("updatedAt", clock.instant()),
					FindAndModifyOptions.options().returnNew(true), Quota.class);
			if (taken != null) {
				return Optional.of(new Grant(openId, id));
			}
		}
		return Optional.empty();
	}

	@Override
	public void settle(Grant grant, DeliveryResult result) {
		if (grant.quota() == null || (result != null && result.outcome() == DeliveryResult.Outcome.SENT)) {
			return;
		}
		Query quota = Query.query(Criteria.where("_id").is(grant.quota()));
		if (result != null && "43101".equals(result.errorCode())) {
			mongo.updateFirst(quota, new Update().set("quota", 0).set("updatedAt", clock.instant()), Quota.class);
		}
		else if (result == null || result.deferred() || !result.ambiguous()) {
			mongo.updateFirst(quota, new Update().inc("quota", 1).set("updatedAt", clock.instant()), Quota.class);
		}
	}

	/** What {@code wx.requestSubscribeMessage} answers per template. */
	enum Result {

		ACCEPT, REJECT, BAN, FILTER

	}

	/**
	 * A user's subscription to one template, as the API shows it.
	 *
	 * @param templateId the template
	 * @param quota one-time messages left
	 * @param longTerm whether a long-term grant holds
	 */
	record Subscribed(String templateId, int quota, boolean longTerm) {
	}

	/**
	 * A user's subscription to one template, as stored.
	 *
	 * @param id {@link #idOf}
	 * @param openId the user
	 * @param templateId the template
	 * @param quota one-time messages left
	 * @param longTerm whether a long-term grant holds
	 * @param updatedAt when it last changed
	 */
	@Document("business_subscriptions")
	record Quota(@Id String id, String openId, String templateId, int quota, boolean longTerm, Instant updatedAt) {

		static String idOf(String openId, String templateId) {
			return openId + "\n" + templateId;
		}

	}

	/**
	 * A user's channel choices: false withdraws consent to the channel.
	 *
	 * @param openId the user
	 * @param sms texts
	 * @param voice calls
	 * @param miniProgram subscribe messages
	 * @param updatedAt when they last changed, or null when never
	 */
	@Document("business_preferences")
	record Preferences(@Id String openId, boolean sms, boolean voice, boolean miniProgram, Instant updatedAt) {

		/** The choices of a user who never changed them: every channel on. */
		static Preferences allOn(String openId) {
			return new Preferences(openId, true, true, true, null);
		}

		/** The channels switched off. */
		Set<Channel> off() {
			Set<Channel> off = EnumSet.noneOf(Channel.class);
			if (!this.sms) {
				off.add(Channel.SMS);
			}
			if (!this.voice) {
				off.add(Channel.VOICE);
			}
			if (!this.miniProgram) {
				off.add(Channel.MINI_PROGRAM);
			}
			return off;
		}

	}

}
