package com.licencereminder.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The regulator that signs the reminders.
 *
 * @param name the name in the signature of every message (【...】)
 * @param hotline the number businesses can call with questions; left out of messages when empty
 */
@ConfigurationProperties("licence-reminder.regulator")
record RegulatorProperties(@DefaultValue("市场监督管理局") String name, String hotline) {
}
