package com.licencereminder.reminder;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.licencereminder.licence.Licence;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reminder policies ({@code licence-reminder.reminders}): a default policy and
 * policies per licence type, each a list of stages. Defaults are in
 * {@code application.yml}; a deployment overrides them in
 * {@code config/reminder-policies.yml}. An invalid policy stops start-up with a message
 * naming the bad entry.
 *
 * @param defaultPolicy the policy of licence types without their own
 * @param policies policies for particular licence types
 * @param retry how transient failures are retried within a stage
 */
@ConfigurationProperties("licence-reminder.reminders")
record ReminderPolicies(Policy defaultPolicy, @DefaultValue List<TypePolicy> policies, @DefaultValue Retry retry) {

	ReminderPolicies {
		if (defaultPolicy == null) {
			throw new IllegalArgumentException("licence-reminder.reminders.default-policy is missing");
		}
		defaultPolicy.validate("licence-reminder.reminders.default-policy");
		Set<String> types = new HashSet<>();
		for (int i = 0; i < policies.size(); i++) {
			String key = "licence-reminder.reminders.policies[" + i + "]";
			TypePolicy policy = policies.get(i);
			if (policy.licenceType() == null || policy.licenceType().isBlank()) {
				throw new IllegalArgumentException(key + ".licence-type is missing");
			}
			if (!types.add(Licence.keyOf(policy.licenceType()))) {
				throw new IllegalArgumentException(
						key + ": licence type '" + policy.licenceType() + "' has two policies");
			}
			new Policy(policy.stages()).validate(key);
		}
	}

	/** The policy for a licence: its type's, else the default. */
	Policy policyFor(Licence licence) {
		return policies.stream()
			.filter(policy -> Licence.keyOf(policy.licenceType()).equals(licence.typeKey()))
			.findFirst()
			.map(policy -> new Policy(policy.stages()))
			.orElse(defaultPolicy);
	}

	/**
	 * A list of stages.
	 *
	 * @param stages the stages, in any order
	 */
	record Policy(List<Stage> stages) {

		void validate(String key) {
			if (stages == null || stages.isEmpty()) {
				throw new IllegalArgumentException(key + ".stages: a policy needs at least one stage");
			}
			Set<Integer> offsets = new HashSet<>();
			for (int i = 0; i < stages.size(); i++) {
				Stage stage = stages.get(i);
				String at = key + ".stages[" + i + "]";
				if (stage.channels() == null || stage.channels().isEmpty()) {
					throw new IllegalArgumentException(at + ".channels: a stage needs at least one channel"
							+ " (SMS, MINI_PROGRAM, VOICE, MANUAL)");
				}
				if (stage.offsetDays() < -366 || stage.offsetDays() > 3660) {
					throw new IllegalArgumentException(
							at + ".offset-days: " + stage.offsetDays() + " is out of range -366..3660");
				}
				if (!offsets.add(stage.offsetDays())) {
					throw new IllegalArgumentException(
							at + ".offset-days: two stages with offset " + stage.offsetDays());
				}
				if (new HashSet<>(stage.channels()).size() != stage.channels().size()) {
					throw new IllegalArgumentException(at + ".channels: a channel is listed twice");
				}
			}
		}

		/** The stages, earliest (largest offset) first. */
		List<Stage> ordered() {
			List<Stage> ordered = new ArrayList<>(stages);
			ordered.sort((a, b) -> Integer.compare(b.offsetDays(), a.offsetDays()));
			return ordered;
		}

		Optional<Stage> stage(int offsetDays) {
			return stages.stream().filter(stage -> stage.offsetDays() == offsetDays).findFirst();
		}

	}

	/**
	 * A policy for one licence type.
	 *
	 * @param licenceType the licence type as lists write it (matched ignoring spaces and
	 * case)
	 * @param stages its stages
	 */
	record TypePolicy(String licenceType, List<Stage> stages) {
	}

	/**
	 * One reminder stage.
	 *
	 * @param offsetDays days before the last valid day (0 = on it, negative = after it)
	 * @param channels what to do at this stage
	 * @param at the local time of day the stage is due (default 09:00)
	 */
	record Stage(int offsetDays, List<ReminderChannel> channels, @DefaultValue("09:00") LocalTime at) {
	}

	/**
	 * Retries of transient failures: exponential backoff with full jitter, bounded by the
	 * number of attempts and by the stage (a retry never runs past the next stage or the
	 * expiry).
	 *
	 * @param maxAttempts attempts per task, the first included
	 * @param initialBackoff the backoff before the second attempt
	 * @param maxBackoff the largest backoff
	 */
	record Retry(@DefaultValue("5") int maxAttempts, @DefaultValue("1m") Duration initialBackoff,
			@DefaultValue("2h") Duration maxBackoff) {

		Retry {
			if (maxAttempts < 1) {
				throw new IllegalArgumentException("licence-reminder.reminders.retry.max-attempts must be at least 1");
			}
		}

	}

}
