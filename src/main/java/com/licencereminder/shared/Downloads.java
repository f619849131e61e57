package com.licencereminder.shared;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import jakarta.servlet.http.HttpServletResponse;
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

	private Downloads() {
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

	/** Writes a file; closing or flushing the stream it is given does nothing. */
	@FunctionalInterface
	public interface Body {

		void writeTo(OutputStream out) throws IOException;

	}

}
