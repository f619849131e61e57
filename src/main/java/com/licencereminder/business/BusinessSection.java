package com.licencereminder.business;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceDetailSection;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * A licence's bindings on its detail ({@code bindings}): who bound it (the WeChat user or
 * the {@code /my} page's phone, masked), how and when, whether a subscribe message can
 * reach them (quota left or a long-term grant), and the channels they switched off.
 */
@Component
class BusinessSection implements LicenceDetailSection {

	private final MongoTemplate mongo;

	BusinessSection(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String name() {
		return "bindings";
	}

	@Override
	public String consoleTemplate() {
		return "business/licence-section";
	}

	@Override
	public Object contentFor(Licence licence, boolean fullContacts) {
		List<Bindings.Binding> bound = mongo.find(
				Query.query(Criteria.where("licenceId").is(licence.id())).with(Sort.by("boundAt")),
				Bindings.Binding.class);
		List<String> openIds = bound.stream().map(Bindings.Binding::openId).toList();
		Map<String, Consents.Preferences> channels = mongo
			.find(Query.query(Criteria.where("_id").in(openIds)), Consents.Preferences.class)
			.stream()
			.collect(Collectors.toMap(Consents.Preferences::openId, preferences -> preferences));
		Set<String> reachable = Set.copyOf(mongo.findDistinct(
				Query.query(Criteria.where("openId")
					.in(openIds)
					.orOperator(Criteria.where("quota").gt(0), Criteria.where("longTerm").is(true))),
				"openId", Consents.Quota.class, String.class));
		return bound.stream()
			.map(binding -> view(binding,
					channels.getOrDefault(binding.openId(), Consents.Preferences.allOn(binding.openId())),
					reachable.contains(binding.openId())))
			.toList();
	}

	private static BoundUser view(Bindings.Binding binding, Consents.Preferences channels, boolean reachable) {
		List<String> off = new ArrayList<>();
		if (!channels.sms()) {
			off.add("SMS");
		}
		if (!channels.voice()) {
			off.add("VOICE");
		}
		if (!channels.miniProgram()) {
			off.add("MINI_PROGRAM");
		}
		return new BoundUser(Bindings.actor(binding.openId()), binding.method(), binding.boundAt(), reachable,
				List.copyOf(off));
	}

	/**
	 * One user bound to the licence.
	 *
	 * @param who the user, masked ({@code mini-program:oABC****XYZ0} or
	 * {@code my-page:...})
	 * @param method {@code PHONE} or {@code SMS_CODE}
	 * @param boundAt when
	 * @param subscribed whether a subscribe message can reach them now
	 * @param channelsOff the channels they switched off
	 */
	record BoundUser(String who, String method, Instant boundAt, boolean subscribed, List<String> channelsOff) {
	}

}
