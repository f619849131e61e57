package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A row is a usable {@link Header} when it names every required column; otherwise it says
 * which ones it lacks.
 */
class HeaderTests {

	@Test
	void aRowNamingEveryRequiredColumnIsUsableAndMapsEachCell() {
		Header header = Header.of(2, List.of("序号", " 企业名称 ", "证照名称", "证照编号", "有效期至", "手机", "电话", "备注"));

		assertThat(header.isUsable(false)).isTrue();
		assertThat(header.row()).isEqualTo(2);
		assertThat(header.first(Column.HOLDER)).isEqualTo(1);
		assertThat(header.all(Column.PHONES)).containsExactly(5, 6);
		assertThat(header.first(Column.USCC)).isEqualTo(-1);
		assertThat(header.ignored()).containsExactly("序号", "备注");
		assertThat(header.name(1)).isEqualTo("企业名称");
		assertThat(header.name(Column.USCC)).isEqualTo("统一社会信用代码");
	}

	@Test
	void aValidityRangeColumnStandsInForValidUntil() {
		Header header = Header.of(1, List.of("企业名称", "证照类型", "Licence_No", "有效期"));

		assertThat(header.missing(false)).isEmpty();
	}

	@Test
	void missingRequiredColumnsAreNamed() {
		Header header = Header.of(1, List.of("企业名称", "证照编号", "联系电话"));

		assertThat(header.isUsable(false)).isFalse();
		assertThat(header.missing(false)).containsExactly(Column.TYPE, Column.VALID_UNTIL);
		assertThat(header.missing(true)).containsExactly(Column.VALID_UNTIL);
	}

	@Test
	void aSuppliedLicenceTypeMakesTheTypeColumnOptional() {
		Header header = Header.of(1, List.of("企业名称", "证照编号", "有效期至"));

		assertThat(header.isUsable(false)).isFalse();
		assertThat(header.isUsable(true)).isTrue();
	}

	@Test
	void titleAndDataRowsAreNotHeaders() {
		Header title = Header.of(1, Arrays.asList("许昌市魏都区市场监督管理局 证照到期提醒名单", null, "", null));
		Header data = Header.of(3, List.of("许昌市魏都区同福面馆", "食品经营许可证", "JY24110020200011", "2027-03-31"));

		assertThat(title.isUsable(false)).isFalse();
		assertThat(title.columns()).isEmpty();
		assertThat(data.missing(false)).containsExactly(Column.HOLDER, Column.TYPE, Column.NUMBER, Column.VALID_UNTIL);
	}

}
