package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "1|ACKNOWLEDGE", "' 1 '|ACKNOWLEDGE", "１|ACKNOWLEDGE", "1。|ACKNOWLEDGE", "确认|ACKNOWLEDGE",
					"收到！|ACKNOWLEDGE", "TD|OPT_OUT", "td|OPT_OUT", "ＴＤ|OPT_OUT", "T|OPT_OUT", "R|OPT_OUT", "退订|OPT_OUT",
					"Stop|OPT_OUT", "11|OTHER", "确认收到了吗|OTHER", "''|OTHER", "TDX|OTHER" })
	void readsTheKeywords(String body, Reply expected) {
		assertThat(Reply.of(body)).isEqualTo(expected);
	}

}
