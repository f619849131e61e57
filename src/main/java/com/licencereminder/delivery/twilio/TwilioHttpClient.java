package com.licencereminder.delivery.twilio;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The SDK's HTTP client with four changes.
 * <ul>
 * <li>{@code https://*.twilio.com} is rewritten to
 * {@code licence-reminder.twilio.api-base-url}: the SDK has no base-URL setting.</li>
 * <li>Connect and read timeouts are ours: the SDK sets its own (30.5 s to connect) on
 * every request, so they are put back in front of the execution chain.</li>
 * <li>No retries: the SDK repeats a request that got a 5xx three times, which for a POST
 * can send a message twice; retrying is the reminder engine's job (with backoff, within
 * the stage).</li>
 * <li>An error answer that is not Twilio's JSON is turned into it, so it fails with its
 * HTTP status rather than as a parse error.</li>
 * </ul>
 */
class TwilioHttpClient extends NetworkHttpClient {

	private static final Pattern TWILIO = Pattern.compile("^https://([a-z0-9-]+\\.)*twilio\\.com(?=[/:?]|$)");

	private final String baseUrl;

	TwilioHttpClient(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
		super(builder(connectTimeout, readTimeout));
		String base = baseUrl.toString();
		this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	private static HttpClientBuilder builder(Duration connectTimeout, Duration readTimeout) {
		RequestConfig requests = RequestConfig.custom()
			.setConnectionRequestTimeout(Timeout.of(connectTimeout))
			.setResponseTimeout(Timeout.of(readTimeout))
			.build();
		return HttpClientBuilder.create()
			.useSystemProperties()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(connectTimeout))
					.setSocketTimeout(Timeout.of(readTimeout))
					.build())
				.setMaxConnPerRoute(50)
				.setMaxConnTotal(100)
				.build())
			.setDefaultRequestConfig(requests)
			.disableAutomaticRetries()
			.addExecInterceptorFirst("licence-reminder-timeouts", (request, scope, chain) -> {
				scope.clientContext.setRequestConfig(requests);
				return chain.proceed(request, scope);
			});
	}

	@Override
	public Response reliableRequest(Request request) {
		return makeRequest(request);
	}

	@Override
	public Response makeRequest(Request request) {
		String url = TWILIO.matcher(request.getUrl()).replaceFirst(baseUrl);
		Response response = super.makeRequest(url.equals(request.getUrl()) ? request : copy(request, url));
		if (response.getStatusCode() < 400) {
			return response;
		}
		// an error without Twilio's JSON (a proxy's or load balancer's page) still
		// reports its HTTP status
		String content = response.getContent();
		return new Response(
				content != null && content.strip().startsWith("{") ? content : "{\"status\":" + response.getStatusCode()
						+ ",\"message\":\"HTTP " + response.getStatusCode() + "\"}",
				response.getStatusCode(), response.getHeaders());
	}

	/**
	 * The request with another URL (and without region or edge, which would rewrite the
	 * host again).
	 */
	private static Request copy(Request request, String url) {
		Request copy = new Request(request.getMethod(), url);
		if (request.getUsername() != null) {
			copy.setAuth(request.getUsername(), request.getPassword());
		}
		else if (request.getAuthStrategy() != null) {
			copy.setAuth(request.getAuthStrategy());
		}
		each(request.getQueryParams(), copy::addQueryParam);
		each(request.getPostParams(), copy::addPostParam);
		each(request.getHeaderParams(), copy::addHeaderParam);
		copy.setContentType(request.getContentType());
		copy.setBody(request.getBody());
		copy.setFormParameters(request.getFormParameters());
		copy.setUserAgentExtensions(request.getUserAgentExtensions());
		return copy;
	}

	private static void each(Map<String, List<String>> params, BiConsumer<String, String> add) {
		params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
	}

}
