package com.licencereminder.shared.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The API speaks JSON only. The Twilio SDK brings {@code jackson-dataformat-xml} (its
 * TwiML builder needs it), and with it on the class path Spring MVC would answer
 * {@code Accept: application/xml} with XML; the XML converters are removed instead, so
 * such a request gets JSON where the endpoint allows it and 406 otherwise. Controllers
 * that answer XML on purpose (TwiML) return it as a string. Also sets how each request's
 * language is chosen ({@link ConsoleLocaleResolver}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	/**
	 * The language of each request (see {@link ConsoleLocaleResolver}); {@code ?lang=en}
	 * switches it.
	 */
	@Bean
	LocaleResolver localeResolver() {
		return new ConsoleLocaleResolver();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change);
	}

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.configureMessageConvertersList(converters -> converters.removeIf(WebConfiguration::writesXml));
	}

	private static boolean writesXml(HttpMessageConverter<?> converter) {
		return converter.getSupportedMediaTypes()
			.stream()
			.anyMatch(type -> type.getSubtype().equals("xml") || type.getSubtype().endsWith("+xml"));
	}

}
