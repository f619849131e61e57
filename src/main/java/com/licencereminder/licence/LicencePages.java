package com.licencereminder.licence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import com.licencereminder.console.ConsolePage;
import com.licencereminder.console.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The licence pages: the search ({@code /licences}, the API's filters) and one licence
 * ({@code /licences/{id}}) with its validity cycles and the sections other modules render
 * ({@link LicenceDetailSection#consoleTemplate()}). Phone numbers and openids are masked
 * unless the viewer is an administrator, as in the API.
 */
@Controller
@ConsolePage
class LicencePages {

	static final int PAGE_SIZE = 50;

	private final LicenceSearch search;

	private final List<LicenceDetailSection> sections;

	private final Clock clock;

	LicencePages(LicenceSearch search, List<LicenceDetailSection> sections, Clock clock) {
		this.search = search;
		this.sections = sections;
		this.clock = clock;
	}

	@GetMapping("/licences")
	String licences(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
			@RequestParam(required = false) Integer expiringWithinDays, @RequestParam(defaultValue = "0") int page,
			Authentication authentication, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("status", status);
		model.addAttribute("expiringWithinDays", expiringWithinDays);
		model.addAttribute("statuses", LicenceStatus.values());
		try {
			model.addAttribute("result", search.search(q, status, expiringWithinDays, Math.max(page, 0), PAGE_SIZE,
					Viewer.of(authentication).admin()));
		}
		catch (ResponseStatusException ex) {
			model.addAttribute("error", "licence.search.invalid");
			model.addAttribute("result", new LicenceSearch.LicencePage(List.of(), 0, PAGE_SIZE, 0, 0));
		}
		return "licence/licences";
	}

	@GetMapping("/licences/{id}")
	String licence(@PathVariable String id, Authentication authentication, Model model) {
		Licence licence = search.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		boolean full = Viewer.of(authentication).admin();
		model.addAttribute("licence", search.view(licence, full));
		List<Renewal> renewals = new ArrayList<>(search.renewals(id));
		Collections.reverse(renewals);
		model.addAttribute("renewals", renewals);
		model.addAttribute("sections",
				sections.stream()
					.filter(section -> section.consoleTemplate() != null)
					.map(section -> new Shown(section.consoleTemplate(), section.contentFor(licence, full)))
					.filter(shown -> Objects.nonNull(shown.content()))
					.toList());
		model.addAttribute("zone", clock.getZone());
		return "licence/licence";
	}

	/** A contributed section as the detail template renders it. */
	record Shown(String template, Object content) {
	}

}
