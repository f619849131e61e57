package com.licencereminder.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served by springdoc at {@code /v3/api-docs} and shown at
 * {@code /swagger-ui.html} (both behind login): the API of {@code /api/**}, which takes
 * HTTP Basic, so "Authorize" in the UI asks for a user name and password.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String BASIC = "basic";

	@Bean
	OpenAPI licenceReminderApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI().info(new Info().title("Licence Reminder API")
			.version(properties == null ? "development" : properties.getVersion())
			.description(
					"ImportQueue of licence lists, the licence registry, reminders, the delivery log, the follow-up"
							+ " list, users and the audit log. Every call needs HTTP Basic with a user of the role the"
							+ " route requires (README, section \"Users, roles and the audit log\")."))
			.components(new Components().addSecuritySchemes(BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC));
	}

}
