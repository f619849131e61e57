package com.licencereminder.business;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phone numbers as businesses type them (China by default), as E.164 mobiles. */
final class Phones {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private Phones() {
	}

	/** The number in E.164 when it is a valid mobile number, else empty. */
	static Optional<String> mobile(String text) {
		if (text == null || text.isBlank() || text.length() > 32) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = UTIL.parse(text, "CN");
			PhoneNumberType type = UTIL.getNumberType(number);
			if (!UTIL.isValidNumber(number)
					|| (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE)) {
				return Optional.empty();
			}
			return Optional.of(UTIL.format(number, PhoneNumberFormat.E164));
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

}
