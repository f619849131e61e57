package com.licencereminder.reminder.followup;

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
 * The reminder panel of the dashboard: open follow-up items, and the licences on the list
 * that no channel can reach (no number or openid, or every channel of a stage failed).
 * Every role may open the follow-up list it links to, so every role sees it. Both are
 * counts: the licences are counted as groups by the server (the
 * {@code status_reason_licenceId} index), not fetched to be counted here.
 */
@Component
class FollowUpPanel implements DashboardPanel {

	private final MongoTemplate mongo;

	FollowUpPanel(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String template() {
		return "reminder/dashboard";
	}

	@Override
	public int order() {
		return 20;
	}

	@Override
	public boolean visibleTo(Viewer viewer) {
		return viewer.regulator() || viewer.operator() || viewer.admin();
	}

	@Override
	public Map<String, Object> model(Viewer viewer) {
		long open = mongo.count(Query.query(Criteria.where("status").is(FollowUp.Status.OPEN)), FollowUp.class);
		Aggregation licences = Aggregation.newAggregation(
				Aggregation.match(Criteria.where("status")
					.is(FollowUp.Status.OPEN)
					.and("reason")
					.in(List.of(FollowUp.Reason.UNREACHABLE, FollowUp.Reason.NO_WORKING_CHANNEL))),
				Aggregation.group("licenceId"), Aggregation.count().as("n"));
		Document counted = mongo.aggregate(licences, FollowUp.class, Document.class).getUniqueMappedResult();
		long unreachable = counted == null ? 0 : counted.get("n", Number.class).longValue();
		return Map.of("open", open, "unreachable", unreachable);
	}

}
