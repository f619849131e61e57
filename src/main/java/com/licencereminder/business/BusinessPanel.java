package com.licencereminder.business;

import java.util.Map;

import com.licencereminder.console.DashboardPanel;
import com.licencereminder.console.Viewer;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.CriteriaDefinition;
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
		long licences = distinct(new Criteria(), "licenceId", Bindings.Binding.class);
		long users = distinct(new Criteria(), "openId", Bindings.Binding.class);
		long consenting = distinct(
				new Criteria().orOperator(Criteria.where("quota").gt(0), Criteria.where("longTerm").is(true)), "openId",
				Consents.Quota.class);
		long withdrawn = mongo.count(
				Query.query(new Criteria().orOperator(Criteria.where("sms").is(false),
						Criteria.where("voice").is(false), Criteria.where("miniProgram").is(false))),
				Consents.Preferences.class);
		return Map.of("licences", licences, "users", users, "consenting", consenting, "withdrawn", withdrawn);
	}

	/**
	 * How many distinct values of {@code field} the matching documents hold, counted in
	 * the store: the values themselves, as many as the district has users, never leave
	 * it.
	 */
	private long distinct(CriteriaDefinition query, String field, Class<?> type) {
		Aggregation count = Aggregation.newAggregation(Aggregation.match(query), Aggregation.group(field),
				Aggregation.count().as("n"));
		Document counted = mongo.aggregate(count, type, Document.class).getUniqueMappedResult();
		return counted == null ? 0 : ((Number) counted.get("n")).longValue();
	}

}
