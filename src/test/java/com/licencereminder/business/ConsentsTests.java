package com.licencereminder.business;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.licencereminder.business.Bindings.Binding;
import com.licencereminder.business.Consents.Preferences;
import com.licencereminder.delivery.Channel;
import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@link Consents#withdrawals}: a channel switched off by any user bound to a licence is
 * withdrawn for that licence only; licences without bindings, or whose users switched
 * nothing off, are absent.
 */
@SpringBootTest
@ActiveProfiles("test")
class ConsentsTests {

	static final Instant AT = Instant.parse("2026-12-01T02:00:00Z");

	@Autowired
	Consents consents;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void clear() {
		TestStores.clear(mongo);
	}

	@Test
	void eachLicenceGetsTheChannelsAnyOfItsUsersSwitchedOff() {
		bind("user-a", "licence-1");
		bind("user-b", "licence-1");
		bind("user-b", "licence-2");
		bind("user-c", "licence-3");
		mongo.insert(new Preferences("user-a", false, true, true, AT));
		mongo.insert(new Preferences("user-b", true, false, true, AT));
		mongo.insert(new Preferences("user-c", true, true, true, AT));

		Map<String, Set<Channel>> withdrawn = consents
			.withdrawals(List.of("licence-1", "licence-2", "licence-3", "licence-4"));

		assertThat(withdrawn).containsOnlyKeys("licence-1", "licence-2");
		assertThat(withdrawn.get("licence-1")).containsExactlyInAnyOrder(Channel.SMS, Channel.VOICE);
		assertThat(withdrawn.get("licence-2")).containsExactly(Channel.VOICE);
	}

	@Test
	void licencesWithoutBindingsHaveNoWithdrawals() {
		mongo.insert(new Preferences("user-a", false, false, false, AT));

		assertThat(consents.withdrawals(List.of("licence-1"))).isEmpty();
	}

	private void bind(String openId, String licenceId) {
		mongo.insert(new Binding(Bindings.idOf(openId, licenceId), openId, licenceId, "PHONE", AT));
	}

}
