package com.licencereminder.console;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard at {@code /}: the panels of every module the viewer may see. */
@Controller
@ConsolePage
class DashboardPage {

	private final List<DashboardPanel> panels;

	DashboardPage(List<DashboardPanel> panels) {
		this.panels = panels.stream().sorted(Comparator.comparingInt(DashboardPanel::order)).toList();
	}

	@GetMapping("/")
	String dashboard(Authentication authentication, Model model) {
		Viewer viewer = Viewer.of(authentication);
		model.addAttribute("panels",
				panels.stream()
					.filter(panel -> panel.visibleTo(viewer))
					.map(panel -> new Shown(panel.template(), panel.model(viewer)))
					.toList());
		return "console/dashboard";
	}

	/** A panel as the template renders it. */
	record Shown(String template, Map<String, Object> model) {
	}

}
