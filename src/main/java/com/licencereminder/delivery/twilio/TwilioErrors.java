package com.licencereminder.delivery.twilio;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.shared.Masking;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * Classifies what went wrong with a Twilio request (docs/architecture.md, "The engine's
 * rules").
 * <ul>
 * <li>Transient (retry later): HTTP 5xx, 429 and error 20429 (too many requests), 401 /
 * 20003 (the account's credentials: an operator's problem, not the recipient's), failures
 * to connect ({@value DeliveryResult#CONNECT_FAILED}: refused, unknown host, connect
 * timeout, no pooled connection in time; certainly not sent), read timeouts
 * ({@value #TIMEOUT}) and connections that broke once open ({@value #CONNECTION}), both
 * {@link DeliveryResult#ambiguous() ambiguous}, and anything else without an HTTP
 * answer.</li>
 * <li>Permanent: every other 4xx, with Twilio's error code, e.g. 21211 invalid number,
 * 21614 not a mobile, {@value #OPTED_OUT} the recipient opted out.</li>
 * </ul>
 * Phone numbers in Twilio's messages are masked before they are stored or logged.
 */
public final class TwilioErrors {

	/** Twilio's error code for a recipient who replied STOP to the sender. */
	public static final String OPTED_OUT = "21610";

	/**
	 * Error code of a request that got no answer within the read timeout:
	 * {@link DeliveryResult#TIMEOUT}.
	 */
	public static final String TIMEOUT = DeliveryResult.TIMEOUT;

	/**
	 * Error code of a request whose connection broke once open:
	 * {@link DeliveryResult#CONNECTION}.
	 */
	public static final String CONNECTION = DeliveryResult.CONNECTION;

	/**
	 * Error codes of a message that went out but cannot reach the recipient however often
	 * it is tried.
	 */
	private static final Set<String> PERMANENT_DELIVERY = Set.of("21211", "21614", OPTED_OUT, "30004", "30005", "30006",
			"30007");

	private static final Pattern NUMBER = Pattern.compile("\\+?\\d[\\d -]{6,}\\d");

	private TwilioErrors() {
	}

	/**
	 * The failed result of a request.
	 * @param attemptId the attempt
	 * @param ex what the SDK threw
	 */
	public static DeliveryResult failure(String attemptId, TwilioException ex) {
		String message = maskNumbers(ex.getMessage());
		if (ex instanceof ApiException api && (api.getStatusCode() != null || api.getCode() != null)) {
			Integer status = api.getStatusCode();
			String code = api.getCode() != null ? String.valueOf(api.getCode()) : "HTTP_" + status;
			boolean transientFailure = status == null || status >= 500 || status == 429 || status == 401
					|| "20429".equals(code) || "20003".equals(code);
			return new DeliveryResult(transientFailure ? Outcome.TRANSIENT_FAILURE : Outcome.PERMANENT_FAILURE,
					attemptId, null, code, message);
		}
		String network = DeliveryResult.networkErrorCode(ex, ConnectTimeoutException.class,
				ConnectionRequestTimeoutException.class);
		return new DeliveryResult(Outcome.TRANSIENT_FAILURE, attemptId, null,
				network != null ? network : ex.getClass().getSimpleName(), message);
	}

	/**
	 * Whether a message or call that was accepted but then failed with this error code
	 * cannot succeed when tried again (30004 blocked, 30005 unknown number, 30006
	 * landline or unreachable carrier, 30007 filtered, and the codes that are permanent
	 * at sending).
	 */
	public static boolean permanentAfterSend(String errorCode) {
		return errorCode != null && PERMANENT_DELIVERY.contains(errorCode);
	}

	/** The text with every phone number in it masked. */
	public static String maskNumbers(String text) {
		if (text == null) {
			return null;
		}
		Matcher numbers = NUMBER.matcher(text);
		StringBuilder masked = new StringBuilder();
		while (numbers.find()) {
			numbers.appendReplacement(masked, Matcher.quoteReplacement(Masking.phone(numbers.group())));
		}
		return numbers.appendTail(masked).toString();
	}

}
