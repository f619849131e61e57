package com.licencereminder.licence.importing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceStatus;

/**
 * One accepted row, normalised: what the licence will say after the import.
 */
record LicenceRow(int row, String typeKey, String numberKey, String holderName, String uscc, String licenceType,
		String licenceNumber, String issuer, LocalDate validFrom, LocalDate validUntil, LicenceStatus status,
		String contact, List<String> mobiles, List<String> landlines, String wechatOpenId, String region) {

	String id() {
		return Licence.idFor(typeKey, numberKey);
	}

	/**
	 * A digest of every field except the row number: equal digests mean nothing changed.
	 */
	String fingerprint() {
		String canonical = String.join("\u001f", typeKey, numberKey, holderName, str(uscc), licenceType, licenceNumber,
				str(issuer), str(validFrom), str(validUntil), status.name(), str(contact), String.join(",", mobiles),
				String.join(",", landlines), str(wechatOpenId), str(region));
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String str(Object value) {
		return value == null ? "" : value.toString();
	}

}
