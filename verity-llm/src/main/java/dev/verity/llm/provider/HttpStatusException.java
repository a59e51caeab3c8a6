package dev.verity.llm.provider;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP error answer, with its headers, raised by {@link ErrorResponseCapture} for a client library that would
 * otherwise keep only the status and message (the google-genai SDK drops the headers, {@code Retry-After} included).
 */
final class HttpStatusException extends IOException {
    private final int status;
    private final transient Map<String, List<String>> headers;
    private final String body;

    HttpStatusException(int status, Map<String, List<String>> headers, String body) {
        super("HTTP " + status);
        this.status = status;
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        this.headers = Map.copyOf(lower);
        this.body = body;
    }

    int status() {
        return status;
    }

    Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    String body() {
        return body;
    }
}
