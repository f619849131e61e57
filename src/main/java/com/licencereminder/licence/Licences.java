package com.licencereminder.licence;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The licence registry as other modules see it: read only. Licences are written by
 * imports alone (inside this module); their collection is this module's own.
 */
@Component
public class Licences {

	private final MongoTemplate mongo;

	Licences(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** The licence with this id, if there is one. */
	public Optional<Licence> find(String id) {
		return Optional.ofNullable(mongo.findById(id, Licence.class));
	}

	/** The licences with these ids, by id; ids of no licence are left out. */
	public Map<String, Licence> byId(Collection<String> ids) {
		Map<String, Licence> found = new HashMap<>();
		list(ids).forEach(licence -> found.put(licence.id(), licence));
		return found;
	}

	/**
	 * The licences with these ids, in no particular order; ids of no licence are left
	 * out.
	 */
	public List<Licence> list(Collection<String> ids) {
		return mongo.find(Query.query(Criteria.where("_id").in(ids)), Licence.class);
	}

	/**
	 * Hands every licence to {@code each}, streaming (the registry may not fit in
	 * memory).
	 */
	public void forEach(Consumer<Licence> each) {
		try (var stream = mongo.stream(new Query(), Licence.class)) {
			stream.forEach(each);
		}
	}

	/**
	 * The licences whose mobile numbers include this one (E.164), at most {@code limit}.
	 */
	public List<Licence> withMobile(String number, int limit) {
		return mongo.find(Query.query(Criteria.where("mobiles").is(number)).limit(limit), Licence.class);
	}

	/**
	 * The licences with this licence number (of any type, compared normalised) or this
	 * unified social credit code, at most {@code limit}.
	 */
	public List<Licence> withNumberOrUscc(String text, int limit) {
		String key = Licence.keyOf(text);
		if (key == null) {
			return List.of();
		}
		return mongo.find(Query
			.query(new Criteria().orOperator(Criteria.where("numberKey").is(key), Criteria.where("uscc").is(key)))
			.limit(limit), Licence.class);
	}

	/** How many licences the registry holds. */
	public long count() {
		return mongo.count(new Query(), Licence.class);
	}

}
