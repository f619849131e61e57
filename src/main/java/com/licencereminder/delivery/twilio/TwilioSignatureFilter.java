package com.licencereminder.delivery.twilio;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.twilio.security.RequestValidator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Lets a request to {@code /webhooks/twilio/**} through only with a valid
 * {@code X-Twilio-Signature}: {@link RequestValidator} over the URL Twilio was given (the
 * public base URL, the path and the query string as received) and, for a POST, the form
 * parameters of the body. Anything else gets 403.
 */
class TwilioSignatureFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Twilio-Signature";

	private static final Logger log = LoggerFactory.getLogger(TwilioSignatureFilter.class);

	private final TwilioAccount account;

	private final RequestValidator validator;

	TwilioSignatureFilter(TwilioAccount account) {
		this.account = account;
		this.validator = new RequestValidator(account.properties().authToken());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String signature = request.getHeader(HEADER);
		String url = account.publicUrl(request.getRequestURI().substring(request.getContextPath().length()))
				+ (request.getQueryString() == null ? "" : "?" + request.getQueryString());
		if (signature == null || !validator.validate(url, bodyParameters(request), signature)) {
			log.warn("Refused a {} to {}: {} X-Twilio-Signature", request.getMethod(), request.getRequestURI(),
					signature == null ? "no" : "invalid");
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The parameters Twilio signs: those of a POST's form body, not the ones of the query
	 * string.
	 */
	private static Map<String, String> bodyParameters(HttpServletRequest request) {
		Map<String, String> params = new HashMap<>();
		if (HttpMethod.GET.matches(request.getMethod())) {
			return params;
		}
		Set<String> inQuery = request.getQueryString() == null ? Set.of()
				: UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams().keySet();
		request.getParameterMap().forEach((name, values) -> {
			if (!inQuery.contains(name) && values.length > 0) {
				params.put(name, values[0]);
			}
		});
		return params;
	}

}
