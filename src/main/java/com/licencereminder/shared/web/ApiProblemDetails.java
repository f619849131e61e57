package com.licencereminder.shared.web;

import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details (RFC 9457) for the errors Spring MVC raises in the API's controllers
 * (bad parameters, unsupported methods, {@code ResponseStatusException}s). Limited to
 * REST controllers so that a browser asking for a console page that fails, or for a page
 * that does not exist, gets the friendly error page ({@code templates/error.html})
 * instead of JSON. It replaces Boot's global {@code spring.mvc.problemdetails.enabled}.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblemDetails extends ResponseEntityExceptionHandler {

}
