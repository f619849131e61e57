package com.licencereminder.licence.importing;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.licencereminder.licence.LicenceStatus;

/**
 * Reads the status column of licence lists.
 */
final class StatusWords {

	private static final Map<String, LicenceStatus> WORDS = Map.ofEntries(Map.entry("有效", LicenceStatus.VALID),
			Map.entry("正常", LicenceStatus.VALID), Map.entry("在用", LicenceStatus.VALID),
			Map.entry("存续", LicenceStatus.VALID), Map.entry("在业", LicenceStatus.VALID),
			Map.entry("有效期内", LicenceStatus.VALID), Map.entry("valid", LicenceStatus.VALID),
			Map.entry("active", LicenceStatus.VALID), Map.entry("过期", LicenceStatus.EXPIRED),
			Map.entry("已过期", LicenceStatus.EXPIRED), Map.entry("失效", LicenceStatus.EXPIRED),
			Map.entry("已失效", LicenceStatus.EXPIRED), Map.entry("到期", LicenceStatus.EXPIRED),
			Map.entry("已到期", LicenceStatus.EXPIRED), Map.entry("expired", LicenceStatus.EXPIRED),
			Map.entry("注销", LicenceStatus.CANCELLED), Map.entry("已注销", LicenceStatus.CANCELLED),
			Map.entry("cancelled", LicenceStatus.CANCELLED), Map.entry("canceled", LicenceStatus.CANCELLED),
			Map.entry("吊销", LicenceStatus.REVOKED), Map.entry("已吊销", LicenceStatus.REVOKED),
			Map.entry("被吊销", LicenceStatus.REVOKED), Map.entry("revoked", LicenceStatus.REVOKED),
			Map.entry("撤销", LicenceStatus.WITHDRAWN), Map.entry("已撤销", LicenceStatus.WITHDRAWN),
			Map.entry("撤回", LicenceStatus.WITHDRAWN), Map.entry("withdrawn", LicenceStatus.WITHDRAWN));

	private StatusWords() {
	}

	/**
	 * Maps a status word to a status: 有效, 正常, 在用, 存续, 在业, 有效期内, valid and active are
	 * {@link LicenceStatus#VALID}; 过期, 已过期, 失效, 已失效, 到期, 已到期 and expired are
	 * {@link LicenceStatus#EXPIRED}; 注销, 已注销, cancelled and canceled are
	 * {@link LicenceStatus#CANCELLED}; 吊销, 已吊销, 被吊销 and revoked are
	 * {@link LicenceStatus#REVOKED}; 撤销, 已撤销, 撤回 and withdrawn are
	 * {@link LicenceStatus#WITHDRAWN}. Letter case and surrounding white space do not
	 * matter.
	 * @param cleaned cleaned cell text (see {@link Text#clean(String)}), may be
	 * {@code null}
	 * @return the status, or empty for {@code null} and unknown words
	 */
	static Optional<LicenceStatus> parse(String cleaned) {
		if (cleaned == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(WORDS.get(cleaned.strip().toLowerCase(Locale.ROOT)));
	}

}
