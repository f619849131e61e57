package com.licencereminder.delivery.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The service configured for Twilio, with WireMock on localhost standing in for the
 * Twilio API. Every subclass shares one application context (the configuration is
 * declared here only) and one WireMock server, reset before each test. The tests provoke
 * many failures on purpose, so the circuit breakers (tested on their own) need far more
 * calls before they open. {@link #signed} builds webhook requests signed the way Twilio
 * signs them: Base64 of the HMAC-SHA1, keyed with the auth token, of the public URL
 * followed by each form parameter's name and value, sorted by name.
 */
@SpringBootTest(properties = { "licence-reminder.twilio.account-sid=" + TwilioStandIn.SID,
		"licence-reminder.twilio.auth-token=" + TwilioStandIn.TOKEN,
		"licence-reminder.twilio.from-number=" + TwilioStandIn.FROM, "licence-reminder.twilio.connect-timeout=1s",
		"licence-reminder.twilio.read-timeout=1s", "licence-reminder.twilio.validity-period=3600",
		"licence-reminder.public-base-url=" + TwilioStandIn.PUBLIC_BASE_URL, "licence-reminder.dispatch.enabled=false",
		"licence-reminder.send-windows.enabled=false", "licence-reminder.delivery.resilience.sliding-window=1000",
		"licence-reminder.delivery.resilience.minimum-calls=1000" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
public abstract class TwilioStandIn {

	public static final String SID = "AC00000000000000000000000000000001";

	public static final String TOKEN = "test-auth-token";

	public static final String FROM = "+15005550006";

	/**
	 * Where Twilio would reach the service; never called: it only goes into callbacks and
	 * signatures.
	 */
	public static final String PUBLIC_BASE_URL = "https://reminders.example.test";

	public static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

	public static final String CALLS = "/2010-04-01/Accounts/" + SID + "/Calls.json";

	protected static final WireMockServer twilio = new WireMockServer(options().dynamicPort().bindAddress("localhost"));

	static {
		twilio.start();
	}

	@DynamicPropertySource
	static void twilioApi(DynamicPropertyRegistry properties) {
		properties.add("licence-reminder.twilio.api-base-url", () -> "http://localhost:" + twilio.port());
	}

	@BeforeEach
	void resetTwilio() {
		twilio.resetAll();
	}

	/** A created message or call as Twilio answers it. */
	public static void accepts(String path, String sid) {
		twilio.stubFor(post(urlPathEqualTo(path))
			.willReturn(json(201, "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + SID + "\",\"status\":\"queued\"}")));
	}

	/** A Twilio error answer. */
	public static void refuses(String path, int httpStatus, int code) {
		twilio.stubFor(post(urlPathEqualTo(path)).willReturn(json(httpStatus, "{\"code\":" + code
				+ ",\"message\":\"The 'To' number +8613812345678 is not valid.\",\"more_info\":\"https://www.twilio.com/docs/errors/"
				+ code + "\",\"status\":" + httpStatus + "}")));
	}

	/**
	 * A page of Twilio's list of messages ({@code GET Messages.json}), the only page,
	 * with these messages.
	 */
	public static String messageList(String... messages) {
		return list("Messages", "messages", messages);
	}

	/**
	 * A page of Twilio's list of calls ({@code GET Calls.json}), the only page, with
	 * these calls.
	 */
	public static String callList(String... calls) {
		return list("Calls", "calls", calls);
	}

	/** A sent text as Twilio lists it. */
	public static String listedMessage(String sid, String to, String from, String body, Instant created) {
		return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + SID + "\",\"to\":\"" + to + "\",\"from\":\"" + from
				+ "\",\"messaging_service_sid\":null,\"body\":\"" + body
				+ "\",\"status\":\"sent\",\"direction\":\"outbound-api\""
				+ ",\"num_segments\":\"1\",\"date_created\":\"" + rfc2822(created) + "\",\"date_updated\":\""
				+ rfc2822(created) + "\",\"date_sent\":\"" + rfc2822(created)
				+ "\",\"api_version\":\"2010-04-01\",\"uri\":\"/2010-04-01/Accounts/" + SID + "/Messages/" + sid
				+ ".json\"}";
	}

	/** A placed call as Twilio lists it. */
	public static String listedCall(String sid, String to, String from, Instant created) {
		return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + SID + "\",\"to\":\"" + to + "\",\"from\":\"" + from
				+ "\",\"status\":\"completed\",\"direction\":\"outbound-api\",\"date_created\":\"" + rfc2822(created)
				+ "\",\"date_updated\":\"" + rfc2822(created) + "\",\"start_time\":\"" + rfc2822(created)
				+ "\",\"api_version\":\"2010-04-01\",\"uri\":\"/2010-04-01/Accounts/" + SID + "/Calls/" + sid
				+ ".json\"}";
	}

	private static String list(String resource, String key, String... records) {
		String uri = "/2010-04-01/Accounts/" + SID + "/" + resource + ".json?PageSize=50&Page=0";
		return "{\"" + key + "\":[" + String.join(",", records) + "],\"end\":" + Math.max(records.length - 1, 0)
				+ ",\"first_page_uri\":\"" + uri + "\",\"next_page_uri\":null,\"page\":0,\"page_size\":50,"
				+ "\"previous_page_uri\":null,\"start\":0,\"uri\":\"" + uri + "\"}";
	}

	/** A time as Twilio writes it: {@code Thu, 05 Mar 2026 01:00:00 +0000}. */
	private static String rfc2822(Instant at) {
		return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).format(at.atZone(ZoneOffset.UTC));
	}

	public static void stub(MappingBuilder mapping) {
		twilio.stubFor(mapping);
	}

	public static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	/** A POST of form parameters to a webhook path, signed for the public URL. */
	public static MockHttpServletRequestBuilder signed(String path, Map<String, String> params) {
		return unsigned(path, params).header("X-Twilio-Signature", signature(PUBLIC_BASE_URL + path, params, TOKEN));
	}

	/** A POST of form parameters to a webhook path without a signature. */
	public static MockHttpServletRequestBuilder unsigned(String path, Map<String, String> params) {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(path)
			.contentType("application/x-www-form-urlencoded");
		params.forEach(request::param);
		return request;
	}

	/**
	 * Twilio's signature, computed here rather than with the SDK, so the test checks the
	 * SDK's validator.
	 */
	public static String signature(String url, Map<String, String> params, String token) {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
