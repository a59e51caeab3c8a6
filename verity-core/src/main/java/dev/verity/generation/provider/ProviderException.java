package dev.verity.generation.provider;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A call to a model failed. Grouped by what the caller can do: {@link #retriable()} failures (rate limits, server
 * errors, timeouts, dropped connections) may succeed later; the others (bad credentials, a request the provider
 * refuses, an unknown model) will not until configuration changes.
 */
public class ProviderException extends RuntimeException {
    /** What went wrong, in the terms a fallback decision and an answer's {@code degraded_reason} need. */
    public enum Kind {
        RATE_LIMITED(true),
        SERVER_ERROR(true),
        TIMEOUT(true),
        CONNECTION(true),
        CIRCUIT_OPEN(true),
        OVERLOADED(true),
        AUTHENTICATION(false),
        BAD_REQUEST(false),
        NOT_FOUND(false),
        CONTENT_FILTERED(false),
        INVALID_RESPONSE(false),
        /**
         * Refused before any call: the call could pass a hard spending limit ({@code dev.verity.usage.budget}). Never
         * retried and never counted against a provider's circuit: it says nothing about the provider.
         */
        BUDGET(false);

        private final boolean retriable;

        Kind(boolean retriable) {
            this.retriable = retriable;
        }

        public boolean retriable() {
            return retriable;
        }

        /** The stable code, e.g. {@code rate_limited}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The kind of an HTTP error status, the same for every provider: 429 rate limited; 408 and 504 timeout; 503
         * and 529 overloaded; other 5xx server error; 401 and 403 authentication; 404 not found; other 4xx bad
         * request.
         */
        public static Kind forHttpStatus(int status) {
            return switch (status) {
                case 429 -> RATE_LIMITED;
                case 408, 504 -> TIMEOUT;
                case 503, 529 -> OVERLOADED;
                case 401, 403 -> AUTHENTICATION;
                case 404 -> NOT_FOUND;
                default -> {
                    if (status >= 500) {
                        yield SERVER_ERROR;
                    }
                    if (status >= 400) {
                        yield BAD_REQUEST;
                    }
                    throw new IllegalArgumentException("status must be an HTTP error (>= 400), got " + status);
                }
            };
        }
    }

    private final Kind kind;
    private final String provider;
    private final int httpStatus;
    private final transient Optional<Duration> retryAfter;

    public ProviderException(
            Kind kind,
            String provider,
            int httpStatus,
            Optional<Duration> retryAfter,
            String message,
            Throwable cause) {
        super(
                provider + ": " + kind.code() + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "") + ": " + message,
                cause);
        this.kind = kind;
        this.provider = provider;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public ProviderException(Kind kind, String provider, String message) {
        this(kind, provider, 0, Optional.empty(), message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String provider() {
        return provider;
    }

    /** The HTTP status the provider answered with, or 0 when there was no response. */
    public int httpStatus() {
        return httpStatus;
    }

    public boolean retriable() {
        return kind.retriable();
    }

    /** The wait the provider asked for ({@code Retry-After}), when it did. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
