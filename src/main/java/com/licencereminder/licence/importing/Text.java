package com.licencereminder.licence.importing;

import java.util.Locale;
import java.util.Set;

/**
 * Cleans the text of spreadsheet cells before anything else looks at it.
 */
public final class Text {

	private static final Set<String> PLACEHOLDERS = Set.of("-", "—", "——", "/", "无", "n/a", "null");

	private Text() {
	}

	/**
	 * Returns the cell text in a canonical form, or {@code null} when nothing is left.
	 * <p>
	 * Full-width ASCII forms (U+FF01..U+FF5E) become their half-width equivalents and the
	 * ideographic space (U+3000) becomes a space; other CJK text is left as it is. The
	 * byte order mark and zero-width characters (U+FEFF, U+200B..U+200D) are removed.
	 * Every run of white space (including no-break spaces, tabs and line breaks) becomes
	 * a single space, and the result is trimmed.
	 * @param raw the cell text, may be {@code null}
	 * @return the cleaned text, or {@code null} if {@code raw} is {@code null} or only
	 * white space
	 */
	static String clean(String raw) {
		if (raw == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(raw.length());
		boolean pendingSpace = false;
		for (int i = 0; i < raw.length();) {
			int cp = raw.codePointAt(i);
			i += Character.charCount(cp);
			if (cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200D)) {
				continue;
			}
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				cp -= 0xFEE0;
			}
			if (isSpace(cp)) {
				pendingSpace = !out.isEmpty();
				continue;
			}
			if (pendingSpace) {
				out.append(' ');
				pendingSpace = false;
			}
			out.appendCodePoint(cp);
		}
		return out.isEmpty() ? null : out.toString();
	}

	/**
	 * Whether a cleaned cell only holds a placeholder that means "nothing here":
	 * {@code -}, {@code —}, {@code ——}, {@code /}, {@code 无}, {@code N/A} or {@code null}
	 * (letters in any case).
	 * @param cleaned the result of {@link #clean(String)}, may be {@code null}
	 * @return {@code true} for a placeholder, {@code false} otherwise (also for
	 * {@code null})
	 */
	static boolean isPlaceholder(String cleaned) {
		return cleaned != null && PLACEHOLDERS.contains(cleaned.toLowerCase(Locale.ROOT));
	}

	/**
	 * Returns the identity key of a licence type or licence number: the
	 * {@link #clean(String) cleaned} text without any white space, with ASCII letters in
	 * upper case and the Chinese brackets （）【】 replaced by ( ) [ ].
	 * @param raw the cell text, may be {@code null}
	 * @return the key, or {@code null} if {@code raw} is {@code null} or only white space
	 */
	public static String key(String raw) {
		String cleaned = clean(raw);
		if (cleaned == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(cleaned.length());
		for (int i = 0; i < cleaned.length(); i++) {
			char c = cleaned.charAt(i);
			if (c != ' ') {
				out.append(keyChar(c));
			}
		}
		return out.toString();
	}

	private static char keyChar(char c) {
		return switch (c) {
			case '【' -> '[';
			case '】' -> ']';
			default -> (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;
		};
	}

	private static boolean isSpace(int cp) {
		return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x0085;
	}

}
