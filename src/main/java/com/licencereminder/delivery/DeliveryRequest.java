package com.licencereminder.delivery;

import java.time.LocalDate;
import java.util.List;

/**
 * A reminder to deliver: one message on one channel to one recipient, about one or more
 * licences of the same holder (several make a digest).
 *
 * @param reference the caller's idempotency key (e.g. the reminder task id); sending the
 * same reference again returns the recorded result of the first send instead of sending
 * twice
 * @param channel the channel
 * @param recipient an E.164 phone number (SMS, VOICE) or an openid (MINI_PROGRAM)
 * @param holderName the business the message addresses
 * @param stageOffsetDays the reminder stage: days before expiry (negative after)
 * @param licences the licences the message is about, at least one
 * @param possibleDuplicate whether an earlier attempt for this reference may have been
 * sent before a crash (the attempt is flagged so operators can see it)
 */
public record DeliveryRequest(String reference, Channel channel, String recipient, String holderName,
		int stageOffsetDays, List<LicenceLine> licences, boolean possibleDuplicate) {

	public DeliveryRequest {
		if (licences == null || licences.isEmpty()) {
			throw new IllegalArgumentException("a delivery is about at least one licence");
		}
		licences = List.copyOf(licences);
	}

	/**
	 * One licence a message is about.
	 *
	 * @param licenceId the licence
	 * @param cycle its validity cycle
	 * @param licenceType the licence type as the list writes it
	 * @param licenceNumber the licence number
	 * @param validUntil its last valid day
	 * @param issuer the issuing authority, or null
	 */
	public record LicenceLine(String licenceId, int cycle, String licenceType, String licenceNumber,
			LocalDate validUntil, String issuer) {
	}

}
