package com.licencereminder.console;

import java.util.Map;

import com.licencereminder.shared.StoreSpace;
import org.springframework.stereotype.Component;

/**
 * The embedded store on the dashboard, for administrators: free disk space against the
 * minimum (a warning while imports are refused for lack of it), the store's file size and
 * the documents per collection. Not shown on MongoDB, whose disk the service cannot see.
 */
@Component
class StorePanel implements DashboardPanel {

	private final StoreSpace space;

	StorePanel(StoreSpace space) {
		this.space = space;
	}

	@Override
	public String template() {
		return "console/store";
	}

	@Override
	public int order() {
		return 90;
	}

	@Override
	public boolean visibleTo(Viewer viewer) {
		return viewer.admin() && space.read().known();
	}

	@Override
	public Map<String, Object> model(Viewer viewer) {
		StoreSpace.Reading reading = space.read();
		return Map.of("reading", reading, "free", megabytes(reading.freeBytes()), "minFree",
				megabytes(reading.minFreeBytes()), "size", megabytes(reading.storeBytes()));
	}

	/** {@code 1,234 MB}: sizes as the panel shows them. */
	static String megabytes(long bytes) {
		return "%,d MB".formatted(bytes / (1024 * 1024));
	}

}
