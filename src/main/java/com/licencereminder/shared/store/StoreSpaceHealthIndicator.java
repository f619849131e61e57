package com.licencereminder.shared.store;

import com.licencereminder.shared.StoreSpace;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health component {@code storeDisk}: UP while the embedded store's disk has at least
 * the minimum free space, else OUT_OF_SERVICE (imports are refused; the dispatcher and
 * every read go on), with the figures as details. It is not in the readiness group: an
 * instance short of disk still serves the console, where administrators see why, and
 * still sends reminders.
 */
final class StoreSpaceHealthIndicator implements HealthIndicator {

	private final StoreSpace space;

	StoreSpaceHealthIndicator(StoreSpace space) {
		this.space = space;
	}

	@Override
	public Health health() {
		StoreSpace.Reading reading = this.space.read();
		return Health.status(reading.low() ? Status.OUT_OF_SERVICE : Status.UP)
			.withDetail("directory", reading.directory())
			.withDetail("free", reading.freeBytes())
			.withDetail("minFree", reading.minFreeBytes())
			.withDetail("storeSize", reading.storeBytes())
			.build();
	}

}
