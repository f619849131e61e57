package com.licencereminder.console;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page. After a failed login it says why in the user's language: a wrong name
 * or password, an account locked after repeated failures, or a disabled account.
 */
@Controller
@ConsolePage
class LoginPage {

	@GetMapping("/login")
	String login(@RequestParam(required = false) String error, HttpSession session, Model model) {
		if (error != null && session
			.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException exception) {
			model.addAttribute("failure", failureKey(exception));
		}
		else if (error != null) {
			model.addAttribute("failure", "console.login.bad-credentials");
		}
		return "console/login";
	}

	static String failureKey(AuthenticationException exception) {
		if (exception instanceof LockedException) {
			return "console.login.locked";
		}
		if (exception instanceof DisabledException) {
			return "console.login.disabled";
		}
		return "console.login.bad-credentials";
	}

}
