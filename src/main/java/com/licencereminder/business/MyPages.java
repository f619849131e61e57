package com.licencereminder.business;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.licencereminder.shared.Masking;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The self-service pages for any phone ({@code /my}), for businesses without the
 * mini-program. A business signs in with its licence number or USCC, a phone number on
 * file for that licence and the SMS code {@link Verifications} texts to it: the same
 * rules, limits and identical answers as the API's binding by SMS code. The proven phone
 * number becomes the session's subject ({@link #subject}: {@value #SUBJECT_PREFIX} and a
 * hash of the number, never the number), and the verification binds the licence to that
 * subject as it binds a WeChat user: a business sees the licences it proved that phone
 * number for, now or at an earlier sign-in, acknowledges them ({@link BusinessLicences})
 * and switches its channels ({@link Consents}) as a mini-program user does. The session
 * is a {@link BusinessSessions page session} in the cookie
 * {@value BusinessSecurity#PAGE_COOKIE} (path {@code /my}, HTTP only, SameSite Lax);
 * {@link BusinessSecurity} guards the pages.
 */
@Controller
@RequestMapping(MyPages.PATH)
class MyPages {

	static final String PATH = "/my";

	static final String SIGN_IN = PATH + "/sign-in";

	static final String SUBJECT_PREFIX = "my:";

	private static final int MAX_LICENCE = 64;

	private static final int MAX_NOTE = 200;

	private final Verifications verifications;

	private final BusinessSessions sessions;

	private final BusinessLicences licences;

	private final Consents consents;

	private final BusinessProperties properties;

	private final Clock clock;

	MyPages(Verifications verifications, BusinessSessions sessions, BusinessLicences licences, Consents consents,
			BusinessProperties properties, Clock clock) {
		this.verifications = verifications;
		this.sessions = sessions;
		this.licences = licences;
		this.consents = consents;
		this.properties = properties;
		this.clock = clock;
	}

	/** Whom a page session acts for: the proven phone number (E.164), hashed. */
	static String subject(String phone) {
		return SUBJECT_PREFIX + Secrets.hash("my-phone", phone);
	}

	@ModelAttribute("lang")
	String lang(Locale locale) {
		return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? "en" : "zh-CN";
	}

	@GetMapping("/sign-in")
	String signIn() {
		return "my/sign-in";
	}

	@PostMapping("/sign-in/code")
	String requestCode(@RequestParam(defaultValue = "") String licence, @RequestParam(defaultValue = "") String phone,
			Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
		model.addAttribute("licence", licence.length() > MAX_LICENCE ? "" : licence);
		model.addAttribute("phone", phone.length() > 32 ? "" : phone);
		try {
			if (licence.isBlank() || licence.length() > MAX_LICENCE) {
				throw new BusinessProblem(HttpStatus.BAD_REQUEST, "licence-required");
			}
			String mobile = Phones.mobile(phone)
				.orElseThrow(() -> new BusinessProblem(HttpStatus.BAD_REQUEST, "phone-invalid"));
			verifications.request(subject(mobile), licence.strip(), mobile, request.getRemoteAddr(), locale);
			model.addAttribute("masked", Masking.phone(mobile));
			model.addAttribute("minutes", properties.codeTtl().toMinutes());
			return "my/code";
		}
		catch (BusinessProblem problem) {
			return refused(problem, "my/sign-in", model, response);
		}
	}

	@PostMapping("/sign-in")
	String signInWithCode(@RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String code,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		Optional<String> mobile = Phones.mobile(phone);
		model.addAttribute("phone", mobile.orElse(""));
		model.addAttribute("masked", mobile.map(Masking::phone).orElse(""));
		model.addAttribute("minutes", properties.codeTtl().toMinutes());
		try {
			if (mobile.isEmpty() || !code.matches("\\d{6}")) {
				throw new BusinessProblem(HttpStatus.BAD_REQUEST, "code-invalid");
			}
			String subject = subject(mobile.get());
			verifications.complete(subject, code, request.getRemoteAddr());
			BusinessSessions.Issued issued = sessions.openPage(subject);
			response.addHeader(HttpHeaders.SET_COOKIE,
					cookie(request, issued.token(), properties.pageSessionTtl()).toString());
			return "redirect:" + PATH;
		}
		catch (BusinessProblem problem) {
			return refused(problem, "my/code", model, response);
		}
	}

	@GetMapping
	String home(@AuthenticationPrincipal String subject, Model model) {
		model.addAttribute("licences", licences.of(subject));
		model.addAttribute("channels", consents.preferences(subject));
		model.addAttribute("reasons", BusinessLicences.Reason.values());
		model.addAttribute("zone", clock.getZone());
		return "my/home";
	}

	@PostMapping("/licences/{id}/acknowledge")
	String acknowledge(@AuthenticationPrincipal String subject, @PathVariable String id,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String note) {
		BusinessLicences.Reason chosen;
		try {
			chosen = BusinessLicences.Reason.valueOf(reason);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "reason must be RENEWING, RENEWED or CLOSED");
		}
		if (note.length() > MAX_NOTE) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "note longer than " + MAX_NOTE);
		}
		try {
			licences.acknowledge(subject, id, chosen, note);
		}
		catch (BusinessProblem problem) {
			throw new ResponseStatusException(problem.status());
		}
		return "redirect:" + PATH + "?done=acknowledged";
	}

	@PostMapping("/channels")
	String channels(@AuthenticationPrincipal String subject, @RequestParam(defaultValue = "false") boolean sms,
			@RequestParam(defaultValue = "false") boolean voice,
			@RequestParam(defaultValue = "false") boolean miniProgram) {
		consents.choose(subject, sms, voice, miniProgram);
		return "redirect:" + PATH + "?done=channels";
	}

	@PostMapping("/sign-out")
	String signOut(@CookieValue(BusinessSecurity.PAGE_COOKIE) String token, HttpServletRequest request,
			HttpServletResponse response) {
		sessions.closePage(token);
		response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
		return "redirect:" + SIGN_IN + "?signed-out";
	}

	private static String refused(BusinessProblem problem, String view, Model model, HttpServletResponse response) {
		model.addAttribute("problem", "business.problem." + problem.code());
		response.setStatus(problem.status().value());
		return view;
	}

	private static ResponseCookie cookie(HttpServletRequest request, String token, Duration maxAge) {
		return ResponseCookie.from(BusinessSecurity.PAGE_COOKIE, token)
			.path(request.getContextPath() + PATH)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.maxAge(maxAge)
			.build();
	}

}
