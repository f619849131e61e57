package com.licencereminder.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The secret in the paths of the domestic providers' webhooks
 * ({@code licence-reminder.webhooks.token}): Aliyun and Tencent do not sign their pushes,
 * so the path is the only proof that a push comes from the provider the operator gave it
 * to. A provider that pushes {@link #require requires} it; {@link #admits} compares it in
 * constant time and, when {@code licence-reminder.webhooks.allowed-sources} lists
 * addresses or CIDR ranges (the provider's published push addresses), also requires the
 * request to come from one of them.
 */
@Component
public class WebhookToken {

	/** The shortest token accepted: 24 characters (e.g. 18 random bytes in Base64). */
	public static final int MIN_LENGTH = 24;

	private final byte[] token;

	private final List<IpAddressMatcher> sources;

	WebhookToken(@Value("${licence-reminder.webhooks.token:}") String token,
			@Value("${licence-reminder.webhooks.allowed-sources:}") List<String> sources) {
		this.token = token.strip().getBytes(StandardCharsets.UTF_8);
		this.sources = sources.stream()
			.map(String::strip)
			.filter(s -> !s.isEmpty())
			.map(IpAddressMatcher::new)
			.toList();
	}

	/**
	 * Fails start-up unless the token is set and at least {@value #MIN_LENGTH} characters
	 * long.
	 * @param provider the provider that needs it, for the message
	 */
	public void require(String provider) {
		if (token.length < MIN_LENGTH) {
			throw new IllegalStateException(provider + " pushes receipts and replies to /webhooks/" + provider
					+ "/{token}/...: set licence-reminder.webhooks.token (LICENCE_REMINDER_WEBHOOKS_TOKEN) to a random"
					+ " secret of at least " + MIN_LENGTH + " characters"
					+ (token.length == 0 ? "" : ", not a shorter one"));
		}
	}

	/**
	 * Whether a push may be heard: the path's token is the configured one (compared in
	 * constant time) and the sender's address is among the allowed sources, if any are
	 * set.
	 * @param candidate the token in the path
	 * @param address the address the push came from
	 */
	public boolean admits(String candidate, String address) {
		return token.length >= MIN_LENGTH && candidate != null
				&& MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8))
				&& (sources.isEmpty() || sources.stream().anyMatch(source -> source.matches(address)));
	}

}
