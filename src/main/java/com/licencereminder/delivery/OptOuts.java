package com.licencereminder.delivery;

import java.time.Clock;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The SMS opt-out list, keyed by E.164 number (an {@code _id} lookup). */
@Component
class OptOuts {

	private final MongoTemplate mongo;

	private final Clock clock;

	OptOuts(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Whether the number opted out of text messages. */
	boolean isOptedOut(String number) {
		return number != null && mongo.findById(number, OptOut.class) != null;
	}

	/** Records that the number opted out; repeating it keeps the first record. */
	void optOut(String number, String source) {
		if (!isOptedOut(number)) {
			mongo.save(new OptOut(number, clock.instant(), source));
		}
	}

}
