package com.licencereminder.business;

import java.util.Map;

import com.licencereminder.console.DashboardPanel;
import com.licencereminder.console.Viewer;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The businesses' door on the overview: licences bound by their businesses, the WeChat
 * users bound, those whose consent lets a subscribe message go (quota left or a long-term
 * grant), and those who switched a channel off. For regulators, operators and
 * administrators.
 */
@Component
class BusinessPanel implements DashboardPanel {

	private final MongoTemplate mongo;

	BusinessPanel(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String template() {
		return "business/dashboard";
	}

	@Override
	public int order() {
		return 25;
	}

	@Override
	public boolean visibleTo(Viewer viewer) {
		return viewer.regulator() || viewer.operator() || viewer.admin();
	}

	@Override
	public Map<String, Object> model(Viewer viewer) {
		long licences = distinct(new Query(), "licenceId", Bindings.Binding.class);
		long users = distinct(new Query(), "openId", Bindings.Binding.class);
		long consenting = distinct(
				Query.query(
						new Criteria().orOperator(Criteria.where("quota").gt(0), Criteria.where("longTerm").is(true))),
				"openId", Consents.Quota.class);
		long withdrawn = mongo.count(
				Query.query(new Criteria().orOperator(Criteria.where("sms").is(false),
						Criteria.where("voice").is(false), Criteria.where("miniProgram").is(false))),
				Consents.Preferences.class);
		return Map.of("licences", licences, "users", users, "consenting", consenting, "withdrawn", withdrawn);
	}

	private long distinct(Query query, String field, Class<?> type) {
		return mongo.findDistinct(query, field, type, String.class).size();
	}

}
