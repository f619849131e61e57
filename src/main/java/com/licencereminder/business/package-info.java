/**
 * The businesses' own door: the WeChat mini-program's backend ({@code /api/mp/**}). A
 * business signs in with its {@code wx.login} code ({@link BusinessSessions}: an opaque
 * bearer token, stored hashed), binds its WeChat to its licences by a WeChat-verified
 * phone number or an SMS code ({@link Bindings}, {@link Verifications}), sees and
 * acknowledges its licences, records the subscriptions it granted and the channels it
 * wants ({@link Consents}, which the reminder engine asks before each send). Bindings and
 * lockouts are published as events for the audit log; no phone number, code, openid or
 * session key reaches the application log.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Businesses")
package com.licencereminder.business;
