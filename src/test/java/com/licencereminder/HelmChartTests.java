package com.licencereminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart {@code helm/licence-reminder}, checked with Helm's own engine (helm-java
 * bundles it as a native library: no {@code helm} binary, no network): it lints, renders
 * with default and with production-like values into Kubernetes objects with the expected
 * kinds, probes, security context and secret references, and refuses several replicas on
 * the embedded store.
 */
class HelmChartTests {

	static final Path CHART = Path.of("helm/licence-reminder");

	static final Path PRODUCTION = Path.of("src/test/resources/helm/production-values.yaml");

	static final List<String> SECRET_VARIABLES = List.of("SPRING_MONGODB_URI",
			"LICENCE_REMINDER_SECURITY_ADMIN_PASSWORD", "LICENCE_REMINDER_TWILIO_ACCOUNTSID",
			"LICENCE_REMINDER_TWILIO_AUTHTOKEN", "LICENCE_REMINDER_WECHAT_APPID", "LICENCE_REMINDER_WECHAT_APPSECRET",
			"LICENCE_REMINDER_ALIYUN_ACCESSKEYID", "LICENCE_REMINDER_ALIYUN_ACCESSKEYSECRET",
			"LICENCE_REMINDER_TENCENT_SECRET_ID", "LICENCE_REMINDER_TENCENT_SECRET_KEY",
			"LICENCE_REMINDER_WEBHOOKS_TOKEN");

	@Test
	void lintPasses() {
		LintResult result = new Helm(CHART).lint().strict().call();
		assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
	}

	@Test
	void defaultValuesRenderOneNonRootReadOnlyPodOnTheEmbeddedStore() {
		Map<String, Map<String, Object>> objects = render(template());

		assertThat(objects.keySet()).containsExactlyInAnyOrder("ConfigMap", "Deployment", "Service");
		Map<String, Object> deployment = objects.get("Deployment");
		assertThat(at(deployment, "spec", "replicas")).isEqualTo(1);
		assertThat(at(deployment, "spec", "strategy", "type")).isEqualTo("Recreate");
		Map<String, Object> container = container(deployment);
		assertProbesAndSecurity(deployment, container);
		assertThat(env(container)).extracting(variable -> variable.get("name"))
			.doesNotContain("SPRING_MONGODB_URI", "LICENCE_REMINDER_TENCENT_SECRET_ID")
			.contains("LOGGING_STRUCTURED_FORMAT_CONSOLE");
		assertThat(configFiles(objects)).containsExactlyInAnyOrder("application.yml", "reminder-policies.yml",
				"calendar-2026.yml", "templates-zh.properties", "templates-en.properties", "templates-providers.yml");
	}

	@Test
	void productionValuesReferenceSecretsAndNeverCarryThem() throws IOException {
		Map<String, Map<String, Object>> objects = render(
				template().withNamespace("reminders").withValuesFile(PRODUCTION));

		assertThat(objects.keySet()).containsExactlyInAnyOrder("ConfigMap", "Deployment", "Service", "Ingress",
				"PodDisruptionBudget", "ServiceMonitor");
		Map<String, Object> deployment = objects.get("Deployment");
		assertThat(at(deployment, "spec", "replicas")).isEqualTo(3);
		assertThat(at(deployment, "spec", "strategy", "type")).isEqualTo("RollingUpdate");
		assertThat(at(deployment, "spec", "template", "metadata", "annotations", "checksum/config")).asString()
			.matches("[0-9a-f]{64}");
		Map<String, Object> container = container(deployment);
		assertThat(container.get("image")).isEqualTo("registry.internal.example/licence-reminder:0.1.0");
		assertProbesAndSecurity(deployment, container);
		List<Map<String, Object>> env = env(container);
		for (String name : SECRET_VARIABLES) {
			Map<String, Object> variable = env.stream()
				.filter(v -> name.equals(v.get("name")))
				.findFirst()
				.orElseThrow();
			assertThat(variable).as(name).doesNotContainKey("value");
			assertThat(at(variable, "valueFrom", "secretKeyRef", "name")).as(name)
				.asString()
				.startsWith("licence-reminder-");
		}
		assertThat(env).filteredOn(variable -> "LICENCE_REMINDER_TENCENT_SMS_SDK_APP_ID".equals(variable.get("name")))
			.singleElement()
			.satisfies(variable -> assertThat(variable.get("value")).isEqualTo("1400000001"));
		assertThat(env).extracting(variable -> variable.get("name"))
			.contains("LICENCE_REMINDER_TENCENT_SIGN_NAME", "LICENCE_REMINDER_TENCENT_SMS_TEMPLATE_ID",
					"LICENCE_REMINDER_TENCENT_VOICE_SDK_APP_ID", "LICENCE_REMINDER_TENCENT_VOICE_TEMPLATE_ID")
			.doesNotContain("LICENCE_REMINDER_TENCENT_REGION");
		assertThat(objects).doesNotContainKey("Secret");
		assertThat(at(objects.get("ServiceMonitor"), "spec", "endpoints")).asString().contains("/actuator/prometheus");
		assertThat(configFiles(objects)).contains("calendar-2026.yml", "calendar-2027.yml");
		assertThat(items(deployment)).contains("calendar/2026.yml", "calendar/2027.yml", "application.yml",
				"reminder-policies.yml", "templates/zh.properties", "templates/en.properties",
				"templates/providers.yml");
	}

	@Test
	void severalReplicasOrAutoscalingWithoutMongoDbAreRefused() {
		assertThatThrownBy(() -> template().set("replicaCount", 2).call())
			.hasMessageContaining("needs an external MongoDB");
		assertThatThrownBy(() -> template().set("autoscaling.enabled", true).call())
			.hasMessageContaining("needs an external MongoDB");
		assertThat(render(template().set("autoscaling.enabled", true).set("mongodb.existingSecret", "db")))
			.containsKey("HorizontalPodAutoscaler");
	}

	@Test
	void theChartCarriesTheRepositorysConfigFiles() throws IOException {
		assertThat(CHART.resolve("files/reminder-policies.yml"))
			.hasSameTextualContentAs(Path.of("config/reminder-policies.yml"));
		for (String language : List.of("zh", "en")) {
			assertThat(CHART.resolve("files/templates/" + language + ".properties"))
				.hasSameTextualContentAs(Path.of("config/templates/" + language + ".properties"));
		}
		assertThat(CHART.resolve("files/templates/providers.yml"))
			.hasSameTextualContentAs(Path.of("config/templates/providers.yml"));
		try (var years = Files.list(Path.of("config/calendar"))) {
			years.filter(file -> file.toString().endsWith(".yml"))
				.forEach(file -> assertThat(CHART.resolve("files/calendar").resolve(file.getFileName()))
					.as("copy of %s in the chart", file)
					.hasSameTextualContentAs(file));
		}
	}

	private static void assertProbesAndSecurity(Map<String, Object> deployment, Map<String, Object> container) {
		assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
		assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
		assertThat(at(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
		assertThat(at(container, "resources", "limits", "memory")).isNotNull();
		assertThat(at(container, "resources", "requests", "cpu")).isNotNull();
		assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(at(container, "securityContext", "runAsNonRoot")).isEqualTo(true);
		assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
		assertThat(at(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot")).isEqualTo(true);
		assertThat((Integer) at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds"))
			.isGreaterThan(60);
		assertThat(container.get("volumeMounts")).asString()
			.contains("mountPath=/tmp")
			.contains("mountPath=/app/data")
			.contains("mountPath=/app/config");
	}

	/**
	 * {@code helm template lr} against a current cluster version (Helm's default, 1.20,
	 * is below the chart's minimum).
	 */
	private static TemplateCommand template() {
		return new Helm(CHART).template().withName("lr").withKubeVersion("v1.30.0");
	}

	/**
	 * Renders and parses the manifests, one object per kind (the chart has at most one of
	 * each).
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> render(TemplateCommand template) {
		String manifests = template.call();
		Map<String, Map<String, Object>> byKind = new TreeMap<>();
		StreamSupport.stream(new Yaml().loadAll(manifests).spliterator(), false)
			.filter(Objects::nonNull)
			.map(object -> (Map<String, Object>) object)
			.forEach(object -> {
				assertThat(object).containsKeys("apiVersion", "kind", "metadata");
				assertThat(byKind.put((String) object.get("kind"), object)).as("one %s", object.get("kind")).isNull();
			});
		return byKind;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> container(Map<String, Object> deployment) {
		List<Map<String, Object>> containers = (List<Map<String, Object>>) at(deployment, "spec", "template", "spec",
				"containers");
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> env(Map<String, Object> container) {
		return (List<Map<String, Object>>) container.get("env");
	}

	@SuppressWarnings("unchecked")
	private static Set<String> configFiles(Map<String, Map<String, Object>> objects) {
		return ((Map<String, Object>) objects.get("ConfigMap").get("data")).keySet();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> items(Map<String, Object> deployment) {
		List<Map<String, Object>> volumes = (List<Map<String, Object>>) at(deployment, "spec", "template", "spec",
				"volumes");
		Map<String, Object> config = volumes.stream()
			.filter(v -> "config".equals(v.get("name")))
			.findFirst()
			.orElseThrow();
		return ((List<Map<String, Object>>) at(config, "configMap", "items")).stream()
			.map(item -> item.get("path"))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static Object at(Map<String, Object> object, String... path) {
		Object current = object;
		for (String key : path) {
			assertThat(current).as("%s in %s", key, String.join(".", path)).isInstanceOf(Map.class);
			current = ((Map<String, Object>) current).get(key);
		}
		return current;
	}

}
