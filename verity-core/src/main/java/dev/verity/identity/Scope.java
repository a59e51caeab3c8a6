package dev.verity.identity;

import java.util.Locale;

/**
 * What a caller may do. A key or token holds a set of scopes; every endpoint and command names the one it needs.
 */
public enum Scope {
    /** Ask questions, hold conversations, list the collections and documents the caller can see. */
    QUERY,
    /** Upload, replace and delete documents the caller can see; follow ingestion jobs. */
    INGEST,
    /** Keys, audit log, usage, evaluation, repair and health details. Does not widen what documents are visible. */
    ADMIN,
    /** Name the principals of a request (a trusted backend acting for its users); every such request is audited. */
    IMPERSONATE,
    /**
     * Read the server's meters at {@code /actuator/prometheus}: for a Prometheus scraper, which needs no other right.
     * The meters carry no document text, question or caller id; {@link #ADMIN} may read them too.
     */
    METRICS;

    /** The lower-case name used in keys, tokens, configuration and messages, e.g. {@code query}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope named {@code code} (case-insensitive); an unknown name is the caller's mistake. */
    public static Scope of(String code) {
        for (Scope scope : values()) {
            if (scope.code().equalsIgnoreCase(code.strip())) {
                return scope;
            }
        }
        throw new IllegalArgumentException(
                "unknown scope \"" + code + "\": use query, ingest, admin, impersonate or metrics");
    }
}
