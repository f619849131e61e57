package com.licencereminder.business;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import com.licencereminder.delivery.MiniProgramAccounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Mini-program sessions: a {@code wx.login} code exchanged with WeChat for the user's
 * openid, answered with an opaque random token that the store keeps only as its SHA-256
 * hash, valid for {@code licence-reminder.business.session-ttl}. WeChat's refusals become
 * {@link BusinessProblem}s: 40029 and 40163 (invalid or used code) 400, 45011 (too
 * frequent) 429, 40226 (risky user) 403, -1 (busy) and an unreachable WeChat 503; a
 * mini-program that is not configured 503. Also the sessions of the {@code /my} pages
 * ({@link #openPage}): the same kind of token, hashed in a domain of its own so that a
 * page's cookie is no bearer token of the API and a bearer token no page cookie, valid
 * for {@code licence-reminder.business.page-session-ttl}.
 */
@Component
class BusinessSessions {

	private static final String PAGE = "my-page";

	private final MongoTemplate mongo;

	private final ObjectProvider<MiniProgramAccounts> accounts;

	private final BusinessProperties properties;

	private final Clock clock;

	BusinessSessions(MongoTemplate mongo, ObjectProvider<MiniProgramAccounts> accounts, BusinessProperties properties,
			Clock clock) {
		this.mongo = mongo;
		this.accounts = accounts;
		this.properties = properties;
		this.clock = clock;
	}

	/** Signs the user of a {@code wx.login} code in. */
	Issued open(String code) {
		MiniProgramAccounts.Login login = wechat(() -> account().login(code));
		String token = Secrets.token();
		Instant now = clock.instant();
		Instant expiresAt = now.plus(properties.sessionTtl());
		mongo.insert(new Session(Secrets.hash(token), login.openId(), login.unionId(), now, expiresAt));
		return new Issued(token, expiresAt);
	}

	/** The openid of an unexpired session with this token. */
	Optional<String> openIdOf(String token) {
		return live(Secrets.hash(token));
	}

	/**
	 * Opens a {@code /my} page session for a business that proved its phone number.
	 * @param subject whom the session acts for ({@link MyPages#subject})
	 */
	Issued openPage(String subject) {
		String token = Secrets.token();
		Instant now = clock.instant();
		Instant expiresAt = now.plus(properties.pageSessionTtl());
		mongo.insert(new Session(Secrets.hash(PAGE, token), subject, null, now, expiresAt));
		return new Issued(token, expiresAt);
	}

	/** The subject of an unexpired {@code /my} page session with this token. */
	Optional<String> pageSubjectOf(String token) {
		return live(Secrets.hash(PAGE, token));
	}

	/** Ends the {@code /my} page session with this token, if there is one. */
	void closePage(String token) {
		mongo.remove(Query.query(Criteria.where("_id").is(Secrets.hash(PAGE, token))), Session.class);
	}

	private Optional<String> live(String id) {
		Session session = mongo.findById(id, Session.class);
		if (session == null) {
			return Optional.empty();
		}
		if (!clock.instant().isBefore(session.expiresAt())) {
			mongo.remove(session);
			return Optional.empty();
		}
		return Optional.of(session.openId());
	}

	/** The mini-program's account API, or a 503 when the mini-program is not set up. */
	MiniProgramAccounts account() {
		MiniProgramAccounts account = accounts.getIfAvailable();
		if (account == null) {
			throw new BusinessProblem(HttpStatus.SERVICE_UNAVAILABLE, "not-configured");
		}
		return account;
	}

	/** Calls WeChat, turning its refusals into problems. */
	static <T> T wechat(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (MiniProgramAccounts.Refused ex) {
			throw switch (ex.errcode()) {
				case 40029 -> new BusinessProblem(HttpStatus.BAD_REQUEST, "wechat-code-invalid");
				case 40163 -> new BusinessProblem(HttpStatus.BAD_REQUEST, "wechat-code-used");
				case 45011 -> new BusinessProblem(HttpStatus.TOO_MANY_REQUESTS, "wechat-too-frequent");
				case 40226 -> new BusinessProblem(HttpStatus.FORBIDDEN, "wechat-risky-user");
				default -> new BusinessProblem(HttpStatus.SERVICE_UNAVAILABLE, "wechat-unavailable");
			};
		}
	}

	/**
	 * A session as answered to the mini-program.
	 *
	 * @param token the bearer token (shown once, never stored)
	 * @param expiresAt when it stops working
	 */
	record Issued(String token, Instant expiresAt) {
	}

	/**
	 * A stored session, keyed by its token's hash.
	 *
	 * @param id the SHA-256 of the token
	 * @param openId the WeChat user
	 * @param unionId the user's unionid, or null
	 * @param createdAt when it was opened
	 * @param expiresAt when it ends
	 */
	@Document("business_sessions")
	record Session(@Id String id, String openId, String unionId, Instant createdAt, Instant expiresAt) {
	}

}
