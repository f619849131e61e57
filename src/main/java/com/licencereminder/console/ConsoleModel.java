package com.licencereminder.console;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

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

	/** This page (its query included) with {@code lang} set to each language, for the switch. */
	@ModelAttribute("langUrls")
	Map<String, String> langUrls() {
		Map<String, String> urls = new LinkedHashMap<>();
		for (String lang : new String[] { "zh_CN", "en" }) {
			urls.put(lang, ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("lang", lang)
				.build().toUriString());
		}
		return urls;
	}

}
