package com.licencereminder.delivery;

/**
 * How many segments an SMS text is sent in. A text in the GSM 03.38 alphabet is counted
 * in septets (characters of the extension table, such as {@code €} or {@code [}, take
 * two): up to 160 fit one segment, a longer text is split into segments of 153. Any other
 * character makes the whole text UCS-2, counted in UTF-16 units (a character outside the
 * Basic Multilingual Plane, such as an emoji, takes two): up to 70 fit one segment, a
 * longer text is split into segments of 67.
 *
 * @param gsm7 whether the text is sent in the GSM 7-bit alphabet rather than UCS-2
 * @param units the septets (GSM-7) or UTF-16 units (UCS-2) of the text
 * @param segments the segments it takes, at least 1
 */
record SmsSegments(boolean gsm7, int units, int segments) {

	private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private static final String GSM7_EXTENSION = "\f^{}\\[~]|€";

	static SmsSegments of(String text) {
		int septets = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (GSM7_BASIC.indexOf(c) >= 0) {
				septets++;
			}
			else if (GSM7_EXTENSION.indexOf(c) >= 0) {
				septets += 2;
			}
			else {
				return new SmsSegments(false, text.length(), segments(text.length(), 70, 67));
			}
		}
		return new SmsSegments(true, septets, segments(septets, 160, 153));
	}

	private static int segments(int units, int single, int perPart) {
		return (units <= single) ? 1 : (units + perPart - 1) / perPart;
	}

	@Override
	public String toString() {
		return this.segments + " segment(s), " + this.units + (this.gsm7 ? " GSM-7 characters" : " UCS-2 characters");
	}

}
