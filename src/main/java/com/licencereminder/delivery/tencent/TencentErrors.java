package com.licencereminder.delivery.tencent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.FailureClass;
import com.licencereminder.delivery.ProviderAnswers;
import com.licencereminder.shared.Masking;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;

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

	private static final ProviderAnswers ANSWERS = new ProviderAnswers("Tencent", OK);

	/** The SDK's code for an HTTP status other than 200. */
	static final String SERVER_SIDE_ERROR = "ServerSideError";

	private static final Pattern HTTP_STATUS = Pattern.compile("response code is (\\d{3})");

	private TencentErrors() {
	}

	/**
	 * The result of an answer: sent, as {@code providerId}, when its code is
	 * {@value #OK}, else refused with that code.
	 */
	static DeliveryResult answered(String attemptId, String code, String message, String providerId) {
		return ANSWERS.answered(attemptId, code, message, providerId);
	}

	/**
	 * Logs the result of a send ({@code what}: "Text", "Call"), the recipient masked, and
	 * returns it.
	 */
	static DeliveryResult logged(String what, String recipient, DeliveryResult result) {
		return ANSWERS.logged(what, recipient, result);
	}

	/** The result of an answer whose code is not {@value #OK}. */
	static DeliveryResult refused(String attemptId, String code, String message) {
		return ANSWERS.refused(attemptId, code, message);
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
