package com.licencereminder.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class RequestValuesTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	enum Colour {

		RED, GREEN

	}

	@Test
	void aChoiceIsReadInAnyCaseAndBlankMeansNone() {
		assertThat(RequestValues.choice(Colour.class, " green ", "colour")).isEqualTo(Colour.GREEN);
		assertThat(RequestValues.choice(Colour.class, "  ", "colour")).isNull();
		assertThat(RequestValues.choice(Colour.class, null, "colour")).isNull();
		assertThat(RequestValues.named(Colour.class, "Red")).contains(Colour.RED);
		assertThat(RequestValues.named(Colour.class, "blue")).isEmpty();
	}

	@Test
	void anUnknownChoiceIsA400NamingTheParameterAndWhatItAccepts() {
		assertThatThrownBy(() -> RequestValues.choice(Colour.class, "blue", "colour"))
			.isInstanceOfSatisfying(ResponseStatusException.class, ex -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getReason()).isEqualTo("colour must be one of [RED, GREEN]");
			});
	}

	@Test
	void timesAreInstantsOffsetOrLocalDateTimesOrDatesInTheZone() {
		Instant morning = Instant.parse("2026-03-01T00:00:00Z");
		assertThat(RequestValues.instant("2026-03-01T00:00:00Z", false, SHANGHAI, "from")).isEqualTo(morning);
		assertThat(RequestValues.instant("2026-03-01T08:00+08:00", false, SHANGHAI, "from")).isEqualTo(morning);
		assertThat(RequestValues.instant("2026-03-01T08:00", false, SHANGHAI, "from")).isEqualTo(morning);
		assertThat(RequestValues.instant("2026-03-01", false, SHANGHAI, "from"))
			.isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
		assertThat(RequestValues.instant(" ", false, SHANGHAI, "from")).isNull();
	}

	@Test
	void aDateAsAnEndIncludesThatWholeDay() {
		Instant start = RequestValues.instant("2026-03-01", false, SHANGHAI, "from");
		assertThat(RequestValues.instant("2026-03-01", true, SHANGHAI, "to")).isEqualTo(start.plus(1, ChronoUnit.DAYS));
	}

	@Test
	void anUnreadableTimeIsA400NamingTheParameterAndTheFormsItAccepts() {
		assertThat(RequestValues.time("1 March", false, SHANGHAI)).isEmpty();
		assertThatThrownBy(() -> RequestValues.instant("2026-02-30", true, SHANGHAI, "to"))
			.isInstanceOfSatisfying(ResponseStatusException.class, ex -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getReason()).startsWith("to must be an ISO instant");
			});
	}

	@Test
	void aSearchTextIsMatchedLiterallyAndIgnoresCaseOnlyWhenItHasLetterCase() {
		Pattern latin = RequestValues.containing(" jy14.1 ");
		assertThat(latin.matcher("证号 JY14.10020").find()).isTrue();
		assertThat(latin.matcher("JY1411002").find()).as("the dot is literal").isFalse();
		assertThat(latin.flags() & Pattern.CASE_INSENSITIVE).isNotZero();

		Pattern chinese = RequestValues.containing("烩面(");
		assertThat(chinese.matcher("许昌市老街烩面(总店)").find()).isTrue();
		assertThat(chinese.flags() & Pattern.CASE_INSENSITIVE).as("nothing to fold").isZero();
		assertThat(RequestValues.containing("2024").flags() & Pattern.CASE_INSENSITIVE).isZero();
	}

}
