package com.licencereminder.business;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

	private final Consents consents;

	BusinessSection(MongoTemplate mongo, Consents consents) {
		this.mongo = mongo;
		this.consents = consents;
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
		return mongo
			.find(Query.query(Criteria.where("licenceId").is(licence.id())).with(Sort.by("boundAt")),
					Bindings.Binding.class)
			.stream()
			.map(this::view)
			.toList();
	}

	private BoundUser view(Bindings.Binding binding) {
		Consents.Preferences channels = consents.preferences(binding.openId());
		boolean reachable = mongo.exists(
				Query.query(Criteria.where("openId")
					.is(binding.openId())
					.orOperator(Criteria.where("quota").gt(0), Criteria.where("longTerm").is(true))),
				Consents.Quota.class);
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
