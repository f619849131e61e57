package com.licencereminder.business;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random tokens and codes, and the one-way hashes the store keeps instead of them.
 */
final class Secrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	/** 32 random bytes, URL-safe Base64 without padding (43 characters). */
	static String token() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Six random digits. */
	static String code() {
		return String.format("%06d", RANDOM.nextInt(1_000_000));
	}

	/** SHA-256 of the parts joined by newlines, in hex. */
	static String hash(String... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/** Whether two hashes are equal, in time independent of where they differ. */
	static boolean same(String hash, String other) {
		return hash != null && other != null && MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
				other.getBytes(StandardCharsets.US_ASCII));
	}

}
