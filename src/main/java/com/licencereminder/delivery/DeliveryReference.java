package com.licencereminder.delivery;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The idempotency record of one request reference, keyed by the reference itself so that
 * every lookup is an {@code _id} lookup (indexed on every store, including the embedded
 * one). At most one attempt per reference is in flight ({@code pendingAttemptId}); once
 * one is sent, its result is kept here and returned for every later request with the
 * reference. An attempt whose outcome is unknown ({@link DeliveryResult#ambiguous()}) is
 * remembered ({@code uncertainAttemptId}) until the next request with the reference has
 * asked the provider whether it was sent.
 *
 * @param reference the caller's idempotency key
 * @param pendingAttemptId the attempt being sent now, or null
 * @param pendingSince when that attempt started
 * @param attempts the number of attempts started for this reference
 * @param sent the result of the attempt that was sent, or null
 * @param uncertainAttemptId the last attempt, when its outcome is unknown, or null
 * @param uncertainSince when that attempt started
 */
@Document("delivery_references")
record DeliveryReference(@Id String reference, String pendingAttemptId, Instant pendingSince, int attempts,
		DeliveryResult sent, String uncertainAttemptId, Instant uncertainSince) {
}
