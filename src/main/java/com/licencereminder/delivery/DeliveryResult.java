package com.licencereminder.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

/**
 * What became of a send. {@link Outcome#SENT} means the provider accepted the message (a
 * voice call that later goes unanswered is reported by a {@link DeliveryFailed} event).
 *
 * @param outcome sent, or how it failed
 * @param attemptId the recorded delivery attempt
 * @param providerId the provider's id of the message or call, when sent
 * @param errorCode the provider's error code (e.g. Twilio {@code 21211}, WeChat
 * {@code 43101}), when failed
 * @param errorMessage a short description of the failure, when failed
 * @param notBefore for a {@link #deferred()} send, when the limit that held it back
 * allows it again, if known; else null
 */
public record DeliveryResult(Outcome outcome, String attemptId, String providerId, String errorCode,
		String errorMessage, Instant notBefore) {

	/** A result without a time to wait for. */
	public DeliveryResult(Outcome outcome, String attemptId, String providerId, String errorCode, String errorMessage) {
		this(outcome, attemptId, providerId, errorCode, errorMessage, null);
	}

	/** Error code of a send refused because the provider's circuit is open. */
	public static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";

	/** Error code of a send refused because no rate-limit permit came in time. */
	public static final String RATE_LIMITED = "RATE_LIMITED";

	/**
	 * Error code of a send refused because an attempt with the same reference is in
	 * flight.
	 */
	public static final String IN_FLIGHT = "IN_FLIGHT";

	/**
	 * Error code of a request that never reached the provider: the connection could not
	 * be made (refused, unknown host, no route, connect timeout, TLS handshake).
	 * Certainly not sent.
	 */
	public static final String CONNECT_FAILED = "CONNECT_FAILED";

	/**
	 * Error code of a request that was sent but got no answer within the read timeout.
	 * Its outcome is unknown: the provider may have sent the message
	 * ({@link #ambiguous()}).
	 */
	public static final String TIMEOUT = "TIMEOUT";

	/**
	 * Error code of a request whose connection broke once it was open (reset, closed, an
	 * unreadable answer). Its outcome is unknown: the provider may have sent the message
	 * ({@link #ambiguous()}).
	 */
	public static final String CONNECTION = "CONNECTION";

	/** The connect-phase failures of the JDK: the request was never written. */
	private static final List<Class<? extends Throwable>> NOT_CONNECTED = List.of(ConnectException.class,
			UnknownHostException.class, NoRouteToHostException.class, HttpConnectTimeoutException.class,
			SSLHandshakeException.class);

	/**
	 * Whether the send was refused before reaching the provider (circuit open, rate
	 * limit, an attempt in flight, a per-number limit), or by the provider for one of its
	 * limits ({@link FailureClass#RATE_LIMITED}): the caller should try again later
	 * without counting this as an attempt.
	 */
	public boolean deferred() {
		return outcome == Outcome.TRANSIENT_FAILURE && (CIRCUIT_OPEN.equals(errorCode) || RATE_LIMITED.equals(errorCode)
				|| IN_FLIGHT.equals(errorCode) || FailureClass.of(errorCode) == FailureClass.RATE_LIMITED);
	}

	/**
	 * Whether the provider may have sent the message although the send failed: the
	 * request went out and no answer came back ({@value #TIMEOUT}, {@value #CONNECTION}).
	 * {@link Deliveries#send} records such an attempt as {@link AttemptStatus#UNKNOWN}
	 * and, before the reference is sent again, asks the provider whether it was sent; the
	 * caller retries as for any transient failure.
	 */
	public boolean ambiguous() {
		return outcome == Outcome.TRANSIENT_FAILURE && (TIMEOUT.equals(errorCode) || CONNECTION.equals(errorCode));
	}

	/**
	 * The error code of a request that failed without an answer, from what the HTTP
	 * client threw: {@value #CONNECT_FAILED} when a connect-phase failure is in the cause
	 * chain (those of the JDK, and the client's own {@code connectFailures}), else
	 * {@value #TIMEOUT} for a read timeout, else {@value #CONNECTION} for any other I/O
	 * failure; null when no I/O failure is in the chain.
	 * @param failure what the client threw
	 * @param connectFailures the client's own types of failures before the request is
	 * written (e.g. a connect timeout that extends {@link SocketTimeoutException})
	 */
	@SafeVarargs
	public static String networkErrorCode(Throwable failure, Class<? extends Throwable>... connectFailures) {
		if (causedBy(failure, NOT_CONNECTED) || causedBy(failure, List.of(connectFailures))) {
			return CONNECT_FAILED;
		}
		if (causedBy(failure, List.of(SocketTimeoutException.class, HttpTimeoutException.class))) {
			return TIMEOUT;
		}
		return causedBy(failure, List.of(IOException.class)) ? CONNECTION : null;
	}

	private static boolean causedBy(Throwable failure, List<Class<? extends Throwable>> types) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			for (Class<? extends Throwable> type : types) {
				if (type.isInstance(cause)) {
					return true;
				}
			}
		}
		return false;
	}

	/** The three outcomes the engine acts on. */
	public enum Outcome {

		/** Accepted by the provider. */
		SENT,

		/**
		 * Worth retrying later: 5xx, 429, timeouts, connection errors, WeChat -1/45009; a
		 * timeout or a broken connection may have been sent after all
		 * ({@link DeliveryResult#ambiguous()}).
		 */
		TRANSIENT_FAILURE,

		/** Retrying cannot help: invalid number, not a mobile, opted out, refused. */
		PERMANENT_FAILURE

	}

}
