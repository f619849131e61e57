package com.licencereminder.user;

import com.licencereminder.console.ConsolePage;
import com.licencereminder.shared.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Each user's own password at {@code /account/password}, also for a user who must change
 * the password an administrator set (they hold only {@link Role#PASSWORD_CHANGE_REQUIRED}
 * and see no navigation). A change is the API's change ({@code POST /api/me/password});
 * it then ends the session, whose authorities are stale, and sends the user to
 * {@code /login?changed}.
 */
@Controller
@ConsolePage
class PasswordPage {

	private final UserAdministration administration;

	PasswordPage(UserAdministration administration) {
		this.administration = administration;
	}

	@GetMapping("/account/password")
	String form(Authentication user, Model model) {
		model.addAttribute("forced", mustChange(user));
		model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
		model.addAttribute("maxBytes", PasswordPolicy.MAX_BYTES);
		return "user/password";
	}

	@PostMapping("/account/password")
	String change(@RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String repeatPassword,
			Authentication user, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		if (!newPassword.equals(repeatPassword)) {
			redirect.addFlashAttribute("error", "user.password-page.mismatch");
			return "redirect:/account/password";
		}
		try {
			administration.changeOwnPassword(user.getName(), currentPassword, newPassword);
		}
		catch (UserAdministration.Refused refused) {
			redirect.addFlashAttribute("error", refused.key());
			return "redirect:/account/password";
		}
		new SecurityContextLogoutHandler().logout(request, response, user);
		// a fresh session replaces the old cookie, so the login page is not taken for an
		// expired session
		request.getSession(true);
		return "redirect:/login?changed";
	}

	private static boolean mustChange(Authentication user) {
		return user.getAuthorities().stream().anyMatch(a -> Role.PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()));
	}

}
