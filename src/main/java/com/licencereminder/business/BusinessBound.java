package com.licencereminder.business;

/**
 * A WeChat user of the mini-program was bound to a licence, or the binding was undone.
 *
 * @param by the user, as the audit log names it ({@code mini-program:} and the masked
 * openid)
 * @param licenceId the licence
 * @param method how the user proved the phone number on file: {@code PHONE} (WeChat
 * verified it) or {@code SMS_CODE}; {@code UNBOUND} when the binding was undone
 */
public record BusinessBound(String by, String licenceId, String method) {
}
