package com.licencereminder.licence.importing;

import java.util.List;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from
 * {@value #CHARSET}, the last of which is a check character computed from the first 17.
 * Lower-case ASCII letters count as their upper-case forms.
 */
final class Uscc {

	/** The characters a code may contain, in the order of their values 0 to 30. */
	static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	/** The length of a code. */
	static final int LENGTH = 18;

	private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

	private Uscc() {
	}

	/**
	 * Whether the code is a well-formed USCC: 18 characters from the charset with a
	 * correct check character.
	 * @param code the code, may be {@code null}
	 * @return {@code true} if valid, {@code false} otherwise (also for {@code null})
	 */
	static boolean isValid(String code) {
		return invalidReason(code) == null;
	}

	/**
	 * Computes the check character for the first 17 characters of a code.
	 * @param first17 17 characters from the charset
	 * @return the 18th character, upper case
	 * @throws IllegalArgumentException if {@code first17} is {@code null}, not 17
	 * characters long or contains a character outside the charset
	 */
	static char checkCharacter(String first17) {
		if (first17 == null || first17.length() != LENGTH - 1) {
			throw new IllegalArgumentException("expected 17 characters, got " + first17);
		}
		int sum = 0;
		for (int i = 0; i < WEIGHTS.length; i++) {
			int value = valueOf(first17.charAt(i));
			if (value < 0) {
				throw new IllegalArgumentException(
						"illegal character '" + first17.charAt(i) + "' at position " + (i + 1) + " of " + first17);
			}
			sum += value * WEIGHTS[i];
		}
		int check = 31 - (sum % 31);
		return CHARSET.charAt((check == 31) ? 0 : check);
	}

	/**
	 * Says why a code is not a valid USCC, as a message key of the import's bundle and
	 * its arguments: the length found when it is not 18, the first illegal character and
	 * its position (counting from 1), or the expected and the found check character.
	 * @param code the code, may be {@code null}
	 * @return {@code null} if the code is valid, the reason otherwise
	 */
	static Invalid invalidReason(String code) {
		if (code == null || code.length() != LENGTH) {
			return new Invalid("import.row.uscc-length", String.valueOf(code == null ? 0 : code.length()));
		}
		for (int i = 0; i < LENGTH; i++) {
			if (valueOf(code.charAt(i)) < 0) {
				return new Invalid("import.row.uscc-character", String.valueOf(code.charAt(i)), String.valueOf(i + 1));
			}
		}
		char expected = checkCharacter(code.substring(0, LENGTH - 1));
		char found = CHARSET.charAt(valueOf(code.charAt(LENGTH - 1)));
		if (expected != found) {
			return new Invalid("import.row.uscc-check", String.valueOf(expected), String.valueOf(found));
		}
		return null;
	}

	/**
	 * Why a code is not a valid USCC.
	 *
	 * @param key the message key ({@code import.row.uscc-length}: {length};
	 * {@code import.row.uscc-character}: {character, position};
	 * {@code import.row.uscc-check}: {expected, found})
	 * @param args the message's arguments
	 */
	record Invalid(String key, List<String> args) {

		Invalid(String key, String... args) {
			this(key, List.of(args));
		}

	}

	private static int valueOf(char c) {
		char upper = (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;
		return CHARSET.indexOf(upper);
	}

}
