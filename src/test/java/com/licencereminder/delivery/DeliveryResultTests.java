package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

import javax.net.ssl.SSLHandshakeException;

import com.licencereminder.delivery.DeliveryResult.Outcome;
import org.junit.jupiter.api.Test;

/**
 * Which failures may have been sent after all, and the codes a failure without an answer
 * gets.
 */
class DeliveryResultTests {

	static DeliveryResult result(Outcome outcome, String errorCode) {
		return new DeliveryResult(outcome, "a", null, errorCode, null);
	}

	@Test
	void onlyATimeoutOrABrokenConnectionIsAmbiguous() {
		assertThat(result(Outcome.TRANSIENT_FAILURE, DeliveryResult.TIMEOUT).ambiguous()).isTrue();
		assertThat(result(Outcome.TRANSIENT_FAILURE, DeliveryResult.CONNECTION).ambiguous()).isTrue();
		assertThat(result(Outcome.TRANSIENT_FAILURE, DeliveryResult.CONNECT_FAILED).ambiguous()).isFalse();
		assertThat(result(Outcome.TRANSIENT_FAILURE, "503").ambiguous()).isFalse();
		assertThat(result(Outcome.TRANSIENT_FAILURE, DeliveryResult.CIRCUIT_OPEN).ambiguous()).isFalse();
		assertThat(result(Outcome.PERMANENT_FAILURE, DeliveryResult.TIMEOUT).ambiguous()).isFalse();
		assertThat(result(Outcome.SENT, null).ambiguous()).isFalse();
	}

	@Test
	void aFailureBeforeTheRequestWasWrittenIsAConnectFailureWhereverItIsInTheChain() {
		assertThat(
				DeliveryResult.networkErrorCode(new UncheckedIOException(new ConnectException("Connection refused"))))
			.isEqualTo(DeliveryResult.CONNECT_FAILED);
		assertThat(DeliveryResult.networkErrorCode(new HttpConnectTimeoutException("HTTP connect timed out")))
			.as("the JDK client's connect timeout is also an HttpTimeoutException")
			.isEqualTo(DeliveryResult.CONNECT_FAILED);
		assertThat(DeliveryResult.networkErrorCode(new SSLHandshakeException("handshake")))
			.isEqualTo(DeliveryResult.CONNECT_FAILED);
		assertThat(DeliveryResult.networkErrorCode(new IllegalStateException(new CustomConnectTimeout()),
				CustomConnectTimeout.class))
			.as("a client's own connect failure")
			.isEqualTo(DeliveryResult.CONNECT_FAILED);
	}

	@Test
	void noAnswerAfterTheRequestIsATimeoutOrABrokenConnection() {
		assertThat(DeliveryResult.networkErrorCode(new HttpTimeoutException("request timed out")))
			.isEqualTo(DeliveryResult.TIMEOUT);
		assertThat(DeliveryResult.networkErrorCode(new RuntimeException(new SocketTimeoutException("Read timed out"))))
			.isEqualTo(DeliveryResult.TIMEOUT);
		assertThat(DeliveryResult.networkErrorCode(new UncheckedIOException(new EOFException())))
			.isEqualTo(DeliveryResult.CONNECTION);
		assertThat(DeliveryResult.networkErrorCode(new IllegalStateException("no I/O"))).isNull();
	}

	/** A client's connect timeout that the JDK does not know as one. */
	static class CustomConnectTimeout extends SocketTimeoutException {

		CustomConnectTimeout() {
			super("connect timed out");
		}

	}

}
