package com.licencereminder.licence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A licence as the regulator's lists state it. Identified by its normalised licence type
 * and number: {@link #id()} is derived from them ({@link #idFor}), so the same licence
 * always has the same id, whatever list it came from.
 * <p>
 * {@code validUntil} is {@code null} for licences without expiry (长期). {@code cycle}
 * counts the validity cycles: it starts at 1 and grows whenever an import changes
 * {@code validUntil}. Phone numbers are E.164 ({@code +8613812345678}); mobiles can
 * receive texts and calls, landlines only calls. The document also keeps the renewals the
 * imports recorded ({@link Renewal}, field {@code renewals}), which this record leaves
 * out.
 *
 * @param id derived from {@code typeKey} and {@code numberKey}
 * @param typeKey the normalised licence type (no spaces, half-width, upper case)
 * @param numberKey the normalised licence number
 * @param holderName the holder (企业名称)
 * @param uscc the unified social credit code, checked against GB 32100, or {@code null}
 * @param licenceType the licence type as written in the list
 * @param licenceNumber the licence number as written in the list
 * @param issuer the issuing authority, or {@code null}
 * @param validFrom start of validity, or {@code null}
 * @param validUntil end of validity (last valid day), or {@code null} when it does not
 * expire
 * @param status the status the list states
 * @param contact the contact person, or {@code null}
 * @param mobiles mobile numbers (E.164)
 * @param landlines landline numbers (E.164)
 * @param wechatOpenId the mini-program openid, or {@code null}
 * @param region the region or supervising unit, or {@code null}
 * @param cycle the validity cycle number, from 1
 * @param fingerprint a digest of the fields above, to tell unchanged rows on re-import
 * @param source the import and row the current data came from
 * @param createdAt when the licence was first imported
 * @param updatedAt when an import last changed it
 */
@Document("licences")
public record Licence(@Id String id, String typeKey, String numberKey, String holderName, String uscc,
		String licenceType, String licenceNumber, String issuer, LocalDate validFrom, LocalDate validUntil,
		LicenceStatus status, String contact, List<String> mobiles, List<String> landlines, String wechatOpenId,
		String region, int cycle, String fingerprint, Source source, Instant createdAt, Instant updatedAt) {

	/**
	 * The id of the licence with the given normalised type and number: a name-based UUID,
	 * stable across imports and instances.
	 */
	public static String idFor(String typeKey, String numberKey) {
		return UUID.nameUUIDFromBytes((typeKey + '\n' + numberKey).getBytes(StandardCharsets.UTF_8)).toString();
	}

	/**
	 * The normalised form of a licence type or number, as {@link #typeKey()} and
	 * {@link #numberKey()} hold it: half-width, no white space, ASCII letters upper case,
	 * Chinese brackets as ASCII ones. Configuration that names licence types (reminder
	 * policies) matches through it.
	 * @return the key, or {@code null} for a blank text
	 */
	public static String keyOf(String text) {
		return com.licencereminder.licence.importing.Text.key(text);
	}

	/** Whether the licence has an expiry date at all. */
	public boolean expires() {
		return validUntil != null;
	}

	/** Whether a text message can reach the holder (a mobile number is known). */
	public boolean reachableByText() {
		return mobiles != null && !mobiles.isEmpty();
	}

	/** Whether a call can reach the holder (a mobile or landline number is known). */
	public boolean reachableByCall() {
		return reachableByText() || (landlines != null && !landlines.isEmpty());
	}

	/**
	 * Whether a WeChat mini-program message can reach the holder (an openid is known).
	 */
	public boolean reachableByWechat() {
		return wechatOpenId != null;
	}

	/**
	 * Whether the licence is expired on {@code today}: stated so, or past its last valid
	 * day.
	 */
	public boolean isExpiredOn(LocalDate today) {
		return status == LicenceStatus.EXPIRED || (validUntil != null && validUntil.isBefore(today));
	}

	/**
	 * Where the licence's current data came from.
	 *
	 * @param importId the import job
	 * @param row the row as a spreadsheet program shows it (1-based, counting title and
	 * header rows)
	 */
	public record Source(String importId, int row) {
	}

}
