package com.licencereminder.business;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.Licences;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The mini-program's backend (docs/mini-program-api.md). Every route but
 * {@code POST /session} needs a business session ({@link BusinessSecurity}); a business
 * sees and acts on the licences bound to it only, any other id answers 404.
 */
@RestController
@RequestMapping("/api/mp")
@Tag(name = MiniProgramController.TAG,
		description = "The mini-program's backend: businesses sign in with WeChat,"
				+ " bind their licences, acknowledge reminders and choose how they are reminded. Bearer token from"
				+ " POST /api/mp/session; never HTTP Basic.")
@SecurityRequirement(name = MiniProgramController.BEARER)
class MiniProgramController {

	static final String TAG = "mini-program";

	static final String BEARER = "business-session";

	private final BusinessSessions sessions;

	private final Bindings bindings;

	private final Verifications verifications;

	private final Consents consents;

	private final SubscriptionProperties subscriptions;

	private final Licences licences;

	private final BusinessLicences businessLicences;

	private final BusinessProperties properties;

	MiniProgramController(BusinessSessions sessions, Bindings bindings, Verifications verifications, Consents consents,
			SubscriptionProperties subscriptions, Licences licences, BusinessLicences businessLicences,
			BusinessProperties properties) {
		this.sessions = sessions;
		this.bindings = bindings;
		this.verifications = verifications;
		this.consents = consents;
		this.subscriptions = subscriptions;
		this.licences = licences;
		this.businessLicences = businessLicences;
		this.properties = properties;
	}

	@PostMapping("/session")
	@Operation(summary = "Sign in with the code of wx.login", security = {})
	BusinessSessions.Issued session(@Valid @RequestBody SessionRequest request) {
		return sessions.open(request.code());
	}

	@PostMapping("/bindings/phone")
	@Operation(summary = "Bind every licence whose contact numbers include the WeChat-verified phone number")
	List<BindingView> bindByPhone(@AuthenticationPrincipal String openId, @Valid @RequestBody PhoneRequest request) {
		String number = BusinessSessions.wechat(() -> sessions.account().phoneNumber(request.phoneCode()));
		String phone = Phones.mobile(number)
			.orElseThrow(() -> new BusinessProblem(HttpStatus.UNPROCESSABLE_CONTENT, "phone-not-mobile"));
		List<String> ids = licences.withMobile(phone, properties.maxLicencesPerBinding())
			.stream()
			.map(Licence::id)
			.toList();
		return views(bindings.bind(openId, ids, "PHONE"));
	}

	@PostMapping("/bindings/verification")
	@Operation(summary = "Text a binding code to a phone number if it is on file for the licence;"
			+ " the answer is the same either way")
	ResponseEntity<Map<String, Instant>> verification(@AuthenticationPrincipal String openId,
			@Valid @RequestBody VerificationRequest request, Locale locale, HttpServletRequest http) {
		String licence = request.licenceNumber() != null ? request.licenceNumber() : request.uscc();
		if (licence == null || licence.isBlank()) {
			throw new BusinessProblem(HttpStatus.BAD_REQUEST, "licence-required");
		}
		Instant expiresAt = verifications.request(openId, licence, request.phone(), http.getRemoteAddr(), locale);
		return ResponseEntity.accepted().body(Map.of("expiresAt", expiresAt));
	}

	@PostMapping("/bindings")
	@Operation(summary = "Complete a binding with the code received by SMS")
	List<BindingView> bindByCode(@AuthenticationPrincipal String openId, @Valid @RequestBody CodeRequest request,
			HttpServletRequest http) {
		return views(verifications.complete(openId, request.code(), http.getRemoteAddr()));
	}

	@GetMapping("/bindings")
	@Operation(summary = "The caller's bindings")
	List<BindingView> bindings(@AuthenticationPrincipal String openId) {
		return views(bindings.of(openId));
	}

	@DeleteMapping("/bindings/{id}")
	@Operation(summary = "Undo one of the caller's bindings")
	ResponseEntity<Void> unbind(@AuthenticationPrincipal String openId, @PathVariable String id) {
		if (!bindings.unbind(openId, id)) {
			throw BusinessProblem.notFound();
		}
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/licences")
	@Operation(summary = "The caller's licences with their reminders")
	List<BusinessLicences.LicenceView> licences(@AuthenticationPrincipal String openId) {
		return businessLicences.of(openId);
	}

	@PostMapping("/licences/{id}/acknowledge")
	@Operation(summary = "Tell the regulator the licence is being renewed, was renewed or the business closed:"
			+ " the cycle's remaining reminders stop")
	ResponseEntity<Map<String, String>> acknowledge(@AuthenticationPrincipal String openId, @PathVariable String id,
			@Valid @RequestBody AcknowledgeRequest request) {
		businessLicences.acknowledge(openId, id, request.reason(), request.note());
		return ResponseEntity.ok(Map.of("licenceId", id, "reason", request.reason().name()));
	}

	@PostMapping("/subscriptions")
	@Operation(summary = "Record what wx.requestSubscribeMessage answered")
	List<Consents.Subscribed> subscribe(@AuthenticationPrincipal String openId,
			@Valid @RequestBody SubscriptionRequest request) {
		Map<String, Consents.Result> results = new LinkedHashMap<>();
		request.results().forEach((templateId, result) -> {
			if (!subscriptions.knows(templateId)) {
				throw new BusinessProblem(HttpStatus.BAD_REQUEST, "template-unknown");
			}
			results.put(templateId, result(result));
		});
		return consents.record(openId, results);
	}

	@GetMapping("/preferences")
	@Operation(summary = "The caller's channel choices")
	Consents.Preferences preferences(@AuthenticationPrincipal String openId) {
		return consents.preferences(openId);
	}

	@PutMapping("/preferences")
	@Operation(summary = "Withdraw or restore consent per channel (null leaves a channel as it is)")
	Consents.Preferences choose(@AuthenticationPrincipal String openId, @RequestBody PreferencesRequest request) {
		if (request == null) {
			throw new BusinessProblem(HttpStatus.BAD_REQUEST, "preferences-required");
		}
		return consents.choose(openId, request.sms(), request.voice(), request.miniProgram());
	}

	private List<BindingView> views(List<Bindings.Binding> found) {
		Map<String, Licence> byId = licences.byId(found.stream().map(Bindings.Binding::licenceId).toList());
		return found.stream().filter(binding -> byId.containsKey(binding.licenceId())).map(binding -> {
			Licence licence = byId.get(binding.licenceId());
			return new BindingView(binding.id(), licence.id(), licence.holderName(), licence.licenceType(),
					licence.licenceNumber(), binding.method(), binding.boundAt());
		}).toList();
	}

	private static Consents.Result result(String text) {
		for (Consents.Result result : Consents.Result.values()) {
			if (result.name().equalsIgnoreCase(text)) {
				return result;
			}
		}
		throw new BusinessProblem(HttpStatus.BAD_REQUEST, "subscription-result-invalid");
	}

	record SessionRequest(@NotBlank @Size(max = 128) String code) {
	}

	record PhoneRequest(@NotBlank @Size(max = 128) String phoneCode) {
	}

	record VerificationRequest(@Size(max = 64) String licenceNumber, @Size(max = 18) String uscc,
			@NotBlank @Size(max = 32) String phone) {
	}

	record CodeRequest(@NotBlank @Pattern(regexp = "\\d{6}") String code) {
	}

	record AcknowledgeRequest(@NotNull BusinessLicences.Reason reason, @Size(max = 200) String note) {
	}

	record SubscriptionRequest(
			@NotEmpty @Size(max = 20) Map<@NotBlank @Size(max = 64) String, @NotNull String> results) {
	}

	record PreferencesRequest(Boolean sms, Boolean voice, Boolean miniProgram) {
	}

	/**
	 * One binding.
	 *
	 * @param id the binding (for {@code DELETE /api/mp/bindings/{id}})
	 * @param licenceId the licence
	 * @param holderName its holder
	 * @param licenceType its type
	 * @param licenceNumber its number
	 * @param method {@code PHONE} or {@code SMS_CODE}
	 * @param boundAt when
	 */
	record BindingView(String id, String licenceId, String holderName, String licenceType, String licenceNumber,
			String method, Instant boundAt) {
	}

}
