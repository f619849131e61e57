package com.licencereminder;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The modules stay honest: no cycles, and no module reaches into another's internals.
 */
class ModularityTests {

	@Test
	void modulesRespectTheirBoundaries() {
		ApplicationModules.of(LicenceReminderApplication.class).verify();
	}

}
