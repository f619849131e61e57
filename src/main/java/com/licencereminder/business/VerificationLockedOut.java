package com.licencereminder.business;

/**
 * A WeChat user used up the tries of an SMS verification code, or hit a limit on asking
 * for codes.
 *
 * @param by the user, as the audit log names it ({@code mini-program:} and the masked
 * openid)
 * @param reason {@code tries}, {@code phone-limit} or {@code openid-limit}
 */
public record VerificationLockedOut(String by, String reason) {
}
