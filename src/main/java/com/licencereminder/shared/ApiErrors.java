package com.licencereminder.shared;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Turns upload failures into problem details that say what to do, in the caller's
 * language. Ordered before Boot's generic problem-details handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

	private final MessageSource messages;

	ApiErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ProblemDetail uploadTooLarge(MaxUploadSizeExceededException ex, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				messages.getMessage("upload.too-large", null, locale));
		problem.setTitle(messages.getMessage("upload.too-large.title", null, locale));
		return problem;
	}

}
