package com.licencereminder.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The regulator that signs the reminders.
 *
 * @param name the name that signs every message, the templates' {@code {regulator}}
 * @param hotline the number businesses can call with questions, {@code {hotline}}; when
 * empty, {@code {hotlineNote}} renders as nothing
 */
@ConfigurationProperties("licence-reminder.regulator")
record RegulatorProperties(@DefaultValue("市场监督管理局") String name, String hotline) {
}
