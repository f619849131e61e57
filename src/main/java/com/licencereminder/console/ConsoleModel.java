package com.licencereminder.console;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/** What every {@link ConsolePage} view gets for the layout. */
@ControllerAdvice(annotations = ConsolePage.class)
class ConsoleModel {

	@ModelAttribute("me")
	Viewer me(Authentication authentication) {
		return Viewer.of(authentication);
	}

	@ModelAttribute("lang")
	String lang(Locale locale) {
		return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? "en" : "zh-CN";
	}

	/**
	 * Links to the other pages of this page's list, for the {@code pager} fragment: the
	 * path with the parameters of a GET (the list's filters), without {@code lang}; a
	 * POST's form fields are never put into a link.
	 */
	@ModelAttribute("pageLinks")
	PageLinks pageLinks(HttpServletRequest request) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath(request.getRequestURI());
		if ("GET".equals(request.getMethod())) {
			request.getParameterMap().forEach((name, values) -> {
				if (!"lang".equals(name)) {
					link.queryParam(name, (Object[]) values);
				}
			});
		}
		return new PageLinks(link.encode().build().toUriString());
	}

	/**
	 * This page (its query included) with {@code lang} set to each language, for the
	 * switch.
	 */
	@ModelAttribute("langUrls")
	Map<String, String> langUrls() {
		Map<String, String> urls = new LinkedHashMap<>();
		for (String lang : new String[] { "zh_CN", "en" }) {
			urls.put(lang,
					ServletUriComponentsBuilder.fromCurrentRequest()
						.replaceQueryParam("lang", lang)
						.build()
						.toUriString());
		}
		return urls;
	}

}
