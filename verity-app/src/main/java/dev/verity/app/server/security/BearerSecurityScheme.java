package dev.verity.app.server.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document says how to authenticate: one HTTP bearer scheme (an API key or an OIDC token) required by
 * every operation, so Swagger UI offers "Authorize" and generated clients send the header.
 */
@Component
class BearerSecurityScheme implements OpenApiCustomizer {
    static final String NAME = "bearer";

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents()
                .addSecuritySchemes(
                        NAME,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("An API key (verity keys create) or a JWT of the configured OIDC"
                                        + " provider; not needed on a loopback server without either"));
        api.addSecurityItem(new SecurityRequirement().addList(NAME));
    }
}
