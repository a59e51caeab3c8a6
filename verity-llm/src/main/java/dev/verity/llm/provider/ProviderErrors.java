package dev.verity.llm.provider;

import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.ProviderException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.core.codec.CodecException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where whatever Spring AI, the provider SDKs and the HTTP clients throw becomes a
 * {@link ProviderException}. The cause chain is searched, in this order, for:
 *
 * <ol>
 *   <li>an HTTP error answer, wherever it is wrapped: its status decides the kind through
 *       {@link Kind#forHttpStatus(int)}, and {@code Retry-After} (or {@code retry-after-ms}) the wait. Two refinements
 *       read the body: an Azure OpenAI {@code content_filter} refusal (HTTP 400) is {@code CONTENT_FILTERED}, and
 *       Gemini's {@code API_KEY_INVALID} (HTTP 400) is {@code AUTHENTICATION};
 *   <li>an error event inside a stream that had started with HTTP 200 (Anthropic's {@code overloaded_error}…), kind
 *       by the status the same error has outside a stream;
 *   <li>a body that could not be read (malformed JSON, a missing required field): {@code INVALID_RESPONSE};
 *   <li>a timeout (socket read, JDK client, a stream gap): {@code TIMEOUT};
 *   <li>any other I/O failure (refused, reset, closed early, DNS, TLS): {@code CONNECTION}.
 * </ol>
 *
 * What each library keeps of an error answer: the openai-java and anthropic-java SDKs throw
 * {@code OpenAIServiceException} / {@code AnthropicServiceException} subclasses with {@code statusCode()},
 * {@code headers()} and {@code body()}; Spring's {@code RestClientResponseException} and
 * {@code WebClientResponseException} keep status, headers and body; the google-genai SDK's {@code ApiException} keeps
 * status code and message but no headers, so the Gemini client raises {@link HttpStatusException} first; Spring AI's
 * {@code TransientAiException}/{@code NonTransientAiException} keep only a message, from which a leading status is
 * read.
 */
public final class ProviderErrors {
    /** Longest provider message kept in an exception message: enough to diagnose, short enough for a log line. */
    private static final int MAX_DETAIL_CHARS = 300;

    private static final int MAX_CAUSES = 32;
    private static final Pattern LEADING_STATUS = Pattern.compile("^\\s*(\\d{3})\\b");
    private static final Pattern DELAY_SECONDS = Pattern.compile("\\d+(\\.\\d+)?");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProviderErrors() {}

    /** The {@link ProviderException} for a failed call to {@code provider}; one already made is returned as is. */
    public static ProviderException map(String provider, Throwable error) {
        return map(provider, error, Clock.systemUTC());
    }

    static ProviderException map(String provider, Throwable error, Clock clock) {
        List<Throwable> chain = causes(error);
        for (Throwable t : chain) {
            if (t instanceof ProviderException known) {
                return known;
            }
        }
        for (Throwable t : chain) {
            Optional<HttpFailure> failure = httpFailure(t);
            if (failure.isPresent()) {
                return fromHttp(provider, failure.get(), error, clock);
            }
        }
        for (Throwable t : chain) {
            if (isUnreadable(t)) {
                return new ProviderException(
                        Kind.INVALID_RESPONSE,
                        provider,
                        0,
                        Optional.empty(),
                        "the response could not be read: " + describe(t),
                        error);
            }
        }
        for (Throwable t : chain) {
            if (isTimeout(t)) {
                return new ProviderException(
                        Kind.TIMEOUT, provider, 0, Optional.empty(), "no answer in time: " + describe(t), error);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof IOException
                    || t instanceof UncheckedIOException
                    || t instanceof OpenAIIoException
                    || t instanceof AnthropicIoException
                    || t instanceof GenAiIOException
                    || t instanceof ResourceAccessException
                    || t instanceof WebClientRequestException) {
                return new ProviderException(
                        Kind.CONNECTION,
                        provider,
                        0,
                        Optional.empty(),
                        "the connection failed: " + describe(deepest(chain)),
                        error);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof TransientAiException) {
                return new ProviderException(Kind.SERVER_ERROR, provider, 0, Optional.empty(), describe(t), error);
            }
            if (t instanceof NonTransientAiException) {
                return new ProviderException(Kind.BAD_REQUEST, provider, 0, Optional.empty(), describe(t), error);
            }
        }
        if (error instanceof IllegalArgumentException) {
            return new ProviderException(
                    Kind.BAD_REQUEST,
                    provider,
                    0,
                    Optional.empty(),
                    "the request could not be built: " + describe(error),
                    error);
        }
        // Anything else came from handling an answer we did not expect (a missing field, an empty choice list…).
        return new ProviderException(
                Kind.INVALID_RESPONSE, provider, 0, Optional.empty(), "unexpected failure: " + describe(error), error);
    }

    /**
     * The wait a {@code Retry-After} header asks for: delay-seconds (fractions allowed) or an HTTP date, measured from
     * {@code clock}; a date in the past means now. Empty when the value is neither.
     */
    public static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (DELAY_SECONDS.matcher(v).matches()) {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * An HTTP error answer as any library reported it.
     *
     * @param detail the provider's own message
     * @param body the error body, or what the library kept of it, for the refinements
     */
    private record HttpFailure(int status, Function<String, Optional<String>> header, String detail, String body) {}

    private static Optional<HttpFailure> httpFailure(Throwable t) {
        if (t instanceof OpenAIServiceException e) {
            // getMessage() is "<status>: <error.message>"; body() keeps the error object, code included.
            String message = String.valueOf(e.getMessage()).replaceFirst("^\\d{3}: ", "");
            return Optional.of(new HttpFailure(
                    e.statusCode(),
                    name -> first(e.headers().values(name)),
                    truncate(message),
                    String.valueOf(e.body())));
        }
        if (t instanceof AnthropicServiceException e) {
            // getMessage() is "<status>: <the error body as JSON>".
            String message = String.valueOf(e.getMessage());
            return Optional.of(new HttpFailure(
                    e.statusCode(), name -> first(e.headers().values(name)), errorMessage(message), message));
        }
        if (t instanceof HttpStatusException e) {
            return Optional.of(new HttpFailure(e.status(), e::header, errorMessage(e.body()), e.body()));
        }
        if (t instanceof ApiException e) {
            return Optional.of(new HttpFailure(
                    e.code(), name -> Optional.empty(), truncate(e.message()), e.status() + ": " + e.message()));
        }
        if (t instanceof RestClientResponseException e) {
            String body = e.getResponseBodyAsString();
            return Optional.of(new HttpFailure(
                    e.getStatusCode().value(),
                    name -> e.getResponseHeaders() == null
                            ? Optional.empty()
                            : Optional.ofNullable(e.getResponseHeaders().getFirst(name)),
                    errorMessage(body),
                    body));
        }
        if (t instanceof WebClientResponseException e) {
            String body = e.getResponseBodyAsString();
            return Optional.of(new HttpFailure(
                    e.getStatusCode().value(),
                    name -> Optional.ofNullable(e.getHeaders().getFirst(name)),
                    errorMessage(body),
                    body));
        }
        if (t instanceof TransientAiException || t instanceof NonTransientAiException) {
            // Spring AI's default error handler writes "<status> - <body>".
            String message = String.valueOf(t.getMessage());
            Matcher m = LEADING_STATUS.matcher(message);
            if (m.find() && Integer.parseInt(m.group(1)) >= 400) {
                String body = message.substring(m.end()).replaceFirst("^\\s*-\\s*", "");
                return Optional.of(new HttpFailure(
                        Integer.parseInt(m.group(1)), name -> Optional.empty(), errorMessage(body), body));
            }
        }
        return Optional.empty();
    }

    private static ProviderException fromHttp(String provider, HttpFailure f, Throwable error, Clock clock) {
        String detail = f.detail();
        if (f.status() < 400) {
            // An error event inside a stream that began with HTTP 200: judge it by the status it has elsewhere.
            int equivalent = statusOfErrorType(f.body());
            return new ProviderException(
                    Kind.forHttpStatus(equivalent),
                    provider,
                    f.status(),
                    Optional.empty(),
                    "error event in the stream: " + detail,
                    error);
        }
        Kind kind = Kind.forHttpStatus(f.status());
        if (f.status() == 400 && f.body().contains("content_filter")) {
            kind = Kind.CONTENT_FILTERED;
        } else if (f.status() == 400
                && (f.body().contains("API_KEY_INVALID") || f.body().contains("API key not valid"))) {
            kind = Kind.AUTHENTICATION;
        }
        Optional<Duration> retryAfter = f.header()
                .apply("retry-after-ms")
                .filter(v -> DELAY_SECONDS.matcher(v.strip()).matches())
                .map(v -> Duration.ofMillis(Math.round(Double.parseDouble(v.strip()))))
                .or(() -> f.header().apply("retry-after").flatMap(v -> parseRetryAfter(v, clock)));
        return new ProviderException(kind, provider, f.status(), retryAfter, detail, error);
    }

    /** Anthropic-style error types, by the HTTP status the same error has outside a stream. */
    private static int statusOfErrorType(String body) {
        String b = body.toLowerCase(Locale.ROOT);
        if (b.contains("overloaded")) {
            return 529;
        }
        if (b.contains("rate_limit")) {
            return 429;
        }
        if (b.contains("authentication")) {
            return 401;
        }
        if (b.contains("permission")) {
            return 403;
        }
        if (b.contains("not_found")) {
            return 404;
        }
        if (b.contains("invalid_request") || b.contains("request_too_large")) {
            return 400;
        }
        return 500;
    }

    /** The provider's own message from an error body ({@code error.message}, {@code error}, {@code message}). */
    private static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String message = body;
        int json = body.indexOf('{');
        if (json >= 0) {
            try {
                JsonNode root = JSON.readTree(body.substring(json));
                JsonNode error = root.path("error");
                if (error.isString()) {
                    message = error.asString();
                } else if (error.path("message").isString()) {
                    message = error.path("message").asString();
                } else if (root.path("message").isString()) {
                    message = root.path("message").asString();
                }
            } catch (RuntimeException notJson) {
                // keep the raw body
            }
        }
        return truncate(message.strip().replaceAll("\\s+", " "));
    }

    private static boolean isUnreadable(Throwable t) {
        return t instanceof OpenAIInvalidDataException
                || t instanceof AnthropicInvalidDataException
                || t instanceof com.fasterxml.jackson.core.JacksonException
                || t instanceof tools.jackson.core.JacksonException
                || t instanceof HttpMessageNotReadableException
                || t instanceof CodecException;
    }

    private static boolean isTimeout(Throwable t) {
        return t instanceof SocketTimeoutException
                || t instanceof HttpTimeoutException
                || t instanceof TimeoutException
                // OkHttp's call timeout
                || (t instanceof InterruptedIOException && "timeout".equals(t.getMessage()));
    }

    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && chain.size() < MAX_CAUSES && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static Throwable deepest(List<Throwable> chain) {
        return chain.getLast();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + truncate(message));
    }

    private static String truncate(String s) {
        return s.length() <= MAX_DETAIL_CHARS ? s : s.substring(0, MAX_DETAIL_CHARS) + "…";
    }

    private static Optional<String> first(List<String> values) {
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.getFirst());
    }
}
