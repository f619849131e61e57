package com.licencereminder.shared;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * Sends a file that is written as it is read from the store (an export): the status is
 * decided by what happens before the first bytes leave (a bad request is refused by the
 * caller before it calls this; a failure while the response buffer still holds everything
 * becomes the usual error answer), and a failure after that aborts the response: the
 * failure propagates to the servlet container, which closes the connection of a committed
 * response whose request failed without ending its body, so the client sees a broken
 * transfer, never a complete-looking truncated file. The body is written through a stream
 * whose {@code close()} only flushes: closing the servlet's own stream would end the
 * response as complete, whatever happened next.
 */
public final class Downloads {

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private Downloads() {
	}

	/**
	 * The {@code Content-Disposition} of an export named
	 * {@code <name>_<export time>_<parameter>-<value>....<extension>}: evidence of what
	 * was exported and when. Each value keeps letters (any script), digits, '-' and '.',
	 * the rest becoming '_', and at most 40 characters.
	 * @param filter the filter's parameters that are set, in a fixed order
	 */
	public static String attachment(String name, Map<String, String> filter, Instant exportedAt, ZoneId zone,
			String extension) {
		StringBuilder file = new StringBuilder(name).append('_').append(FILE_TIME.format(exportedAt.atZone(zone)));
		filter.forEach((key, value) -> file.append('_').append(key).append('-').append(safe(value)));
		return ContentDisposition.attachment()
			.filename(file + "." + extension, StandardCharsets.UTF_8)
			.build()
			.toString();
	}

	/**
	 * Sends the body as an attachment.
	 * @param contentType the media type, with its charset for text
	 * @param disposition the {@code Content-Disposition} header
	 */
	public static void send(HttpServletResponse response, String contentType, String disposition, Body body)
			throws IOException {
		response.setContentType(contentType);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition);
		OutputStream servlet = response.getOutputStream();
		body.writeTo(new FilterOutputStream(servlet) {

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				this.out.write(bytes, offset, length);
			}

			@Override
			public void flush() {
				// the servlet's buffer decides; see the class comment
			}

			@Override
			public void close() {
				// closing would end the response as complete
			}

		});
		servlet.flush();
	}

	private static String safe(String value) {
		String cleaned = value.replaceAll("[^\\p{L}\\p{N}.-]", "_");
		return cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned;
	}

	/** Writes a file; closing or flushing the stream it is given does nothing. */
	@FunctionalInterface
	public interface Body {

		void writeTo(OutputStream out) throws IOException;

	}

}
