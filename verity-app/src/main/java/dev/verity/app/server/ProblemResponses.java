package dev.verity.app.server;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Every error response the controllers declare (4xx and 5xx) is RFC 9457 problem details, as {@link ProblemHandler}
 * writes them: the OpenAPI document says so once, here, instead of the same {@code @Content} on every annotation.
 */
@Component
class ProblemResponses implements OpenApiCustomizer {
    private static final String PROBLEM = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String SCHEMA = ProblemDetail.class.getSimpleName();

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        ModelConverters.getInstance().read(ProblemDetail.class).forEach(api.getComponents()::addSchemas);
        Content problem = new Content()
                .addMediaType(PROBLEM, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)));
        api.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(operation -> {
                    if (operation.getResponses() != null) {
                        operation.getResponses().forEach((code, response) -> describe(code, response, problem));
                    }
                }));
    }

    private static void describe(String code, ApiResponse response, Content problem) {
        boolean error = code.startsWith("4") || code.startsWith("5");
        if (error && (response.getContent() == null || response.getContent().isEmpty())) {
            response.setContent(problem);
        }
    }
}
