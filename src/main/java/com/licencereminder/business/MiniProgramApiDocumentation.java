package com.licencereminder.business;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the mini-program's bearer session to the OpenAPI description, so that the routes
 * tagged {@value MiniProgramController#TAG} say how they are authenticated (the rest of
 * the API takes HTTP Basic).
 */
@Configuration(proxyBeanMethods = false)
class MiniProgramApiDocumentation {

	@Bean
	OpenApiCustomizer miniProgramSession() {
		return api -> {
			if (api.getComponents() == null) {
				api.setComponents(new Components());
			}
			api.getComponents()
				.addSecuritySchemes(MiniProgramController.BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("The token of POST /api/mp/session (docs/mini-program-api.md)"));
		};
	}

}
