package com.licencereminder.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.shared.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a domestic provider's answer codes into {@link DeliveryResult}s, classified by
 * {@link FailureClass}, the same way for every such provider: its success code means
 * sent, any other code refused with that code; a code the table does not know is retried
 * and logged once per code. Phone numbers in the provider's messages are masked, and so
 * is the recipient in the log.
 */
public final class ProviderAnswers {

	private static final Logger log = LoggerFactory.getLogger(ProviderAnswers.class);

	private final String name;

	private final String ok;

	private final Set<String> unknownSeen = ConcurrentHashMap.newKeySet();

	/**
	 * @param name the provider's name in log lines ({@code Aliyun})
	 * @param ok its code of an accepted request ({@code OK})
	 */
	public ProviderAnswers(String name, String ok) {
		this.name = name;
		this.ok = ok;
	}

	/**
	 * The result of an answer: sent, as {@code providerId}, when its code is the success
	 * code, else {@link #refused}.
	 */
	public DeliveryResult answered(String attemptId, String code, String message, String providerId) {
		return ok.equals(code) ? new DeliveryResult(Outcome.SENT, attemptId, providerId, null, null)
				: refused(attemptId, code, message);
	}

	/** The result of an answer with a code other than the success code. */
	public DeliveryResult refused(String attemptId, String code, String message) {
		String known = code == null || code.isBlank() ? "NO_CODE" : code;
		FailureClass failure = FailureClass.of(known);
		if (failure == FailureClass.UNKNOWN && unknownSeen.add(known)) {
			log.warn("{} answered code {} ({}), which is not classified: retried as a transient failure", name, known,
					Masking.text(message));
		}
		return new DeliveryResult(failure.outcome(), attemptId, null, known, Masking.text(message));
	}

	/**
	 * Logs the result of a send ({@code what}: "Text", "Call"), the recipient masked, and
	 * returns it.
	 */
	public DeliveryResult logged(String what, String recipient, DeliveryResult result) {
		if (result.outcome() == Outcome.SENT) {
			log.debug("{} {} to {} accepted by {} as {}", what, result.attemptId(), Masking.phone(recipient), name,
					result.providerId());
		}
		else {
			log.warn("{} {} to {} failed at {} {} {}: {}", what, result.attemptId(), Masking.phone(recipient), name,
					result.outcome(), result.errorCode(), result.errorMessage());
		}
		return result;
	}

}
