package com.licencereminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Segment counts at the GSM-7 and UCS-2 boundaries. */
class SmsSegmentsTests {

	@Test
	void gsm7Takes160InOneSegmentThen153PerSegment() {
		assertThat(SmsSegments.of("a".repeat(160))).isEqualTo(new SmsSegments(true, 160, 1));
		assertThat(SmsSegments.of("a".repeat(161))).isEqualTo(new SmsSegments(true, 161, 2));
		assertThat(SmsSegments.of("a".repeat(306)).segments()).isEqualTo(2);
		assertThat(SmsSegments.of("a".repeat(307)).segments()).isEqualTo(3);
		assertThat(SmsSegments.of("Reply 1 to confirm, STOP to opt out. @£$¥èé\n").gsm7()).isTrue();
	}

	@Test
	void gsm7ExtensionCharactersTakeTwoSeptets() {
		assertThat(SmsSegments.of("[x]€")).isEqualTo(new SmsSegments(true, 7, 1));
		assertThat(SmsSegments.of("€".repeat(80))).isEqualTo(new SmsSegments(true, 160, 1));
		assertThat(SmsSegments.of("€".repeat(81)).segments()).isEqualTo(2);
	}

	@Test
	void ucs2Takes70InOneSegmentThen67PerSegment() {
		assertThat(SmsSegments.of("证".repeat(70))).isEqualTo(new SmsSegments(false, 70, 1));
		assertThat(SmsSegments.of("证".repeat(71))).isEqualTo(new SmsSegments(false, 71, 2));
		assertThat(SmsSegments.of("证".repeat(134)).segments()).isEqualTo(2);
		assertThat(SmsSegments.of("证".repeat(135)).segments()).isEqualTo(3);
	}

	@Test
	void oneCharacterOutsideGsm7MakesTheWholeTextUcs2() {
		assertThat(SmsSegments.of("a".repeat(100) + "【")).isEqualTo(new SmsSegments(false, 101, 2));
		assertThat(SmsSegments.of("ç").gsm7()).as("only the capital Ç is in GSM-7").isFalse();
	}

	@Test
	void surrogatePairsCountAsTwoUcs2Units() {
		assertThat(SmsSegments.of("😀".repeat(35))).isEqualTo(new SmsSegments(false, 70, 1));
		assertThat(SmsSegments.of("😀".repeat(36))).isEqualTo(new SmsSegments(false, 72, 2));
		assertThat(SmsSegments.of("𠀀" + "证".repeat(69)).segments()).isEqualTo(2);
	}

}
