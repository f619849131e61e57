package com.licencereminder.delivery;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the {@link MessageTemplates} are and which language is sent.
 *
 * @param dir the folder of template files ({@code zh.properties}, {@code en.properties});
 * default {@code ./config/templates}, relative to the working directory (the repository
 * root under {@code ./mvnw spring-boot:run} and in tests)
 * @param language the language of every message (default {@code zh}); one language for
 * all recipients, a per-recipient language is future work
 * @param smsMaxSegments the SMS segments a template may take in the worst case before
 * start-up warns (default 3)
 */
@ConfigurationProperties("licence-reminder.templates")
record TemplateProperties(@DefaultValue("./config/templates") Path dir, @DefaultValue("zh") Language language,
		@DefaultValue("6") int smsMaxSegments) {

	TemplateProperties {
		if (dir == null) {
			throw new IllegalArgumentException("licence-reminder.templates.dir must name a folder");
		}
		if (smsMaxSegments < 1) {
			throw new IllegalArgumentException("licence-reminder.templates.sms-max-segments must be at least 1");
		}
	}

	/**
	 * A template language: its file name, the locale dates are written in, and the words
	 * every SMS template must contain so the recipient knows how to acknowledge and opt
	 * out.
	 */
	enum Language {

		ZH(Locale.SIMPLIFIED_CHINESE, "回复1", "TD"), EN(Locale.ENGLISH, "Reply 1", "STOP");

		private final Locale locale;

		private final List<String> smsMustSay;

		Language(Locale locale, String... smsMustSay) {
			this.locale = locale;
			this.smsMustSay = List.of(smsMustSay);
		}

		Locale locale() {
			return this.locale;
		}

		List<String> smsMustSay() {
			return this.smsMustSay;
		}

		String fileName() {
			return name().toLowerCase(Locale.ROOT) + ".properties";
		}

	}

}
