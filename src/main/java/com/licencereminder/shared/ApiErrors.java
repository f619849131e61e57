package com.licencereminder.shared;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Turns upload failures into problem details that say what to do.
 */
@RestControllerAdvice
class ApiErrors {

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ProblemDetail uploadTooLarge(MaxUploadSizeExceededException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The file is larger than the upload limit (licence-reminder.imports.max-file-size). Split the list into"
						+ " smaller files, or ask the administrator to raise the limit.");
		problem.setTitle("File too large");
		return problem;
	}

}
