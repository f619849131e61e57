package com.licencereminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceBuilder;
import com.licencereminder.reminder.ReminderPolicies.Stage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * The reminder policies as configured: the defaults in {@code application.yml} are the
 * documented default, the sample override in {@code config/reminder-policies.yml} binds
 * and applies to its type, and an invalid policy stops start-up with a message naming the
 * bad entry.
 */
class ReminderPoliciesTests {

	private static final String PREFIX = "licence-reminder.reminders.";

	@Test
	void applicationYmlHoldsTheDesignPolicy() {
		ReminderPolicies policies = bind(yaml(new ClassPathResource("application.yml")));

		assertThat(policies.defaultPolicy().stages()).extracting(Stage::offsetDays, Stage::channels)
			.containsExactly(tuple(90, List.of(ReminderChannel.SMS, ReminderChannel.MINI_PROGRAM)),
					tuple(30, List.of(ReminderChannel.SMS, ReminderChannel.MINI_PROGRAM)),
					tuple(7, List.of(ReminderChannel.SMS, ReminderChannel.MINI_PROGRAM, ReminderChannel.VOICE)),
					tuple(3, List.of(ReminderChannel.MANUAL)), tuple(0, List.of(ReminderChannel.SMS)));
		assertThat(policies.defaultPolicy().stages()).extracting(Stage::at)
			.allSatisfy(at -> assertThat(at).isBetween(LocalTime.of(9, 0), LocalTime.of(12, 0)));
		assertThat(policies.policies()).isEmpty();
		assertThat(policies.retry())
			.isEqualTo(new ReminderPolicies.Retry(5, Duration.ofMinutes(1), Duration.ofHours(2)));
		assertThat(policies.policyFor(licence("药品经营许可证"))).isSameAs(policies.defaultPolicy());
	}

	@Test
	void theDeploymentPolicyFileBindsAndAppliesToItsType() {
		List<PropertySource<?>> sources = new ArrayList<>(yaml(new FileSystemResource("config/reminder-policies.yml")));
		sources.addAll(yaml(new ClassPathResource("application.yml")));

		ReminderPolicies policies = bind(sources);

		assertThat(policies.policies()).extracting(ReminderPolicies.TypePolicy::licenceType).containsExactly("药品经营许可证");
		assertThat(policies.policyFor(licence("药品经营许可证")).ordered()).extracting(Stage::offsetDays)
			.containsExactly(120, 60, 30, 7, 3, 0);
		assertThat(policies.policyFor(licence("药品经营许可证")).stage(30).orElseThrow().channels())
			.containsExactly(ReminderChannel.SMS, ReminderChannel.MINI_PROGRAM, ReminderChannel.VOICE);
		assertThat(policies.policyFor(licence("食品经营许可证"))).as("other types keep the default")
			.isEqualTo(policies.defaultPolicy());
		assertThat(policies.defaultPolicy().ordered()).extracting(Stage::offsetDays).containsExactly(90, 30, 7, 3, 0);
	}

	/**
	 * The importer keys types as half-width, without any white space, ASCII upper-case,
	 * 【】 as [].
	 */
	@Test
	void aTypePolicyMatchesTheImportersTypeKeyHoweverTheConfigWritesTheType() {
		ReminderPolicies policies = new ReminderPolicies(
				new ReminderPolicies.Policy(List.of(new Stage(90, List.of(ReminderChannel.SMS), LocalTime.of(9, 0)))),
				List.of(typePolicy("食品经营许可证（仅销售预包装食品）", 60), typePolicy("ｉｃｐ\u3000许可证", 45),
						typePolicy("【试点】卫生\u00a0许可证\u200b", 30)),
				new ReminderPolicies.Retry(5, Duration.ofMinutes(1), Duration.ofHours(2)));

		assertThat(policies.policyFor(licenceKeyed("食品经营许可证(仅销售预包装食品)")).stages()).extracting(Stage::offsetDays)
			.containsExactly(60);
		assertThat(policies.policyFor(licenceKeyed("ICP许可证")).stages()).extracting(Stage::offsetDays)
			.containsExactly(45);
		assertThat(policies.policyFor(licenceKeyed("[试点]卫生许可证")).stages()).extracting(Stage::offsetDays)
			.containsExactly(30);
	}

	@Test
	void typesTheImporterKeysAlikeCannotHaveTwoPolicies() {
		List<String> properties = stages(PREFIX + "default-policy", "90:SMS");
		properties.addAll(stages(PREFIX + "policies[0]", "120:SMS"));
		properties.add(PREFIX + "policies[0].licence-type=食品经营许可证(仅销售预包装食品)");
		properties.addAll(stages(PREFIX + "policies[1]", "60:SMS"));
		properties.add(PREFIX + "policies[1].licence-type=食品经营许可证（仅销售预包装食品）");

		assertStartUpFails(properties, PREFIX + "policies[1]: licence type '食品经营许可证（仅销售预包装食品）' has two policies");
	}

	@Test
	void aValidPolicyStartsUpWithDefaultTimesAndRetries() {
		contextWith(stages(PREFIX + "default-policy", "90:SMS,MINI_PROGRAM", "0:SMS")).run(context -> {
			assertThat(context).hasNotFailed();
			ReminderPolicies policies = context.getBean(ReminderPolicies.class);
			assertThat(policies.defaultPolicy().stages()).extracting(Stage::offsetDays).containsExactly(90, 0);
			assertThat(policies.defaultPolicy().stages()).extracting(Stage::at)
				.as("default time of day")
				.containsOnly(LocalTime.of(9, 0));
			assertThat(policies.retry().maxAttempts()).isEqualTo(5);
		});
	}

	@Test
	void aStageWithoutChannelsStopsStartUpNamingIt() {
		List<String> properties = stages(PREFIX + "default-policy", "90:SMS", "30:SMS");
		properties.add(PREFIX + "default-policy.stages[2].offset-days=7");
		properties.add(PREFIX + "default-policy.stages[2].channels=");

		assertStartUpFails(properties,
				PREFIX + "default-policy.stages[2].channels: a stage needs at least one channel");
	}

	@Test
	void aStageWithAnEmptyTimeIsDueAtNine() {
		List<String> properties = stages(PREFIX + "default-policy", "90:SMS", "30:SMS");
		properties.add(PREFIX + "default-policy.stages[1].at=");

		contextWith(properties).run(context -> assertThat(context).hasNotFailed()
			.getBean(ReminderPolicies.class)
			.satisfies(policies -> assertThat(policies.defaultPolicy().stages().get(1).at())
				.isEqualTo(LocalTime.of(9, 0))));
	}

	@Test
	void aDuplicateOffsetStopsStartUpNamingIt() {
		assertStartUpFails(stages(PREFIX + "default-policy", "90:SMS", "30:SMS", "30:VOICE"),
				PREFIX + "default-policy.stages[2].offset-days: two stages with offset 30");
	}

	@Test
	void aChannelListedTwiceStopsStartUpNamingIt() {
		assertStartUpFails(stages(PREFIX + "default-policy", "90:SMS", "30:SMS,SMS"),
				PREFIX + "default-policy.stages[1].channels: a channel is listed twice");
	}

	@Test
	void anOffsetOutOfRangeStopsStartUpNamingIt() {
		assertStartUpFails(stages(PREFIX + "default-policy", "90:SMS", "-400:SMS"),
				PREFIX + "default-policy.stages[1].offset-days: -400 is out of range");
	}

	@Test
	void anUnknownChannelStopsStartUpNamingIt() {
		contextWith(stages(PREFIX + "default-policy", "90:SMS", "30:SMS", "7:SMS,FAX")).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining(
						"Failed to bind properties under '" + PREFIX + "default-policy.stages[2].channels'")
				.rootCause()
				.hasMessageContaining("FAX");
		});
	}

	@Test
	void aMissingDefaultPolicyStopsStartUp() {
		List<String> typeOnly = stages(PREFIX + "policies[0]", "90:SMS");
		typeOnly.add(PREFIX + "policies[0].licence-type=药品经营许可证");

		assertStartUpFails(typeOnly, PREFIX + "default-policy is missing");
		assertStartUpFails(List.of(), PREFIX + "default-policy is missing");
	}

	@Test
	void aDefaultPolicyWithoutStagesStopsStartUp() {
		assertStartUpFails(List.of(PREFIX + "default-policy.stages="),
				PREFIX + "default-policy.stages: a policy needs at least one stage");
	}

	@Test
	void twoPoliciesForOneTypeStopStartUpNamingTheSecond() {
		List<String> properties = stages(PREFIX + "default-policy", "90:SMS");
		properties.addAll(stages(PREFIX + "policies[0]", "120:SMS"));
		properties.add(PREFIX + "policies[0].licence-type=ICP许可证");
		properties.addAll(stages(PREFIX + "policies[1]", "60:SMS"));
		properties.add(PREFIX + "policies[1].licence-type=icp 许可证");

		assertStartUpFails(properties, PREFIX + "policies[1]: licence type 'icp 许可证' has two policies");
	}

	@Test
	void anInvalidTypePolicyStopsStartUpNamingIt() {
		List<String> properties = stages(PREFIX + "default-policy", "90:SMS");
		properties.addAll(stages(PREFIX + "policies[0]", "120:SMS", "120:VOICE"));
		properties.add(PREFIX + "policies[0].licence-type=药品经营许可证");

		assertStartUpFails(properties, PREFIX + "policies[0].stages[1].offset-days: two stages with offset 120");

		List<String> untyped = stages(PREFIX + "default-policy", "90:SMS");
		untyped.addAll(stages(PREFIX + "policies[0]", "120:SMS"));
		assertStartUpFails(untyped, PREFIX + "policies[0].licence-type is missing");
	}

	private static void assertStartUpFails(List<String> properties, String message) {
		contextWith(properties).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith(message);
		});
	}

	private static ApplicationContextRunner contextWith(List<String> properties) {
		return new ApplicationContextRunner().withUserConfiguration(PoliciesOnly.class)
			.withPropertyValues(properties.toArray(String[]::new));
	}

	@EnableConfigurationProperties(ReminderPolicies.class)
	static class PoliciesOnly {

	}

	/**
	 * Properties of the stages under {@code key}, each written
	 * {@code offset:CHANNEL,CHANNEL}.
	 */
	private static List<String> stages(String key, String... stages) {
		List<String> properties = new ArrayList<>();
		for (int i = 0; i < stages.length; i++) {
			String[] parts = stages[i].split(":");
			properties.add(key + ".stages[" + i + "].offset-days=" + parts[0]);
			properties.add(key + ".stages[" + i + "].channels=" + parts[1]);
		}
		return properties;
	}

	private static ReminderPolicies bind(List<PropertySource<?>> sources) {
		return new Binder(ConfigurationPropertySources.from(sources))
			.bind("licence-reminder.reminders", ReminderPolicies.class)
			.get();
	}

	private static List<PropertySource<?>> yaml(Resource resource) {
		try {
			return new YamlPropertySourceLoader().load(resource.getDescription(), resource);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ReminderPolicies.TypePolicy typePolicy(String type, int offsetDays) {
		return new ReminderPolicies.TypePolicy(type,
				List.of(new Stage(offsetDays, List.of(ReminderChannel.SMS), LocalTime.of(9, 0))));
	}

	/** A licence whose type key is {@code typeKey}, as the importer computed it. */
	private static Licence licenceKeyed(String typeKey) {
		Licence licence = licence(typeKey);
		assertThat(licence.typeKey()).isEqualTo(typeKey);
		return licence;
	}

	private static Licence licence(String type) {
		return LicenceBuilder.valid(type, "X1", LocalDate.of(2027, 1, 1)).build();
	}

}
