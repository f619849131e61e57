/**
 * Delivery: sends rendered reminders on a channel (SMS, WeChat mini-program message,
 * voice call), records every attempt with its provider status, and reports replies and
 * late failures as events. The reminder engine calls
 * {@link com.licencereminder.delivery.Deliveries#send}; it never talks to a provider
 * directly. A send whose outcome is unknown (no answer after the request went out) is
 * checked with the provider before it is sent again. Providers plug in as
 * {@link com.licencereminder.delivery.ChannelSender}s; a channel without credentials uses
 * the simulator, which tests and demos steer through
 * {@link com.licencereminder.delivery.SimulatorControl}. The delivery log is served at
 * {@code /api/deliveries} and what the simulator sent at {@code /api/simulator/outbox};
 * the console shows them at {@code /deliveries} (with CSV and Excel exports) and
 * {@code /outbox}, and charts the last 14 days on the dashboard.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Delivery")
package com.licencereminder.delivery;
