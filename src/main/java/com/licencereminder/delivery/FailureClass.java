package com.licencereminder.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import com.licencereminder.delivery.DeliveryResult.Outcome;

/**
 * What the engine does about a domestic provider's error code (Aliyun {@code isv.*},
 * {@code isp.*}, voice status numbers; Tencent {@code FailedOperation.*},
 * {@code LimitExceeded.*}, ...): the one table for every provider whose codes are
 * strings, so that routing, the circuit breakers and the reminder engine read a code the
 * same way whichever provider sent it. Twilio's numeric codes keep their own rules
 * ({@code TwilioErrors}) and are {@link #UNKNOWN} here, but for its invalid-number codes
 * (21211, 21217, 21614), which are {@link #WRONG_RECIPIENT} as the domestic ones are.
 * <ul>
 * <li>{@link #RETRY} and {@link #UNKNOWN}: a transient failure, retried with
 * backoff.</li>
 * <li>{@link #RATE_LIMITED}: the provider's limit for this number or this account;
 * {@link DeliveryResult#deferred() deferred} without spending a retry, until
 * {@link #limitLifts} when the code says which limit it was.</li>
 * <li>{@link #WRONG_RECIPIENT}: the number cannot be reached this way; a permanent
 * failure, the engine tries the licence's next number for the channel, then the stage's
 * other channels.</li>
 * <li>{@link #OPTED_OUT}: the recipient refused texts; a permanent failure, and the
 * sender records the opt-out.</li>
 * <li>{@link #CONFIGURATION} (template or signature not approved, IP not allowed, no
 * permission) and {@link #ACCOUNT} (no balance, suspended): the provider's fault, not the
 * recipient's; {@link Deliveries} opens that provider's circuit and sends the same
 * reminder through the next provider.</li>
 * </ul>
 */
public enum FailureClass {

	RETRY(Outcome.TRANSIENT_FAILURE), RATE_LIMITED(Outcome.TRANSIENT_FAILURE),
	WRONG_RECIPIENT(Outcome.PERMANENT_FAILURE), OPTED_OUT(Outcome.PERMANENT_FAILURE),
	CONFIGURATION(Outcome.TRANSIENT_FAILURE), ACCOUNT(Outcome.TRANSIENT_FAILURE), UNKNOWN(Outcome.TRANSIENT_FAILURE);

	private static final Map<String, FailureClass> CODES = Map.ofEntries(Map.entry("isp.SYSTEM_ERROR", RETRY),
			Map.entry("isp.GATEWAY_ERROR", RETRY), Map.entry("Throttling.User", RETRY),
			Map.entry("ServiceUnavailable", RETRY), Map.entry("isv.BUSINESS_LIMIT_CONTROL", RATE_LIMITED),
			Map.entry("isv.DAY_LIMIT_CONTROL", RATE_LIMITED), Map.entry("200119", RATE_LIMITED),
			Map.entry("isv.MOBILE_NUMBER_ILLEGAL", WRONG_RECIPIENT), Map.entry("200004", WRONG_RECIPIENT),
			Map.entry("InvalidParameterValue.IncorrectPhoneNumber", WRONG_RECIPIENT),
			Map.entry("21211", WRONG_RECIPIENT), Map.entry("21217", WRONG_RECIPIENT),
			Map.entry("21614", WRONG_RECIPIENT), Map.entry("FailedOperation.PhoneNumberInBlacklist", OPTED_OUT),
			Map.entry("W-BLACK", OPTED_OUT), Map.entry("COMPLAINT_REJECT", OPTED_OUT),
			Map.entry("isv.DENY_IP_RANGE", CONFIGURATION), Map.entry("isp.RAM_PERMISSION_DENY", CONFIGURATION),
			Map.entry("isv.PRODUCT_UN_SUBSCRIPT", CONFIGURATION), Map.entry("isv.PRODUCT_UNSUBSCRIBE", CONFIGURATION),
			Map.entry("isv.ACCOUNT_NOT_EXISTS", CONFIGURATION), Map.entry("isv.INVALID_PARAMETERS", CONFIGURATION),
			Map.entry("isv.INVALID_JSON_PARAM", CONFIGURATION), Map.entry("isv.PARAM_LENGTH_LIMIT", CONFIGURATION),
			Map.entry("isv.PARAM_NOT_SUPPORT_URL", CONFIGURATION),
			Map.entry("isv.BLACK_KEY_CONTROL_LIMIT", CONFIGURATION),
			Map.entry("isv.DISPLAY_NUMBER_ILLEGAL", CONFIGURATION), Map.entry("SignatureDoesNotMatch", CONFIGURATION),
			Map.entry("IncompleteSignature", CONFIGURATION), Map.entry("isv.AMOUNT_NOT_ENOUGH", ACCOUNT),
			Map.entry("isv.OUT_OF_SERVICE", ACCOUNT), Map.entry("isv.ACCOUNT_ABNORMAL", ACCOUNT),
			Map.entry("RequestLimitExceeded", RETRY),
			Map.entry("FailedOperation.PhoneNumberParseFail", WRONG_RECIPIENT),
			Map.entry("UnsupportedOperation.UnsupportedRegion", WRONG_RECIPIENT),
			Map.entry("FailedOperation.MissingSignature", CONFIGURATION),
			Map.entry("FailedOperation.MissingTemplateList", CONFIGURATION),
			Map.entry("FailedOperation.ContainSensitiveWord", CONFIGURATION),
			Map.entry("InvalidParameterValue.SdkAppIdNotExist", CONFIGURATION),
			Map.entry("InvalidParameterValue.TemplateParameterFormatError", CONFIGURATION),
			Map.entry("InvalidParameterValue.TemplateParameterLengthLimit", CONFIGURATION),
			Map.entry("InvalidParameterValue.ProhibitedUseUrlInTemplateParameter", CONFIGURATION));

	private final Outcome outcome;

	FailureClass(Outcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * The class of an error code: from the table, else by the provider's naming
	 * ({@code InternalError.*} retry, {@code LimitExceeded.App*} (the application's
	 * quota, not the number's) account, other {@code LimitExceeded.*} rate-limited,
	 * {@code UnauthorizedOperation.*}, {@code InvalidAccessKeyId*}, {@code Forbidden*},
	 * {@code AuthFailure*} and any Aliyun code about a template or signature
	 * configuration, {@code FailedOperation.InsufficientBalance*} and arrears account),
	 * else {@link #UNKNOWN}; null is {@link #UNKNOWN}.
	 */
	public static FailureClass of(String code) {
		if (code == null) {
			return UNKNOWN;
		}
		FailureClass known = CODES.get(code);
		if (known != null) {
			return known;
		}
		if (code.startsWith("InternalError")) {
			return RETRY;
		}
		if (code.startsWith("LimitExceeded.App")) {
			return ACCOUNT;
		}
		if (code.startsWith("LimitExceeded")) {
			return RATE_LIMITED;
		}
		if (code.startsWith("FailedOperation.InsufficientBalance") || code.contains("Arrear")
				|| code.contains("ARREAR")) {
			return ACCOUNT;
		}
		if (code.startsWith("UnauthorizedOperation") || code.startsWith("InvalidAccessKeyId")
				|| code.startsWith("Forbidden") || code.startsWith("AuthFailure")
				|| code.startsWith("FailedOperation.Template") || code.startsWith("FailedOperation.Signature")
				|| (code.startsWith("isv.") && (code.contains("TEMPLATE") || code.contains("SIGN")))) {
			return CONFIGURATION;
		}
		return UNKNOWN;
	}

	/**
	 * When a provider's per-number limit, named by a {@link #RATE_LIMITED} code, lets a
	 * send through again: Aliyun {@code isv.BUSINESS_LIMIT_CONTROL} says in its message
	 * which of its minute, hour and day limits it was ("触发分钟级流控", "小时级", "天级");
	 * {@code isv.DAY_LIMIT_CONTROL} and Tencent's
	 * {@code LimitExceeded.PhoneNumber*DailyLimit} mean the next day in the service's
	 * zone, {@code LimitExceeded.PhoneNumberThirtySecondLimit} 30 seconds,
	 * {@code LimitExceeded.PhoneNumberOneHourLimit} an hour. Null for any other code: the
	 * engine then waits its own deferral time.
	 * @param code the provider's code
	 * @param message its message, or null
	 * @param now when the provider answered
	 * @param zone the service's zone
	 */
	public static Instant limitLifts(String code, String message, Instant now, ZoneId zone) {
		if (code == null || of(code) != RATE_LIMITED) {
			return null;
		}
		String said = message == null ? "" : message;
		Instant tomorrow = LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
		if (code.equals("isv.DAY_LIMIT_CONTROL")
				|| (code.startsWith("LimitExceeded.PhoneNumber") && code.endsWith("DailyLimit"))
				|| said.contains("天级")) {
			return tomorrow;
		}
		if (code.endsWith("OneHourLimit") || said.contains("小时级")) {
			return now.plus(Duration.ofHours(1));
		}
		if (code.endsWith("ThirtySecondLimit")) {
			return now.plus(Duration.ofSeconds(30));
		}
		if (said.contains("分钟级")) {
			return now.plus(Duration.ofMinutes(1));
		}
		return null;
	}

	/** The outcome a send failing with a code of this class has. */
	public Outcome outcome() {
		return outcome;
	}

	/**
	 * Whether the provider, not the recipient, is at fault: its circuit opens and the
	 * reminder goes to the next provider.
	 */
	public boolean failsOver() {
		return this == CONFIGURATION || this == ACCOUNT;
	}

}
