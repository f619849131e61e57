/**
 * The SMS channel through Twilio Messages:
 * {@link com.licencereminder.delivery.sms.TwilioSmsSender}. Delivery reports and replies
 * arrive at the Twilio webhooks ({@code delivery.twilio}).
 */
package com.licencereminder.delivery.sms;
