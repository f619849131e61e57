package com.licencereminder.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SeededCasesTests {

	@Test
	void checkRunsTheExamplesThenTheTriesOfEachSeed() {
		List<Integer> seen = new ArrayList<>();

		SeededCases.of(random -> random.nextInt(100, 200))
			.withExamples(List.of(1, 2))
			.tries(5)
			.withSeed(7)
			.check(seen::add);

		assertThat(seen).hasSize(2 + 5 * (SeededCases.PAST_FAILURES.size() + 1)).startsWith(1, 2);
		assertThat(seen.subList(2, seen.size())).allSatisfy(value -> assertThat(value).isBetween(100, 199));
	}

	@Test
	void checkTriesAThousandCasesByDefault() {
		List<Integer> seen = new ArrayList<>();

		SeededCases.of(SplittableRandom::nextInt).check(seen::add);

		assertThat(SeededCases.DEFAULT_TRIES).isEqualTo(1000);
		assertThat(seen).hasSize(SeededCases.DEFAULT_TRIES * (SeededCases.PAST_FAILURES.size() + 1));
	}

	@Test
	void theSameSeedDrawsTheSameCasesAndAnotherSeedOthers() {
		List<Long> first = new ArrayList<>();
		List<Long> again = new ArrayList<>();
		List<Long> other = new ArrayList<>();

		SeededCases.of(SplittableRandom::nextLong).tries(20).withSeed(42).check(first::add);
		SeededCases.of(SplittableRandom::nextLong).tries(20).withSeed(42).check(again::add);
		SeededCases.of(SplittableRandom::nextLong).tries(20).withSeed(43).check(other::add);

		assertThat(again).isEqualTo(first);
		assertThat(other).isNotEqualTo(first);
	}

	@Test
	void aFailingCaseNamesTheSeedTheCaseAndTheInput() {
		SeededCases<Integer> cases = SeededCases.of(random -> random.nextInt(10)).tries(100).withSeed(-5);

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> cases.check(value -> assertThat(value).as("small").isLessThan(9)))
			.withMessageContaining("with seed -5 (draw them again with -Dproperties.seed=-5)")
			.withMessageMatching("(?s)Property failed on case \\d+ of 100 with seed -5 .*: 9\\R.*small.*");
	}

	@Test
	void aFailingExampleIsNamedAndAnExceptionCountsAsAFailure() {
		SeededCases<String> cases = SeededCases.of(random -> "x").withExamples(List.of("ok", "bad"));

		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> cases.check(value -> {
			if (value.equals("bad")) {
				throw new IllegalStateException("broken");
			}
		})).withMessageStartingWith("Property failed on example 2 of 2: bad").withMessageContaining("broken");
	}

	@Test
	void describeSpellsOutCharactersThatDoNotShowInAMessage() {
		assertThat(SeededCases.describe("a b\t\u3000\u200B\uFEFF\uD800许\u0000"))
			.isEqualTo("a b\\u0009\\u3000\\u200B\\uFEFF\\uD800许\\u0000");
	}

	@Test
	void triesMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> SeededCases.of(random -> 1).tries(0));
	}

}
