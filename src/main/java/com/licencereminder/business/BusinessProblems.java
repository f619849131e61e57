package com.licencereminder.business;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers {@link BusinessProblem}s as problem details in the caller's language. */
@RestControllerAdvice(assignableTypes = MiniProgramController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class BusinessProblems {

	private final MessageSource messages;

	BusinessProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(BusinessProblem.class)
	ResponseEntity<ProblemDetail> refused(BusinessProblem problem, Locale locale) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(),
				messages.getMessage("business.problem." + problem.code(), null, locale));
		detail.setTitle(messages.getMessage("business.problem." + problem.code() + ".title", null, locale));
		detail.setProperty("code", problem.code());
		return ResponseEntity.status(problem.status()).body(detail);
	}

}
