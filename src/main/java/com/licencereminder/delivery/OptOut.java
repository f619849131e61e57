package com.licencereminder.delivery;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A number that asked not to receive text messages (reply TD/退订, Twilio 21610). Calls and
 * mini-program messages are not affected.
 *
 * @param number the E.164 number
 * @param at when it opted out
 * @param source how (e.g. {@code sms-reply}, {@code twilio-21610}, {@code operator})
 */
@Document("opt_outs")
record OptOut(@Id String number, Instant at, String source) {
}
