package com.licencereminder.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageLinksTests {

	@Test
	void aPageLinkKeepsTheFiltersAndReplacesThePage() {
		PageLinks links = new PageLinks("/deliveries?channel=SMS&holder=%E7%94%B2%E5%BA%97&page=3");

		assertThat(links.to(4)).isEqualTo("/deliveries?channel=SMS&holder=%E7%94%B2%E5%BA%97&page=4");
		assertThat(links.to(0)).isEqualTo("/deliveries?channel=SMS&holder=%E7%94%B2%E5%BA%97&page=0");
	}

	@Test
	void aListWithoutFiltersGetsJustThePage() {
		assertThat(new PageLinks("/licences").to(1)).isEqualTo("/licences?page=1");
	}

}
