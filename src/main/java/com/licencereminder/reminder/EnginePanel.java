package com.licencereminder.reminder;

import java.util.Map;

import com.licencereminder.console.DashboardPanel;
import com.licencereminder.console.Viewer;
import com.licencereminder.licence.LicencePlanning;
import org.springframework.stereotype.Component;

/**
 * The engine panel of the dashboard, for operators and administrators: licences an import
 * changed that are not completely planned yet, and over the last seven days the reminders
 * the dispatcher put back because their plan was still being written or missing, and the
 * licences the repair planned because their planning had been lost.
 */
@Component
class EnginePanel implements DashboardPanel {

	static final int DAYS = 7;

	private final LicencePlanning licencePlanning;

	private final EngineCounters counters;

	EnginePanel(LicencePlanning licencePlanning, EngineCounters counters) {
		this.licencePlanning = licencePlanning;
		this.counters = counters;
	}

	@Override
	public String template() {
		return "reminder/engine";
	}

	@Override
	public int order() {
		return 25;
	}

	@Override
	public boolean visibleTo(Viewer viewer) {
		return viewer.operator() || viewer.admin();
	}

	@Override
	public Map<String, Object> model(Viewer viewer) {
		Map<String, Long> week = counters.lastDays(DAYS);
		return Map.of("awaiting", licencePlanning.awaitingCount(), "undecided", week.get(EngineCounters.UNDECIDED),
				"repaired", week.get(EngineCounters.REPAIRED), "days", DAYS);
	}

}
