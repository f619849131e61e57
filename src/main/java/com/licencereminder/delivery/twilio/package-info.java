/**
 * Twilio, shared by the SMS and voice adapters: the account settings
 * ({@code licence-reminder.twilio.*}), the REST client with its own timeouts and base
 * URL, the classification of Twilio errors, and the webhooks Twilio calls back
 * ({@code /webhooks/twilio/**}, each checked against {@code X-Twilio-Signature}). Nothing
 * here exists unless the account SID and auth token are set: the channels then use the
 * simulator.
 */
package com.licencereminder.delivery.twilio;
