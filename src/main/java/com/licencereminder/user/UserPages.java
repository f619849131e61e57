package com.licencereminder.user;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.function.Supplier;

import com.licencereminder.console.ConsolePage;
import com.licencereminder.shared.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' user page at {@code /users}: every account, a form to create one,
 * and disable, enable and reset actions (Post/Redirect/Get). A generated or reset
 * password is a flash attribute, so it is shown on the one page that follows and never
 * again. Refusals are shown on the page in the user's language; every change is published
 * as the API's changes are (and so audited).
 */
@Controller
@ConsolePage
class UserPages {

	private final Users users;

	private final UserAdministration administration;

	private final Clock clock;

	UserPages(Users users, UserAdministration administration, Clock clock) {
		this.users = users;
		this.administration = administration;
		this.clock = clock;
	}

	@GetMapping("/users")
	String users(Model model) {
		Instant now = clock.instant();
		model.addAttribute("users", users.list().stream().map(account -> UserView.of(account, now)).toList());
		model.addAttribute("roles", Role.values());
		model.addAttribute("time", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.getZone()));
		model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
		model.addAttribute("maxBytes", PasswordPolicy.MAX_BYTES);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new NewUserForm("", Set.of()));
		}
		return "user/users";
	}

	@PostMapping("/users")
	String create(@RequestParam(defaultValue = "") String username, @RequestParam(required = false) Set<Role> roles,
			@RequestParam(defaultValue = "") String password, Principal admin, RedirectAttributes redirect) {
		try {
			UserAdministration.WithPassword created = administration.create(username, roles, password, admin.getName());
			done(redirect, "user.page.done.created", created);
		}
		catch (UserAdministration.Refused refused) {
			redirect.addFlashAttribute("formError", refused.key());
			redirect.addFlashAttribute("form", new NewUserForm(username, roles == null ? Set.of() : roles));
		}
		return "redirect:/users";
	}

	@PostMapping("/users/{username}/disable")
	String disable(@PathVariable String username, Principal admin, RedirectAttributes redirect) {
		return act(redirect, "user.page.done.disabled", () -> administration.disable(username, admin.getName()));
	}

	@PostMapping("/users/{username}/enable")
	String enable(@PathVariable String username, Principal admin, RedirectAttributes redirect) {
		return act(redirect, "user.page.done.enabled", () -> administration.enable(username, admin.getName()));
	}

	@PostMapping("/users/{username}/reset-password")
	String resetPassword(@PathVariable String username, Principal admin, RedirectAttributes redirect) {
		try {
			done(redirect, "user.page.done.reset", administration.resetPassword(username, admin.getName()));
		}
		catch (UserAdministration.Refused refused) {
			redirect.addFlashAttribute("error", refused.key());
		}
		return "redirect:/users";
	}

	private String act(RedirectAttributes redirect, String doneKey, Supplier<UserAccount> action) {
		try {
			done(redirect, doneKey, new UserAdministration.WithPassword(action.get(), null));
		}
		catch (UserAdministration.Refused refused) {
			redirect.addFlashAttribute("error", refused.key());
		}
		return "redirect:/users";
	}

	private static void done(RedirectAttributes redirect, String key, UserAdministration.WithPassword result) {
		redirect.addFlashAttribute("done", new Done(key, result.account().username()));
		if (result.password() != null) {
			redirect.addFlashAttribute("oneTimePassword", result.password());
		}
	}

	/** What the new-user form showed, kept when it is refused (never the password). */
	record NewUserForm(String username, Set<Role> roles) {
	}

	/** A change that succeeded: the message key and the account it names. */
	record Done(String key, String username) {
	}

}
