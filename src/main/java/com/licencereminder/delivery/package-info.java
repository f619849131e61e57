/**
 * Delivery: sends rendered reminders on a channel (SMS, WeChat mini-program message, voice call),
 * records every attempt with its provider status, and reports replies and late failures as events.
 * The reminder engine calls {@link com.licencereminder.delivery.Deliveries#send}; it never talks to
 * a provider directly. Providers plug in as {@link com.licencereminder.delivery.ChannelSender}s; a
 * channel without credentials uses the simulator.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Delivery")
package com.licencereminder.delivery;
