package com.licencereminder.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import com.licencereminder.shared.Role;
import org.junit.jupiter.api.BeforeEach;
import com.licencereminder.shared.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Five wrong passwords in a row lock a user name for 15 minutes, by HTTP Basic or form
 * login; a locked account is refused even with the right password; the lock ends by
 * itself.
 */
@SpringBootTest(properties = "licence-reminder.dispatch.enabled=false")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class LoginThrottlingTests {

	static final Instant NOW = Instant.parse("2026-03-02T01:00:00Z");

	@TestConfiguration(proxyBeanMethods = false)
	static class MutableClockConfiguration {

		@Bean
		@Primary
		MutableClock movableClock() {
			return new MutableClock(NOW, ZoneId.of("Asia/Shanghai"));
		}

	}

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Users users;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void oneUser() {
		clock.set(NOW);
		mongo.remove(Query.query(Criteria.where("_id").ne("admin")), UserAccount.class);
		users.create("chen", Set.of(Role.OPERATOR), "chen-password-1", false, "test");
	}

	@Test
	void fiveWrongPasswordsLockTheAccountForFifteenMinutes() throws Exception {
		for (int i = 0; i < 5; i++) {
			basic("wrong-" + i).andExpect(status().isUnauthorized());
		}
		assertThat(users.find("chen").orElseThrow().lockedUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));

		basic("chen-password-1").andExpect(status().isUnauthorized());
		clock.advance(Duration.ofMinutes(14).plusSeconds(59));
		basic("chen-password-1").andExpect(status().isUnauthorized());
		assertThat(users.find("chen").orElseThrow().failedLogins()).isZero();

		clock.advance(Duration.ofSeconds(1));
		basic("chen-password-1").andExpect(status().isOk());
		assertThat(users.find("chen").orElseThrow().lockedAt(clock.instant())).isFalse();
	}

	@Test
	void aSuccessfulLoginStartsTheCountAgain() throws Exception {
		for (int i = 0; i < 4; i++) {
			basic("wrong").andExpect(status().isUnauthorized());
		}
		basic("chen-password-1").andExpect(status().isOk());
		for (int i = 0; i < 4; i++) {
			basic("wrong").andExpect(status().isUnauthorized());
		}

		basic("chen-password-1").andExpect(status().isOk());
		assertThat(users.find("chen").orElseThrow().lockedUntil()).isNull();
	}

	@Test
	void formLoginFailuresCountToo() throws Exception {
		for (int i = 0; i < 3; i++) {
			mvc.perform(formLogin().user("chen").password("wrong")).andExpect(redirectedUrl("/login?error"));
		}
		basic("wrong").andExpect(status().isUnauthorized());
		basic("wrong").andExpect(status().isUnauthorized());

		mvc.perform(formLogin().user("chen").password("chen-password-1")).andExpect(redirectedUrl("/login?error"));
		clock.advance(Duration.ofMinutes(15));
		mvc.perform(formLogin().user("chen").password("chen-password-1")).andExpect(redirectedUrl("/"));
	}

	@Test
	void anAdministratorLiftsALockByEnablingOrResetting() throws Exception {
		for (int i = 0; i < 5; i++) {
			basic("wrong").andExpect(status().isUnauthorized());
		}
		mvc.perform(post("/api/users/chen/enable").with(httpBasic("admin", "test-secret"))).andExpect(status().isOk());

		basic("chen-password-1").andExpect(status().isOk());
	}

	private ResultActions basic(String password) throws Exception {
		return mvc.perform(get("/api/deliveries").with(httpBasic("chen", password)));
	}

}
