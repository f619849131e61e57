package com.licencereminder.business;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.licencereminder.shared.Masking;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Which WeChat users may act for which licences. A binding's id is derived from the
 * openid and the licence, so binding twice keeps one binding (and its first time): the
 * binding is inserted, never overwritten, so that two requests binding at once record and
 * announce it once. Binding and undoing publish {@link BusinessBound} for the audit log.
 */
@Component
class Bindings {

	private final MongoTemplate mongo;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Bindings(MongoTemplate mongo, ApplicationEventPublisher events, Clock clock) {
		this.mongo = mongo;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Binds the user to each licence it is not bound to yet; returns all its bindings.
	 */
	List<Binding> bind(String openId, Collection<String> licenceIds, String method) {
		Instant now = clock.instant();
		for (String licenceId : licenceIds) {
			try {
				mongo.insert(new Binding(idOf(openId, licenceId), openId, licenceId, method, now));
			}
			catch (DuplicateKeyException alreadyBound) {
				continue;
			}
			events.publishEvent(new BusinessBound(actor(openId), licenceId, method));
		}
		return of(openId);
	}

	/** The user's bindings, oldest first. */
	List<Binding> of(String openId) {
		List<Binding> found = new ArrayList<>(
				mongo.find(Query.query(Criteria.where("openId").is(openId)), Binding.class));
		found.sort(Comparator.comparing(Binding::boundAt).thenComparing(Binding::id));
		return found;
	}

	/** The users bound to each of the licences; licences without any are absent. */
	Map<String, List<String>> openIdsOf(Collection<String> licenceIds) {
		return mongo.find(Query.query(Criteria.where("licenceId").in(licenceIds)), Binding.class)
			.stream()
			.collect(Collectors.groupingBy(Binding::licenceId,
					Collectors.mapping(Binding::openId, Collectors.toList())));
	}

	/** The users bound to the licence, first bound first. */
	List<String> openIdsOf(String licenceId) {
		return mongo.find(Query.query(Criteria.where("licenceId").is(licenceId)), Binding.class)
			.stream()
			.sorted(Comparator.comparing(Binding::boundAt).thenComparing(Binding::id))
			.map(Binding::openId)
			.toList();
	}

	/** Whether the user is bound to the licence. */
	boolean isBound(String openId, String licenceId) {
		return mongo.findById(idOf(openId, licenceId), Binding.class) != null;
	}

	/**
	 * Undoes one of the user's bindings; false when the user has no binding of that id.
	 */
	boolean unbind(String openId, String id) {
		Binding binding = mongo.findById(id, Binding.class);
		if (binding == null || !binding.openId().equals(openId)) {
			return false;
		}
		mongo.remove(binding);
		events.publishEvent(new BusinessBound(actor(openId), binding.licenceId(), "UNBOUND"));
		return true;
	}

	/**
	 * The user as the audit log names it: {@code mini-program:} and the masked openid, or
	 * for a business of the {@code /my} pages {@code my-page:} and its masked subject.
	 */
	static String actor(String openId) {
		return openId.startsWith(MyPages.SUBJECT_PREFIX)
				? "my-page:" + Masking.openId(openId.substring(MyPages.SUBJECT_PREFIX.length()))
				: "mini-program:" + Masking.openId(openId);
	}

	static String idOf(String openId, String licenceId) {
		return UUID.nameUUIDFromBytes((openId + '\n' + licenceId).getBytes(StandardCharsets.UTF_8)).toString();
	}

	/**
	 * A WeChat user bound to a licence.
	 *
	 * @param id derived from openid and licence
	 * @param openId the user
	 * @param licenceId the licence
	 * @param method {@code PHONE} or {@code SMS_CODE}
	 * @param boundAt when
	 */
	@Document("business_bindings")
	record Binding(@Id String id, String openId, String licenceId, String method, Instant boundAt) {
	}

}
