package com.licencereminder.licence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Licences for tests, named by what they hold (the type key normalised as an import does:
 * no whitespace, upper case): {@code LicenceBuilder.valid("食品经营许可证", "JY1",
 * until).mobiles("+8613812345678").build()}. Unset fields are as an import leaves them
 * for a row without them (no USCC, issuer, contact, openid or region; cycle 1; created
 * now by an import named {@code test}).
 */
public final class LicenceBuilder {

	private final String typeKey;

	private final String number;

	private String holderName = "甲店";

	private String licenceType;

	private String uscc;

	private LocalDate validUntil;

	private LicenceStatus status = LicenceStatus.VALID;

	private List<String> mobiles = List.of();

	private List<String> landlines = List.of();

	private String wechatOpenId;

	private int cycle = 1;

	private String fingerprint = "f";

	private Licence.Source source = new Licence.Source("test", 2);

	private Instant at = Instant.EPOCH;

	private LicenceBuilder(String type, String number, LocalDate validUntil) {
		this.licenceType = type;
		this.typeKey = type.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
		this.number = number;
		this.validUntil = validUntil;
	}

	/**
	 * A licence in force of {@code type} and {@code number}, valid until
	 * {@code validUntil} (null: no expiry).
	 */
	public static LicenceBuilder valid(String type, String number, LocalDate validUntil) {
		return new LicenceBuilder(type, number, validUntil);
	}

	public LicenceBuilder holder(String holderName) {
		this.holderName = holderName;
		return this;
	}

	/** The type as written in the list, when it differs from the normalised type key. */
	public LicenceBuilder writtenType(String licenceType) {
		this.licenceType = licenceType;
		return this;
	}

	public LicenceBuilder uscc(String uscc) {
		this.uscc = uscc;
		return this;
	}

	public LicenceBuilder status(LicenceStatus status) {
		this.status = status;
		return this;
	}

	public LicenceBuilder mobiles(String... mobiles) {
		this.mobiles = List.of(mobiles);
		return this;
	}

	public LicenceBuilder mobiles(List<String> mobiles) {
		this.mobiles = List.copyOf(mobiles);
		return this;
	}

	public LicenceBuilder landlines(List<String> landlines) {
		this.landlines = List.copyOf(landlines);
		return this;
	}

	public LicenceBuilder wechatOpenId(String openId) {
		this.wechatOpenId = openId;
		return this;
	}

	public LicenceBuilder cycle(int cycle) {
		this.cycle = cycle;
		return this;
	}

	public LicenceBuilder fingerprint(String fingerprint) {
		this.fingerprint = fingerprint;
		return this;
	}

	/** Imported by {@code importId} from {@code row}. */
	public LicenceBuilder source(String importId, int row) {
		this.source = new Licence.Source(importId, row);
		return this;
	}

	/** Created and last changed at {@code at}. */
	public LicenceBuilder at(Instant at) {
		this.at = at;
		return this;
	}

	public Licence build() {
		return new Licence(Licence.idFor(typeKey, number), typeKey, number, holderName, uscc, licenceType, number, null,
				null, validUntil, status, null, mobiles, landlines, wechatOpenId, null, cycle, fingerprint, source, at,
				at);
	}

}
