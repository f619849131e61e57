package com.licencereminder.delivery;

import java.util.List;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceDetailSection;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Adds the delivery attempts to a licence's detail: the latest {@value #LIMIT}, newest
 * first, recipients masked unless the caller may see them in full.
 */
@Component
class DeliverySection implements LicenceDetailSection {

	static final int LIMIT = 100;

	private final MongoTemplate mongo;

	DeliverySection(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String name() {
		return "deliveries";
	}

	@Override
	public String consoleTemplate() {
		return "delivery/licence-section";
	}

	@Override
	public Object contentFor(Licence licence, boolean fullContacts) {
		Query query = Query.query(Criteria.where("licenceIds").is(licence.id()))
			.with(Sort.by(Sort.Direction.DESC, "createdAt"))
			.limit(LIMIT);
		List<DeliveryController.AttemptView> attempts = mongo.find(query, DeliveryAttempt.class)
			.stream()
			.map(attempt -> DeliveryController.AttemptView.of(attempt, fullContacts))
			.toList();
		return attempts;
	}

}
