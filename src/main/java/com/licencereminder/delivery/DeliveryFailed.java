package com.licencereminder.delivery;

/**
 * Published when a provider reports, after the send, that a delivery failed (a call not
 * answered, a message undelivered). The engine treats it like a failed send of that
 * reference.
 *
 * @param reference the reference of the original request
 * @param attemptId the attempt
 * @param errorCode the provider's status or error code
 * @param permanent whether retrying cannot help
 */
public record DeliveryFailed(String reference, String attemptId, String errorCode, boolean permanent) {
}
