package com.licencereminder.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The templates registered at providers that send only approved templates (Aliyun,
 * Tencent): per template set, channel ({@code sms}, {@code voice}) and key, the
 * provider's template code, its approved text with {@code ${name}} variables, and the
 * ordered parameters filled from the service's placeholders (Tencent's positional
 * {@code {1}}, {@code {2}}, ... are the parameters in this order). Read from
 * {@code providers.yml} in {@code licence-reminder.templates.dir}, else the built-in copy
 * (config/templates/README.md).
 * <p>
 * Keys as in the message templates: {@code stage.<N>}, {@code default}, {@code today},
 * {@code expired}, {@code digest}, {@code digest-urgent}; a key without an entry uses
 * {@code default}. A digest's licence placeholders are those of its most urgent licence,
 * plus {@code {count}}. {@link #check} refuses, naming the entry, an unknown key or
 * placeholder, a variable of the text that is not a parameter, a parameter that can be
 * longer than the provider allows for the longest value it can take, and a URL in the
 * text or a value (providers refuse links in variables).
 */
@Component
class ProviderTemplates {

	private static final Logger log = LoggerFactory.getLogger(ProviderTemplates.class);

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_]*)}");

	private static final Pattern KEY = Pattern
		.compile("stage\\.-?\\d{1,4}|default|today|expired|digest|digest-urgent|" + ServiceTexts.VERIFICATION_CODE);

	/**
	 * The placeholders of a verification code's text, with their longest values (six
	 * digits; a validity of up to 999 minutes).
	 */
	static final Map<String, String> CODE_PLACEHOLDERS = Map.of("code", "000000", "minutes", "999");

	private static final Pattern URL = Pattern.compile("(?i)https?://|www\\.|\\.(com|cn|net|org)(/|\\b)");

	/** The placeholders of one licence. */
	static final Set<String> PLACEHOLDERS = Set.of("regulator", "hotline", "holder", "licenceType", "licenceNumber",
			"validUntil", "daysLeft", "daysOverdue", "issuer");

	/**
	 * What each provider allows: per variable, and for all parameters as JSON. Tencent's
	 * notification templates take variables of at most 35 characters here too (its
	 * verification-code variables are shorter; the service sends none).
	 */
	private static final Map<String, Limit> LIMITS = Map.of("aliyun:sms", new Limit(35, 0), "aliyun:voice",
			new Limit(35, 250), "tencent:sms", new Limit(35, 0), "tencent:voice", new Limit(35, 0));

	private final Map<String, Entry> entries;

	ProviderTemplates(TemplateProperties properties) {
		Path file = properties.dir().resolve("providers.yml");
		if (Files.isRegularFile(file)) {
			try (InputStream in = Files.newInputStream(file)) {
				entries = read(in, file.toString());
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read the provider templates " + file, ex);
			}
		}
		else {
			log.info("No {}: using the built-in provider templates", file.toAbsolutePath());
			try (InputStream in = new ClassPathResource("licence-reminder/templates/providers.yml").getInputStream()) {
				entries = read(in, "built-in providers.yml");
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read the built-in provider templates", ex);
			}
		}
	}

	/**
	 * Checks every entry with the longest values its placeholders can take.
	 * @param worstCase the longest value of each placeholder, {@code count} included
	 * @throws IllegalStateException naming the first entry that cannot be sent
	 */
	void check(Map<String, String> worstCase) {
		entries.forEach((name, entry) -> {
			String where = entry.source() + ": " + name;
			String[] parts = name.split(":", 3);
			if (!KEY.matcher(parts[2]).matches()) {
				throw new IllegalStateException(where + " is not a template key (stage.<N>, default, today, expired,"
						+ " digest, digest-urgent, verification-code); see config/templates/README.md");
			}
			if (!parts[2].equals("default") && !StringUtils.hasText(entry.code())) {
				throw new IllegalStateException(where + " needs the code of its own approved template: only default"
						+ " may leave it blank for the provider's default template");
			}
			Matcher variables = VARIABLE.matcher(entry.text());
			while (variables.find()) {
				if (!entry.params().contains(variables.group(1))) {
					throw new IllegalStateException(where + ": the text's ${" + variables.group(1)
							+ "} is not one of its params " + entry.params());
				}
			}
			if (URL.matcher(entry.text()).find()) {
				throw new IllegalStateException(where + ": the text holds a link, which providers refuse");
			}
			Limit limit = LIMITS.getOrDefault(parts[0] + ":" + parts[1], new Limit(0, 0));
			Map<String, String> values = new LinkedHashMap<>();
			boolean code = parts[2].equals(ServiceTexts.VERIFICATION_CODE);
			for (String param : entry.params()) {
				boolean digest = parts[2].startsWith("digest");
				if (code && !CODE_PLACEHOLDERS.containsKey(param)) {
					throw new IllegalStateException(where + ": unknown placeholder " + param + "; use "
							+ CODE_PLACEHOLDERS.keySet().stream().sorted().toList());
				}
				if (!code && !PLACEHOLDERS.contains(param) && !(digest && param.equals("count"))) {
					throw new IllegalStateException(where + ": unknown placeholder " + param + "; use "
							+ PLACEHOLDERS.stream().sorted().toList() + (digest ? " or count" : ""));
				}
				String value = code ? CODE_PLACEHOLDERS.get(param) : worstCase.getOrDefault(param, "");
				if (limit.perVariable() > 0 && value.length() > limit.perVariable()) {
					throw new IllegalStateException(where + ": " + param + " can be " + value.length()
							+ " characters long, more than the " + limit.perVariable() + " the provider allows");
				}
				if (URL.matcher(value).find()) {
					throw new IllegalStateException(where + ": " + param + " holds a link (" + value
							+ "), which providers refuse in a variable");
				}
				values.put(param, value);
			}
			int total = DeliveryJson.object(values).length();
			if (limit.total() > 0 && total > limit.total()) {
				throw new IllegalStateException(where + ": its parameters can take " + total
						+ " characters, more than the " + limit.total() + " the provider allows");
			}
		});
	}

	/** Whether the template set has any entry for the channel. */
	boolean has(String set, Channel channel) {
		return entries.containsKey(set + ":" + channel(channel) + ":default");
	}

	/** Whether the template set has an entry with exactly this key for the channel. */
	boolean has(String set, Channel channel, String key) {
		return entries.containsKey(set + ":" + channel(channel) + ":" + key);
	}

	/**
	 * The message of a template set for a request.
	 * @param set the template set
	 * @param channel the channel
	 * @param key the key the message templates would use ({@code stage.7},
	 * {@code default}, {@code digest}, ...)
	 * @param values the placeholder values
	 * @param sender the sender, which shows the text as the recipient gets it
	 */
	RenderedMessage render(String set, Channel channel, List<String> keys, Map<String, String> values,
			ChannelSender sender) {
		String prefix = set + ":" + channel(channel) + ":";
		Entry entry = keys.stream()
			.map(key -> entries.get(prefix + key))
			.filter(found -> found != null)
			.findFirst()
			.orElseGet(() -> entries.get(prefix + "default"));
		if (entry == null) {
			throw new IllegalStateException("No " + prefix + "default provider template (providers.yml)");
		}
		Limit limit = LIMITS.getOrDefault(set + ":" + channel(channel), new Limit(0, 0));
		Map<String, String> params = new LinkedHashMap<>();
		for (String param : entry.params()) {
			String value = values.getOrDefault(param, "");
			params.put(param, limit.perVariable() > 0 && value.length() > limit.perVariable()
					? value.substring(0, limit.perVariable() - 1) + "…" : value);
		}
		Matcher variables = VARIABLE.matcher(entry.text());
		StringBuilder text = new StringBuilder();
		while (variables.find()) {
			variables.appendReplacement(text, Matcher.quoteReplacement(params.get(variables.group(1))));
		}
		variables.appendTail(text);
		return new RenderedMessage(sender.asReceived(text.toString()), params,
				StringUtils.hasText(entry.code()) ? entry.code() : null);
	}

	private static String channel(Channel channel) {
		return channel.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Entry> read(InputStream in, String source) {
		Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
		Map<String, Entry> read = new HashMap<>();
		if (!(root instanceof Map<?, ?> sets)) {
			return read;
		}
		sets.forEach((set, channels) -> {
			if (!(channels instanceof Map<?, ?> byChannel)) {
				throw new IllegalStateException(source + ": " + set + " must map sms and voice to templates");
			}
			byChannel.forEach((channel, keys) -> {
				if (!"sms".equals(channel) && !"voice".equals(channel)) {
					throw new IllegalStateException(source + ": " + set + "." + channel + " is not sms or voice");
				}
				if (!(keys instanceof Map<?, ?> byKey)) {
					throw new IllegalStateException(source + ": " + set + "." + channel + " must map keys to entries");
				}
				byKey.forEach((key, value) -> {
					String name = set + ":" + channel + ":" + key;
					if (!(value instanceof Map<?, ?> fields) || !(fields.get("text") instanceof String text)) {
						throw new IllegalStateException(source + ": " + name + " needs code, text and params");
					}
					Object params = fields.get("params");
					List<String> names = new ArrayList<>();
					if (params instanceof List<?> list) {
						list.forEach(param -> names.add(String.valueOf(param)));
					}
					Object code = fields.get("code");
					read.put(name,
							new Entry(code == null ? null : String.valueOf(code), text, List.copyOf(names), source));
				});
			});
		});
		return read;
	}

	/**
	 * One provider template.
	 *
	 * @param code the provider's template code, or blank for the provider's default
	 * @param text its approved text, with {@code ${name}} variables
	 * @param params the parameters, in order, each named after a placeholder
	 * @param source the file it comes from
	 */
	record Entry(String code, String text, List<String> params, String source) {
	}

	/**
	 * What a provider allows in a template's parameters.
	 *
	 * @param perVariable characters per variable, 0 for no limit
	 * @param total characters of all parameters as JSON, 0 for no limit
	 */
	private record Limit(int perVariable, int total) {
	}

}
