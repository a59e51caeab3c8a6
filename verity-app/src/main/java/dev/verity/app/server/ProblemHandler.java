package dev.verity.app.server;

import dev.verity.app.assembly.Verity;
import dev.verity.app.server.security.ForbiddenException;
import dev.verity.conversation.ConversationNotFoundException;
import dev.verity.idempotency.IdempotencyConflictException;
import dev.verity.ingestion.jobs.ReplacementRefusedException;
import dev.verity.runs.RunNotFoundException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as RFC 9457 {@code application/problem+json}: a stable {@code type}, a title, and a detail that says
 * what was wrong. Spring's own errors (malformed JSON, missing parameters, validation, 404, 413…) come through the
 * base class; ours are mapped here. Internal failures never show a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    private final org.springframework.core.env.Environment environment;

    ProblemHandler(org.springframework.core.env.Environment environment) {
        this.environment = environment;
    }

    /** A multipart body that cannot be parsed (no boundary, truncated, not multipart at all): the caller's mistake. */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ProblemDetail malformedMultipart(org.springframework.web.multipart.MultipartException e) {
        LOG.debug("unreadable multipart body", e);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("InvalidFileNameException")) {
                // Tomcat refuses a NUL in a part's file name before any name reaches the controller's sanitising
                return problem(
                        HttpStatus.BAD_REQUEST,
                        "invalid-request",
                        "Invalid request",
                        "a file name contains a NUL character: rename the file and upload it again");
            }
        }
        return problem(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "Invalid request",
                "the multipart body could not be read: send multipart/form-data with a boundary and complete parts");
    }

    /** An upload over the limit: 413 stating the limits, so the caller knows how much to send. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            org.springframework.web.multipart.MaxUploadSizeExceededException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        String perFile = environment.getProperty("spring.servlet.multipart.max-file-size", "1MB");
        String perRequest = environment.getProperty("spring.servlet.multipart.max-request-size", "10MB");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "too-large",
                        "Content too large",
                        "the upload is over the limit of " + perFile + " per file and " + perRequest
                                + " per request; split it into smaller uploads"));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
    }

    @ExceptionHandler({NotFoundException.class, ConversationNotFoundException.class, RunNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ProblemDetail conflict(IdempotencyConflictException e) {
        return problem(conflictStatus(e), "idempotency-conflict", "Idempotency conflict", e.getMessage());
    }

    /**
     * An upload over a document the caller cannot see: 409, naming only the file the caller sent. The same answer as
     * for any name the caller cannot use, so it does not say what holds the name.
     */
    @ExceptionHandler(ReplacementRefusedException.class)
    ProblemDetail replacementRefused(ReplacementRefusedException e) {
        return problem(HttpStatus.CONFLICT, "name-conflict", "Name conflict", e.getMessage());
    }

    /** Unreadable JSON: a 400 whose detail names the field that is unknown or has the wrong type, when there is one. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", unreadable(e)));
    }

    static String unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnrecognizedPropertyException unknown) {
                return "unknown field \"" + field(unknown) + "\"";
            }
            if (t instanceof MismatchedInputException mismatched
                    && !mismatched.getPath().isEmpty()) {
                return "field \"" + field(mismatched) + "\" has the wrong type";
            }
        }
        return "the request body is not valid JSON for this endpoint";
    }

    /** The field's path in the body, e.g. {@code filters.ingested_after}. */
    private static String field(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The index or the database cannot be used ({@link Verity#unavailable}): 503; anything else: 500. */
    @ExceptionHandler(Exception.class)
    ProblemDetail internal(Exception e) {
        if (Verity.unavailable(e)) {
            LOG.error("storage unavailable", e);
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", e.getMessage());
        }
        LOG.error("request failed", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "The request failed on the server; the log has the details.");
    }

    /** The problem a failure maps to, for errors that must be reported inside a stream rather than as a response. */
    static ProblemDetail describe(RuntimeException e) {
        return switch (e) {
            case IllegalArgumentException invalid ->
                problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", invalid.getMessage());
            case ConversationNotFoundException notFound ->
                problem(HttpStatus.NOT_FOUND, "not-found", "Not found", notFound.getMessage());
            case ForbiddenException forbidden ->
                problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", forbidden.getMessage());
            case IdempotencyConflictException conflict ->
                problem(
                        conflictStatus(conflict),
                        "idempotency-conflict",
                        "Idempotency conflict",
                        conflict.getMessage());
            case RuntimeException unavailable
            when Verity.unavailable(unavailable) ->
                problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", e.getMessage());
            default -> {
                LOG.error("streamed request failed", e);
                yield problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal",
                        "Internal error",
                        "The request failed on the server; the log has the details.");
            }
        };
    }

    /** 409 while the key's first request still runs (retry shortly); 422 when the key belongs to another request. */
    private static HttpStatus conflictStatus(IdempotencyConflictException e) {
        return e.inProgress() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT;
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
