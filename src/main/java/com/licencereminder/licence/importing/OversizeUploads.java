package com.licencereminder.licence.importing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Lets the upload page answer a file over the upload limit itself. The container refuses
 * to parse such a request, and the CSRF check, which reads the form's parameters, would
 * then fail with the container's bare 413 page. So an upload to {@code POST /imports}
 * whose declared length is over the limit
 * ({@code licence-reminder.imports.max-file-size}, which is also the request limit) is
 * passed on, before the security filters, as a {@code GET /imports} that never reads the
 * body and carries the attribute {@link #TOO_LARGE}: the upload page then shows the
 * reason with status 413. Nothing is changed by it, so skipping the CSRF check is safe;
 * login and roles are still checked.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10)
class OversizeUploads extends OncePerRequestFilter {

	/** The request attribute marking an upload over the limit. */
	static final String TOO_LARGE = "com.licencereminder.licence.importing.OversizeUploads.TOO_LARGE";

	private final ImportProperties properties;

	OversizeUploads(ImportProperties properties) {
		this.properties = properties;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !"POST".equals(request.getMethod()) || !"/imports".equals(path)
				|| request.getContentLengthLong() <= properties.maxFileSize().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		request.setAttribute(TOO_LARGE, Boolean.TRUE);
		chain.doFilter(new PageRequest(request), response);
	}

	/**
	 * The upload seen as a request for the upload page: GET, parameters from the query
	 * string only.
	 */
	private static final class PageRequest extends HttpServletRequestWrapper {

		private final Map<String, String[]> parameters = new LinkedHashMap<>();

		PageRequest(HttpServletRequest request) {
			super(request);
			UriComponentsBuilder.newInstance()
				.query(request.getQueryString())
				.build(true)
				.getQueryParams()
				.forEach((name, values) -> parameters.put(decode(name),
						values.stream().map(PageRequest::decode).toArray(String[]::new)));
		}

		private static String decode(String text) {
			return text == null ? "" : UriUtils.decode(text, StandardCharsets.UTF_8);
		}

		@Override
		public String getMethod() {
			return "GET";
		}

		@Override
		public String getContentType() {
			return null;
		}

		@Override
		public String getParameter(String name) {
			String[] values = parameters.get(name);
			return values == null || values.length == 0 ? null : values[0];
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return Collections.unmodifiableMap(parameters);
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(List.copyOf(parameters.keySet()));
		}

		@Override
		public String[] getParameterValues(String name) {
			return parameters.get(name);
		}

	}

}
