package com.licencereminder.business;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import com.licencereminder.delivery.ServiceTexts;
import com.licencereminder.licence.Licence;
import com.licencereminder.licence.Licences;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Binding by SMS code. {@link #request} answers the same whether or not the licence
 * exists and the phone number is on file for it: it always counts against the limits and
 * always stores a pending verification (replacing the user's previous one), but texts the
 * 6-digit code only to a number on file. {@link #complete} accepts the code within
 * {@code code-ttl} and {@code code-tries} guesses; a wrong, expired, used or never sent
 * code is the same 400 {@code code-invalid}. Codes are stored as salted SHA-256 hashes. A
 * limit hit (429 {@code too-many-codes}) or the last try used publishes
 * {@link VerificationLockedOut}.
 */
@Component
class Verifications {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private static final Duration HOUR = Duration.ofHours(1);

	private static final Duration DAY = Duration.ofDays(1);

	private final MongoTemplate mongo;

	private final Licences licences;

	private final ServiceTexts texts;

	private final Limits limits;

	private final Bindings bindings;

	private final BusinessProperties properties;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Verifications(MongoTemplate mongo, Licences licences, ServiceTexts texts, Limits limits, Bindings bindings,
			BusinessProperties properties, MessageSource messages, ApplicationEventPublisher events, Clock clock) {
		this.mongo = mongo;
		this.licences = licences;
		this.texts = texts;
		this.limits = limits;
		this.bindings = bindings;
		this.properties = properties;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Texts a code to {@code phone} if it is on file for the licence with this number or
	 * USCC.
	 * @param address the client's address, for its own limit
	 * @return when the code (sent or not) expires
	 */
	Instant request(String openId, String licenceNumberOrUscc, String phoneText, String address, Locale locale) {
		String phone = Phones.mobile(phoneText)
			.orElseThrow(() -> new BusinessProblem(HttpStatus.BAD_REQUEST, "phone-invalid"));
		String phoneKey = Secrets.hash("phone", phone);
		if (!limits.take("address-hour:" + Secrets.hash("address", address), HOUR,
				properties.codesPerAddressPerHour())) {
			throw lockedOut(openId, "address-limit");
		}
		if (!limits.take("openid-day:" + Secrets.hash("openid", openId), DAY, properties.codesPerOpenIdPerDay())) {
			throw lockedOut(openId, "openid-limit");
		}
		if (!limits.take("phone-minute:" + phoneKey, MINUTE, properties.codesPerPhonePerMinute())
				|| !limits.take("phone-day:" + phoneKey, DAY, properties.codesPerPhonePerDay())) {
			throw lockedOut(openId, "phone-limit");
		}
		List<String> matching = licences.withNumberOrUscc(licenceNumberOrUscc, properties.maxLicencesPerBinding())
			.stream()
			.filter(licence -> licence.mobiles() != null && licence.mobiles().contains(phone))
			.map(Licence::id)
			.toList();
		String code = Secrets.code();
		String salt = Secrets.token();
		Instant expiresAt = clock.instant().plus(properties.codeTtl());
		mongo.save(
				new Verification(openId, matching, salt, Secrets.hash(salt, code), expiresAt, properties.codeTries()));
		if (!matching.isEmpty()) {
			long minutes = properties.codeTtl().toMinutes();
			texts.send(phone, messages.getMessage("business.code.text", new Object[] { code, minutes }, locale),
					ServiceTexts.VERIFICATION_CODE, Map.of("code", code, "minutes", String.valueOf(minutes)));
		}
		return expiresAt;
	}

	/**
	 * Completes the user's pending verification with the code it received. Tries from one
	 * client address beyond its hourly limit get the answer of a wrong code.
	 * @param address the client's address, for its own limit
	 * @return the user's bindings, the newly bound licences among them
	 */
	List<Bindings.Binding> complete(String openId, String code, String address) {
		if (!limits.take("address-check-hour:" + Secrets.hash("address", address), HOUR,
				properties.checksPerAddressPerHour())) {
			events.publishEvent(new VerificationLockedOut(Bindings.actor(openId), "address-limit"));
			throw invalid();
		}
		Verification pending = mongo.findAndModify(Query.query(Criteria.where("_id").is(openId).and("triesLeft").gt(0)),
				new Update().inc("triesLeft", -1), FindAndModifyOptions.options().returnNew(true), Verification.class);
		if (pending == null || !clock.instant().isBefore(pending.expiresAt())) {
			throw invalid();
		}
		if (!Secrets.same(pending.codeHash(), Secrets.hash(pending.salt(), code)) || pending.licenceIds().isEmpty()) {
			if (pending.triesLeft() == 0) {
				events.publishEvent(new VerificationLockedOut(Bindings.actor(openId), "tries"));
			}
			throw invalid();
		}
		if (mongo
			.remove(Query.query(Criteria.where("_id").is(openId).and("codeHash").is(pending.codeHash())),
					Verification.class)
			.getDeletedCount() == 0) {
			throw invalid();
		}
		return bindings.bind(openId, pending.licenceIds(), "SMS_CODE");
	}

	private BusinessProblem lockedOut(String openId, String reason) {
		events.publishEvent(new VerificationLockedOut(Bindings.actor(openId), reason));
		return new BusinessProblem(HttpStatus.TOO_MANY_REQUESTS, "too-many-codes");
	}

	private static BusinessProblem invalid() {
		return new BusinessProblem(HttpStatus.BAD_REQUEST, "code-invalid");
	}

	/**
	 * A user's pending verification.
	 *
	 * @param openId the user (one pending verification each)
	 * @param licenceIds the licences the phone number is on file for (empty: no code was
	 * sent)
	 * @param salt the hash's salt
	 * @param codeHash SHA-256 of salt and code
	 * @param expiresAt when the code stops working
	 * @param triesLeft guesses left
	 */
	@Document("business_verifications")
	record Verification(@Id String openId, List<String> licenceIds, String salt, String codeHash, Instant expiresAt,
			int triesLeft) {
	}

}
