/**
 * The HTTP API, started by {@code verity serve} only: thin Spring MVC controllers over the services of
 * {@link dev.verity.app.assembly.Verity}, errors as RFC 9457 problem details ({@link dev.verity.app.server.ProblemHandler}),
 * streamed answers as server-sent events, health and readiness from the data folder's disk, the database and the
 * index. The OpenAPI document is at {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}.
 *
 * <pre>{@code
 * curl -s localhost:8080/v1/query -H 'Content-Type: application/json' -d '{"question": "How many days of leave?"}'
 * }</pre>
 */
@NullMarked
package dev.verity.app.server;

import org.jspecify.annotations.NullMarked;
