package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Header cells name {@link Column}s whatever the case, spacing, full-width forms,
 * required markers and notes a real list adds.
 */
class ColumnTests {

	@Test
	void aliasesMatchIgnoringCaseSpacesUnderscoresAndHyphens() {
		assertThat(Column.forHeader("Licence_No")).contains(Column.NUMBER);
		assertThat(Column.forHeader("LICENCE NO")).contains(Column.NUMBER);
		assertThat(Column.forHeader("licence-no")).contains(Column.NUMBER);
		assertThat(Column.forHeader(" Phone")).contains(Column.PHONES);
		assertThat(Column.forHeader("Valid Until")).contains(Column.VALID_UNTIL);
		assertThat(Column.forHeader(" 企业 名称 ")).contains(Column.HOLDER);
		assertThat(Column.forHeader("证照类型\u3000")).contains(Column.TYPE);
		assertThat(Column.forHeader("有效\t期至")).contains(Column.VALID_UNTIL);
	}

	@Test
	void fullWidthFormsMatchTheirHalfWidthAliases() {
		assertThat(Column.forHeader("ＯｐｅｎＩＤ")).contains(Column.OPENID);
		assertThat(Column.forHeader("ＵＳＣＣ")).contains(Column.USCC);
		assertThat(Column.forHeader("小程序ｏｐｅｎｉｄ")).contains(Column.OPENID);
	}

	@Test
	void requiredMarkersAreIgnoredOnEitherSide() {
		assertThat(Column.forHeader("*企业名称")).contains(Column.HOLDER);
		assertThat(Column.forHeader("证照编号*")).contains(Column.NUMBER);
		assertThat(Column.forHeader("＊有效期至")).contains(Column.VALID_UNTIL);
		assertThat(Column.forHeader("** 证照名称")).contains(Column.TYPE);
	}

	@Test
	void parenthesisedNotesAreIgnored() {
		assertThat(Column.forHeader("联系电话（手机）")).contains(Column.PHONES);
		assertThat(Column.forHeader("联系电话(多个用；分隔)")).contains(Column.PHONES);
		assertThat(Column.forHeader("有效期至【yyyy-mm-dd】")).contains(Column.VALID_UNTIL);
		assertThat(Column.forHeader("*证照编号（必填）")).contains(Column.NUMBER);
		assertThat(Column.forHeader("企业（单位）名称")).contains(Column.HOLDER);
	}

	@Test
	void unknownOrEmptyHeadersNameNoColumn() {
		assertThat(Column.forHeader("备注")).isEmpty();
		assertThat(Column.forHeader("序号")).isEmpty();
		assertThat(Column.forHeader("（备注）")).isEmpty();
		assertThat(Column.forHeader("")).isEmpty();
		assertThat(Column.forHeader(null)).isEmpty();
	}

	@Test
	void theRequiredColumnsAreDescribedWithTheirAliases() {
		assertThat(Column.describeRequired()).startsWith("企业名称 (单位名称/")
			.contains("证照名称 (证照类型/", "证照编号 (许可证编号/", "有效期截止日期 (有效期至/")
			.doesNotContain("联系电话", "统一社会信用代码");
	}

}
