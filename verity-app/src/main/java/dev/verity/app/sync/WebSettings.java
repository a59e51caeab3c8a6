package dev.verity.app.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a web sync.
 *
 * @param maxPages pages fetched at most per sync (pages synced before are re-checked on top of these)
 * @param maxDepth links followed from the start page: 0 fetches the page alone, 1 also the pages it links to…
 * @param maxBytes larger responses are refused without being read further
 * @param timeout per request, from sending it to the last byte of the body
 * @param maxRedirects redirects followed per request
 * @param anyHost follow links and sitemap entries to other hosts too (off: the start URL's host only)
 * @param userAgent sent with every request, and the name robots.txt rules are matched against
 */
public record WebSettings(
        int maxPages,
        int maxDepth,
        long maxBytes,
        Duration timeout,
        int maxRedirects,
        boolean anyHost,
        String userAgent) {
    /** Enough for a documentation site or a blog; a bigger crawl should be a deliberate choice. */
    public static final int DEFAULT_MAX_PAGES = 500;
    /** The start page and the pages it links to. */
    public static final int DEFAULT_MAX_DEPTH = 1;
    /** 10 MiB: far beyond any HTML page; PDFs linked from a page fit too. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** What browsers allow is ~20; five covers http→https→www→trailing slash chains. */
    public static final int DEFAULT_MAX_REDIRECTS = 5;
    /** The token robots.txt groups are matched against. */
    public static final String ROBOT_NAME = "verity";

    public static final String DEFAULT_USER_AGENT =
            "Verity/0.1 (self-hosted document search; verity sync; robots.txt respected)";

    public WebSettings {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be >= 1, got " + maxPages);
        }
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must be >= 0, got " + maxDepth);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, got " + maxBytes);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must be >= 0, got " + maxRedirects);
        }
        Objects.requireNonNull(userAgent, "userAgent");
    }

    public static WebSettings defaults() {
        return new WebSettings(
                DEFAULT_MAX_PAGES,
                DEFAULT_MAX_DEPTH,
                DEFAULT_MAX_BYTES,
                DEFAULT_TIMEOUT,
                DEFAULT_MAX_REDIRECTS,
                false,
                DEFAULT_USER_AGENT);
    }
}
