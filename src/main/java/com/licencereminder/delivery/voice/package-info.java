/**
 * The voice channel through Twilio Calls:
 * {@link com.licencereminder.delivery.voice.TwilioVoiceSender}. Call status and the key
 * pressed arrive at the Twilio webhooks ({@code delivery.twilio}).
 */
package com.licencereminder.delivery.voice;
