package com.licencereminder.console;

import java.util.Map;

/**
 * A module's contribution to the dashboard: a Thymeleaf fragment named {@code panel} in
 * {@link #template()}, rendered with {@link #model(Viewer)} as the variable
 * {@code panel}. Panels appear in ascending {@link #order()}, only for viewers
 * {@link #visibleTo(Viewer) allowed} to see them.
 */
public interface DashboardPanel {

	/**
	 * The template holding the {@code panel} fragment, e.g. {@code licence/dashboard}.
	 */
	String template();

	/** The figures the fragment shows; computed on each visit. */
	Map<String, Object> model(Viewer viewer);

	/** Position on the dashboard, smallest first. */
	default int order() {
		return 0;
	}

	/** Whether the viewer may see this panel (all roles by default). */
	default boolean visibleTo(Viewer viewer) {
		return true;
	}

}
