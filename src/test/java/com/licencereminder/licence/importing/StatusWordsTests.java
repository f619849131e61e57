package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.licencereminder.licence.LicenceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusWordsTests {

	@ParameterizedTest
	@CsvSource({ "有效, VALID", "正常, VALID", "在用, VALID", "存续, VALID", "在业, VALID", "有效期内, VALID", "valid, VALID",
			"active, VALID", "过期, EXPIRED", "已过期, EXPIRED", "失效, EXPIRED", "已失效, EXPIRED", "到期, EXPIRED",
			"已到期, EXPIRED", "expired, EXPIRED", "注销, CANCELLED", "已注销, CANCELLED", "cancelled, CANCELLED",
			"canceled, CANCELLED", "吊销, REVOKED", "已吊销, REVOKED", "被吊销, REVOKED", "revoked, REVOKED", "撤销, WITHDRAWN",
			"已撤销, WITHDRAWN", "撤回, WITHDRAWN", "withdrawn, WITHDRAWN" })
	void parseMapsEachKnownWord(String word, LicenceStatus status) {
		assertThat(StatusWords.parse(word)).contains(status);
	}

	@ParameterizedTest
	@CsvSource({ "VALID, VALID", "Active, VALID", "EXPIRED, EXPIRED", "Cancelled, CANCELLED", "CANCELED, CANCELLED",
			"ReVoKeD, REVOKED", "WITHDRAWN, WITHDRAWN" })
	void parseIgnoresLetterCase(String word, LicenceStatus status) {
		assertThat(StatusWords.parse(word)).contains(status);
	}

	@Test
	void parseIgnoresSurroundingWhiteSpace() {
		assertThat(StatusWords.parse(" 有效 ")).contains(LicenceStatus.VALID);
		assertThat(StatusWords.parse("\t已吊销\n")).contains(LicenceStatus.REVOKED);
		assertThat(StatusWords.parse("\u3000注销\u3000")).contains(LicenceStatus.CANCELLED);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(
			strings = { "", " ", "未知", "有 效", "无效", "暂停", "valid!", "invalid", "cancel", "revoke", "有效期", "正常经营", "-" })
	void parseReturnsEmptyForUnknownWords(String word) {
		assertThat(StatusWords.parse(word)).isEmpty();
	}

	@Test
	void parseReachesEveryStatus() {
		Set<LicenceStatus> reached = Stream.of("有效", "过期", "注销", "吊销", "撤销")
			.map(StatusWords::parse)
			.flatMap(java.util.Optional::stream)
			.collect(Collectors.toSet());
		assertThat(reached).isEqualTo(EnumSet.allOf(LicenceStatus.class));
	}

}
