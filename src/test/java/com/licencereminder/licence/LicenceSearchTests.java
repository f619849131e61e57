package com.licencereminder.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The filter a search text makes: which fields it is looked for in. */
class LicenceSearchTests {

	@Test
	void aTextThatCannotBePartOfAUsccIsNotLookedForInUsccs() {
		assertThat(fields("烩面")).containsExactly("holderName", "licenceNumber");
		assertThat(fields("JY-141")).containsExactly("holderName", "licenceNumber");
		assertThat(fields("9135020")).containsExactly("holderName", "licenceNumber", "uscc");
		assertThat(fields(" 91350200ma2xyz ")).containsExactly("holderName", "licenceNumber", "uscc");
	}

	private static List<String> fields(String q) {
		List<?> branches = (List<?>) LicenceSearch.textFilter(q).getCriteriaObject().get("$or");
		return branches.stream().map(branch -> ((Document) branch).keySet().iterator().next()).toList();
	}

}
