package com.licencereminder.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * Properties checked in plain JUnit over explicit examples and seeded random cases.
 * <p>
 * {@link #check(Consumer)} runs the property on every example first, then on
 * {@link #tries(int) tries} cases (default {@value #DEFAULT_TRIES}) that the generator
 * draws from a {@link SplittableRandom}, once for each seed in {@link #PAST_FAILURES} and
 * once for the run's seed. The run's seed is new on every run unless the system property
 * {@value #SEED_PROPERTY} fixes it ({@code ./mvnw test -Dproperties.seed=42}). A failure
 * names the seed, the case's number and the case, so that the same cases can be drawn
 * again; add a seed that found a bug to {@link #PAST_FAILURES}, or its case to the
 * examples, together with the fix.
 *
 * @param <T> the type of a case
 */
public final class SeededCases<T> {

	/** The system property that fixes the run's seed. */
	public static final String SEED_PROPERTY = "properties.seed";

	/** How many random cases a property is checked on, unless it says otherwise. */
	public static final int DEFAULT_TRIES = 1000;

	/** Seeds that once found a failing case; every property draws their cases again. */
	static final List<Long> PAST_FAILURES = List.of();

	private static final long RUN_SEED = runSeed();

	private final Function<SplittableRandom, T> generator;

	private final List<T> examples;

	private final int tries;

	private final long seed;

	private SeededCases(Function<SplittableRandom, T> generator, List<T> examples, int tries, long seed) {
		this.generator = generator;
		this.examples = examples;
		this.tries = tries;
		this.seed = seed;
	}

	/**
	 * Returns the cases a generator draws, without examples, {@value #DEFAULT_TRIES} a
	 * seed.
	 * @param generator draws one case; the same random state must give the same case
	 */
	public static <T> SeededCases<T> of(Function<SplittableRandom, T> generator) {
		return new SeededCases<>(generator, List.of(), DEFAULT_TRIES, RUN_SEED);
	}

	/** Returns these cases with the given number of random cases a seed. */
	public SeededCases<T> tries(int tries) {
		if (tries < 1) {
			throw new IllegalArgumentException("tries must be positive: " + tries);
		}
		return new SeededCases<>(this.generator, this.examples, tries, this.seed);
	}

	/**
	 * Returns these cases with explicit examples (edge cases, past failures) checked
	 * before the random ones.
	 */
	public SeededCases<T> withExamples(List<? extends T> examples) {
		List<T> all = new ArrayList<>(this.examples);
		all.addAll(examples);
		return new SeededCases<>(this.generator, List.copyOf(all), this.tries, this.seed);
	}

	/**
	 * Returns these cases with {@code seed} instead of the run's seed; for tests of this
	 * class.
	 */
	SeededCases<T> withSeed(long seed) {
		return new SeededCases<>(this.generator, this.examples, this.tries, seed);
	}

	/**
	 * Checks the property on every example, then on the random cases of each seed.
	 * @param property throws an {@link AssertionError} (or any runtime exception) when a
	 * case breaks it
	 * @throws AssertionError naming the seed, the case and its input when a case breaks
	 * the property
	 */
	public void check(Consumer<? super T> property) {
		for (int i = 0; i < this.examples.size(); i++) {
			verify(property, this.examples.get(i), "example " + (i + 1) + " of " + this.examples.size());
		}
		for (long each : seeds()) {
			SplittableRandom random = new SplittableRandom(each);
			for (int i = 1; i <= this.tries; i++) {
				verify(property, this.generator.apply(random), "case " + i + " of " + this.tries + " with seed " + each
						+ " (draw them again with -D" + SEED_PROPERTY + "=" + each + ")");
			}
		}
	}

	/** Picks one of {@code values}, each as likely. */
	@SafeVarargs
	public static <V> V oneOf(SplittableRandom random, V... values) {
		return values[random.nextInt(values.length)];
	}

	/** Picks one of {@code values}, each as likely. */
	public static <V> V oneOf(SplittableRandom random, List<V> values) {
		return values.get(random.nextInt(values.size()));
	}

	private long[] seeds() {
		return LongStream.concat(PAST_FAILURES.stream().mapToLong(Long::longValue), LongStream.of(this.seed)).toArray();
	}

	private static <T> void verify(Consumer<? super T> property, T input, String which) {
		try {
			property.accept(input);
		}
		catch (AssertionError | RuntimeException ex) {
			throw new AssertionError(
					"Property failed on " + which + ": " + describe(input) + System.lineSeparator() + ex.getMessage(),
					ex);
		}
	}

	/**
	 * The input's text with control, format, space, surrogate and unassigned characters
	 * as {@code \}{@code uXXXX}.
	 */
	static String describe(Object input) {
		String text = String.valueOf(input);
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != ' ' && unreadable(c)) {
				out.append(String.format("\\u%04X", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static boolean unreadable(char c) {
		int type = Character.getType(c);
		return Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
				|| type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED
				|| type == Character.PRIVATE_USE;
	}

	private static long runSeed() {
		String fixed = System.getProperty(SEED_PROPERTY);
		return (fixed == null || fixed.isBlank()) ? new SplittableRandom().nextLong() : Long.parseLong(fixed.trim());
	}

}
