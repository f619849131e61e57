package com.licencereminder.delivery.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * How {@link TwilioErrors} tells a request that never reached Twilio (certainly not sent)
 * from one that went out without an answer (ambiguous), as the SDK wraps what its HTTP
 * client throws.
 */
class TwilioErrorsTests {

	static DeliveryResult failure(Throwable cause) {
		return TwilioErrors.failure("a", new ApiConnectionException("IOException during API request to Twilio", cause));
	}

	@Test
	void failuresToConnectWereCertainlyNotSent() {
		assertThat(failure(new HttpHostConnectException("Connect to http://localhost:1 failed: Connection refused")))
			.extracting(DeliveryResult::outcome, DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.containsExactly(Outcome.TRANSIENT_FAILURE, DeliveryResult.CONNECT_FAILED, false);
		assertThat(
				failure(new ConnectTimeoutException("Connect to http://api.twilio.com:443 failed: Connect timed out")))
			.as("a connect timeout is a SocketTimeoutException, but nothing was written")
			.extracting(DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.containsExactly(DeliveryResult.CONNECT_FAILED, false);
		assertThat(failure(new UnknownHostException("api.twilio.com"))).extracting(DeliveryResult::errorCode)
			.isEqualTo(DeliveryResult.CONNECT_FAILED);
		assertThat(failure(new ConnectionRequestTimeoutException("Timeout waiting for connection from pool")))
			.extracting(DeliveryResult::errorCode)
			.isEqualTo(DeliveryResult.CONNECT_FAILED);
	}

	@Test
	void noAnswerToARequestThatWentOutIsAmbiguous() {
		assertThat(failure(new SocketTimeoutException("Read timed out")))
			.extracting(DeliveryResult::outcome, DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.containsExactly(Outcome.TRANSIENT_FAILURE, TwilioErrors.TIMEOUT, true);
		assertThat(failure(new SocketException("Connection reset")))
			.extracting(DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.containsExactly(TwilioErrors.CONNECTION, true);
		assertThat(failure(new IOException("Broken pipe"))).extracting(DeliveryResult::ambiguous).isEqualTo(true);
	}

	@Test
	void anAnswerIsNeverAmbiguous() {
		assertThat(TwilioErrors.failure("a", new ApiException("Service unavailable", 503)))
			.extracting(DeliveryResult::outcome, DeliveryResult::ambiguous)
			.containsExactly(Outcome.TRANSIENT_FAILURE, false);
	}

	@Test
	void aRefusedConnectionThroughTheSdkIsNotAmbiguous() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		TwilioRestClient client = new TwilioRestClient.Builder(TwilioStandIn.SID, TwilioStandIn.TOKEN)
			.httpClient(new TwilioHttpClient(URI.create("http://localhost:" + closed), Duration.ofSeconds(1),
					Duration.ofSeconds(1)))
			.build();

		TwilioException thrown = catchThrowableOfType(TwilioException.class,
				() -> Message.creator(new PhoneNumber("+8613812345678"), new PhoneNumber(TwilioStandIn.FROM), "text")
					.create(client));

		assertThat(TwilioErrors.failure("a", thrown))
			.extracting(DeliveryResult::outcome, DeliveryResult::errorCode, DeliveryResult::ambiguous)
			.containsExactly(Outcome.TRANSIENT_FAILURE, DeliveryResult.CONNECT_FAILED, false);
	}

}
