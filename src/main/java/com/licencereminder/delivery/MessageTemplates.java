package com.licencereminder.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.licencereminder.delivery.TemplateProperties.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The message templates, one file per language in {@code licence-reminder.templates.dir}
 * ({@code zh.properties}, {@code en.properties}: UTF-8, {@code key=text}), over the
 * built-in ones packed from {@code config/templates} at build time: a key the folder's
 * file lacks, or a missing folder (logged as a warning), uses the built-in text.
 * Placeholders are named, {@code {holder}}; a value is inserted as it is, never read as a
 * template itself. Both languages are checked at start, and start-up fails with a message
 * naming the file and key for an unknown key, an unknown placeholder, an SMS template
 * that does not say how to acknowledge and opt out ({@link Language#smsMustSay()}), or a
 * bad date pattern. Keys and their placeholders are listed in
 * {@code config/templates/README.md}.
 */
@Component
class MessageTemplates {

	private static final Logger log = LoggerFactory.getLogger(MessageTemplates.class);

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

	private static final String CHANNEL = "(sms|voice|mini-program)";

	private static final String STATE = "(default|today|expired)";

	private static final Set<String> MESSAGE = Set.of("regulator", "hotline", "hotlineNote", "holder");

	private static final Set<String> LICENCE = Set.of("licenceType", "licenceNumber", "validUntil", "daysLeft",
			"daysOverdue", "issuer");

	private static final List<Rule> RULES = List.of(
			new Rule(CHANNEL + "\\." + STATE + "|" + CHANNEL + "\\.stage\\.(0|-?[1-9]\\d*)", MESSAGE, LICENCE),
			new Rule(CHANNEL + "\\.digest(-urgent)?", MESSAGE, Set.of("count", "licences")),
			new Rule("digest-line\\." + STATE, LICENCE, Set.of("index")), new Rule("digest-line\\.separator"),
			new Rule("hotline-note", Set.of("regulator", "hotline")),
			new Rule("mini-program\\.hint\\." + STATE, LICENCE),
			new Rule("mini-program\\.digest-type", LICENCE, Set.of("count")), new Rule("date-pattern"));

	private static final List<String> REQUIRED = required();

	private final Language language;

	private final int smsMaxSegments;

	private final Map<String, Template> templates;

	MessageTemplates(TemplateProperties properties) {
		Path dir = properties.dir();
		boolean folder = Files.isDirectory(dir);
		if (!folder) {
			log.warn(
					"Message template folder {} not found (licence-reminder.templates.dir): using the built-in templates",
					dir.toAbsolutePath());
		}
		Map<Language, Map<String, Template>> languages = new EnumMap<>(Language.class);
		for (Language language : Language.values()) {
			Map<String, Template> templates = load(language);
			Path file = dir.resolve(language.fileName());
			if (folder && Files.isRegularFile(file)) {
				templates.putAll(load(file));
			}
			else if (folder && language == properties.language()) {
				log.warn("No {} in {}: using the built-in {} templates", language.fileName(), dir.toAbsolutePath(),
						language);
			}
			check(language, templates);
			languages.put(language, Map.copyOf(templates));
		}
		this.language = properties.language();
		this.smsMaxSegments = properties.smsMaxSegments();
		this.templates = languages.get(this.language);
		log.info("Message templates: {} from {}", this.language,
				new TreeSet<>(this.templates.values().stream().map(Template::source).toList()));
	}

	Language language() {
		return this.language;
	}

	int smsMaxSegments() {
		return this.smsMaxSegments;
	}

	boolean has(String key) {
		return this.templates.containsKey(key);
	}

	/** The keys that start with {@code prefix}, sorted. */
	Set<String> keys(String prefix) {
		return new TreeSet<>(this.templates.keySet().stream().filter(key -> key.startsWith(prefix)).toList());
	}

	/** The file the template {@code key} comes from. */
	String source(String key) {
		return template(key).source();
	}

	/**
	 * The template {@code key} with its placeholders replaced by {@code values}, which
	 * must name them all.
	 */
	String render(String key, Map<String, String> values) {
		Matcher matcher = PLACEHOLDER.matcher(template(key).text());
		StringBuilder text = new StringBuilder();
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			if (value == null) {
				throw new IllegalArgumentException("no value for {" + matcher.group(1) + "} in template " + key);
			}
			matcher.appendReplacement(text, Matcher.quoteReplacement(value));
		}
		return matcher.appendTail(text).toString();
	}

	private Template template(String key) {
		Template template = this.templates.get(key);
		if (template == null) {
			throw new IllegalArgumentException("no template " + key);
		}
		return template;
	}

	private static Map<String, Template> load(Language language) {
		ClassPathResource resource = new ClassPathResource("licence-reminder/templates/" + language.fileName());
		try (InputStream in = resource.getInputStream()) {
			return read(in, "built-in " + language.fileName());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the built-in templates " + resource, ex);
		}
	}

	private static Map<String, Template> load(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return read(in, file.toString());
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalStateException("Cannot read the message templates " + file + ": " + ex.getMessage(), ex);
		}
	}

	private static Map<String, Template> read(InputStream in, String source) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		Map<String, Template> templates = new TreeMap<>();
		properties.stringPropertyNames()
			.forEach(key -> templates.put(key, new Template(properties.getProperty(key), source)));
		return templates;
	}

	private static void check(Language language, Map<String, Template> templates) {
		templates.forEach((key, template) -> {
			String where = template.source() + ": " + key;
			Rule rule = RULES.stream()
				.filter(r -> r.key().matcher(key).matches())
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						where + " is not a template key; see config/templates/README.md"));
			Matcher matcher = PLACEHOLDER.matcher(template.text());
			while (matcher.find()) {
				if (!rule.placeholders().contains(matcher.group(1))) {
					throw new IllegalStateException(where + ": unknown placeholder {" + matcher.group(1) + "}; use "
							+ new TreeSet<>(rule.placeholders()));
				}
			}
			if (key.startsWith("sms.")) {
				for (String words : language.smsMustSay()) {
					if (!template.text().contains(words)) {
						throw new IllegalStateException(where + " must tell how to acknowledge and opt out ("
								+ language.smsMustSay() + "), but lacks '" + words + "'");
					}
				}
			}
			if (key.equals("date-pattern")) {
				try {
					DateTimeFormatter.ofPattern(template.text(), language.locale());
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalStateException(where + ": not a date pattern: " + ex.getMessage());
				}
			}
		});
		for (String key : REQUIRED) {
			if (!templates.containsKey(key)) {
				throw new IllegalStateException(
						"No template " + key + " for " + language + " (neither in the folder nor built in)");
			}
		}
	}

	private static List<String> required() {
		List<String> keys = new ArrayList<>(
				List.of("date-pattern", "hotline-note", "digest-line.separator", "mini-program.digest-type"));
		for (String state : List.of("default", "today", "expired")) {
			keys.add("digest-line." + state);
			keys.add("mini-program.hint." + state);
			for (String channel : List.of("sms", "voice", "mini-program")) {
				keys.add(channel + "." + state);
			}
		}
		for (String channel : List.of("sms", "voice", "mini-program")) {
			keys.add(channel + ".digest");
			keys.add(channel + ".digest-urgent");
		}
		return List.copyOf(keys);
	}

	private record Template(String text, String source) {
	}

	private record Rule(Pattern key, Set<String> placeholders) {

		@SafeVarargs
		Rule(String key, Set<String>... placeholders) {
			this(Pattern.compile(key),
					Stream.of(placeholders).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet()));
		}

	}

}
