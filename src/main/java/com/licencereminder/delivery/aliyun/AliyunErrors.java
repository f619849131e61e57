package com.licencereminder.delivery.aliyun;

import com.aliyun.tea.TeaException;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.FailureClass;
import com.licencereminder.delivery.ProviderAnswers;
import com.licencereminder.shared.Masking;

/**
 * Reads what Aliyun answered into a {@link DeliveryResult}, classified by
 * {@link FailureClass}.
 * <ul>
 * <li>HTTP 200 with a {@code Code} other than {@code OK} (the SDK does not throw): that
 * code.</li>
 * <li>HTTP 4xx/5xx: the SDK's {@link TeaException} with Aliyun's code; a 5xx without one
 * is {@code HTTP_5xx}, retried.</li>
 * <li>No answer: {@value DeliveryResult#CONNECT_FAILED} when the connection could not be
 * made (certainly not sent), else {@value DeliveryResult#TIMEOUT} or
 * {@value DeliveryResult#CONNECTION} ({@link DeliveryResult#ambiguous() ambiguous}: the
 * message may have gone out), also for an answer that cannot be read.</li>
 * </ul>
 * An unknown code is retried and logged once per code. Phone numbers in Aliyun's messages
 * are masked.
 */
final class AliyunErrors {

	static final String OK = "OK";

	private static final ProviderAnswers ANSWERS = new ProviderAnswers("Aliyun", OK);

	private AliyunErrors() {
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
		TeaException answer = answer(ex);
		if (answer != null) {
			Integer status = answer.getStatusCode();
			String code = answer.getCode() != null ? answer.getCode() : "HTTP_" + status;
			if (answer.getCode() == null && status != null && status >= 500) {
				return new DeliveryResult(Outcome.TRANSIENT_FAILURE, attemptId, null, code,
						Masking.text(answer.getMessage()));
			}
			return refused(attemptId, code, answer.getMessage());
		}
		String network = DeliveryResult.networkErrorCode(ex);
		return new DeliveryResult(Outcome.TRANSIENT_FAILURE, attemptId, null,
				network != null ? network : DeliveryResult.CONNECTION,
				ex.getClass().getSimpleName() + ": " + Masking.text(ex.getMessage()));
	}

	/** The provider's error answer in the chain, or null when there was none. */
	private static TeaException answer(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TeaException tea && (tea.getStatusCode() != null || tea.getCode() != null)) {
				return tea;
			}
		}
		return null;
	}

}
