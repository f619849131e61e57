package com.licencereminder.delivery.tencent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.FailureClass;
import com.licencereminder.shared.Masking;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what Tencent answered into a {@link DeliveryResult}, classified by
 * {@link FailureClass}.
 * <ul>
 * <li>An answer whose per-number {@code Code} is not {@code Ok} (the SDK does not throw):
 * that code.</li>
 * <li>An {@code Error} answer ({@code {"Response":{"Error":{"Code":...}}}}): the SDK's
 * {@link TencentCloudSDKException} with Tencent's code.</li>
 * <li>An HTTP status other than 200 (the SDK reports it as {@value #SERVER_SIDE_ERROR}):
 * {@code HTTP_<status>}; a 5xx is retried.</li>
 * <li>No answer: {@value DeliveryResult#CONNECT_FAILED} when the connection could not be
 * made (certainly not sent), else {@value DeliveryResult#TIMEOUT} or
 * {@value DeliveryResult#CONNECTION} ({@link DeliveryResult#ambiguous() ambiguous}: the
 * message may have gone out), also for an answer that cannot be read.</li>
 * </ul>
 * An unknown code is retried and logged once per code. Phone numbers in Tencent's
 * messages are masked.
 */
final class TencentErrors {

	static final String OK = "Ok";

	/** The SDK's code for an HTTP status other than 200. */
	static final String SERVER_SIDE_ERROR = "ServerSideError";

	private static final Pattern HTTP_STATUS = Pattern.compile("response code is (\\d{3})");

	private static final Logger log = LoggerFactory.getLogger(TencentErrors.class);

	private static final Set<String> unknownSeen = ConcurrentHashMap.newKeySet();

	private TencentErrors() {
	}

	/**
	 * The result of an answer: sent, as {@code providerId}, when its {@code Code} is
	 * {@code Ok}, else refused with that code.
	 */
	static DeliveryResult answered(String attemptId, String code, String message, String providerId) {
		return OK.equals(code) ? new DeliveryResult(Outcome.SENT, attemptId, providerId, null, null)
				: refused(attemptId, code, message);
	}

	/**
	 * Logs the result of a send ({@code what}: "Text", "Call"), the recipient masked, and
	 * returns it.
	 */
	static DeliveryResult logged(String what, String recipient, DeliveryResult result) {
		if (result.outcome() == Outcome.SENT) {
			log.debug("{} {} to {} accepted by Tencent as {}", what, result.attemptId(), Masking.phone(recipient),
					result.providerId());
		}
		else {
			log.warn("{} {} to {} failed at Tencent {} {}: {}", what, result.attemptId(), Masking.phone(recipient),
					result.outcome(), result.errorCode(), result.errorMessage());
		}
		return result;
	}

	/** The result of an answer whose {@code Code} is not {@code Ok}. */
	static DeliveryResult refused(String attemptId, String code, String message) {
		String known = code == null || code.isBlank() ? "NO_CODE" : code;
		FailureClass failure = FailureClass.of(known);
		if (failure == FailureClass.UNKNOWN && unknownSeen.add(known)) {
			log.warn("Tencent answered code {} ({}), which is not classified: retried as a transient failure", known,
					Masking.text(message));
		}
		return new DeliveryResult(failure.outcome(), attemptId, null, known, Masking.text(message));
	}

	/** The result of a request the SDK threw for. */
	static DeliveryResult failure(String attemptId, Throwable ex) {
		TencentCloudSDKException answer = answer(ex);
		if (answer != null) {
			if (SERVER_SIDE_ERROR.equals(answer.getErrorCode())) {
				Matcher status = HTTP_STATUS.matcher(String.valueOf(answer.getMessage()));
				String code = status.find() ? "HTTP_" + status.group(1) : "HTTP_ERROR";
				return code.startsWith("HTTP_5") ? new DeliveryResult(Outcome.TRANSIENT_FAILURE, attemptId, null, code,
						Masking.text(answer.getMessage())) : refused(attemptId, code, answer.getMessage());
			}
			return refused(attemptId, answer.getErrorCode(), answer.getMessage());
		}
		String network = DeliveryResult.networkErrorCode(ex);
		Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
		return new DeliveryResult(Outcome.TRANSIENT_FAILURE, attemptId, null,
				network != null ? network : DeliveryResult.CONNECTION,
				cause.getClass().getSimpleName() + ": " + Masking.text(cause.getMessage()));
	}

	/**
	 * The provider's error answer in the chain (an SDK exception with Tencent's code), or
	 * null when there was none: the request got no readable answer.
	 */
	private static TencentCloudSDKException answer(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TencentCloudSDKException sdk && sdk.getErrorCode() != null
					&& !sdk.getErrorCode().isBlank()) {
				return sdk;
			}
		}
		return null;
	}

}
