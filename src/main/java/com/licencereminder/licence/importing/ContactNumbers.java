package com.licencereminder.licence.importing;

import java.util.List;

/**
 * The phone numbers found in a contact cell, each list without duplicates and in the
 * order of the cell.
 *
 * @param mobiles mobile numbers in E.164 form: they can receive SMS and calls
 * @param landlines fixed-line and other callable numbers in E.164 form: calls only
 * @param rejected the texts in the cell that are not usable phone numbers, as written
 * (after {@link Text#clean(String)})
 */
record ContactNumbers(List<String> mobiles, List<String> landlines, List<String> rejected) {

	ContactNumbers {
		mobiles = List.copyOf(mobiles);
		landlines = List.copyOf(landlines);
		rejected = List.copyOf(rejected);
	}

}
