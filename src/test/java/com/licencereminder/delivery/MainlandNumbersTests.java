package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainlandNumbersTests {

	@Test
	void numbersAsTheProvidersWriteThemAreReadBackIntoE164() {
		assertThat(MainlandNumbers.fromNational("13812345678")).isEqualTo("+8613812345678");
		assertThat(MainlandNumbers.fromNational("8613812345678")).isEqualTo("+8613812345678");
		assertThat(MainlandNumbers.fromNational("+86 138-1234-5678")).isEqualTo("+8613812345678");
		assertThat(MainlandNumbers.fromNational("03741234567")).isEqualTo("+863741234567");
		assertThat(MainlandNumbers.fromNational(MainlandNumbers.national("+863741234567"))).isEqualTo("+863741234567");
	}

	@Test
	void whatIsNotAMainlandNumberIsNull() {
		assertThat(MainlandNumbers.fromNational(null)).isNull();
		assertThat(MainlandNumbers.fromNational("abc")).isNull();
		assertThat(MainlandNumbers.fromNational("")).isNull();
		assertThat(MainlandNumbers.fromNational("91234567")).isNull();
		assertThat(MainlandNumbers.fromNational("+85291234567")).isNull();
	}

}
