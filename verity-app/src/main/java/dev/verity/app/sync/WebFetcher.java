package dev.verity.app.sync;

import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * GETs one URL within the {@link WebSettings} limits: http and https only, redirects followed by hand (each hop
 * checked by the caller's rule and counted), the body read up to the size limit and not one byte further, the whole
 * exchange within the timeout.
 */
final class WebFetcher {
    private final HttpClient client;
    private final WebSettings settings;

    WebFetcher(WebSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .build();
    }

    /** A final answer: any status but a redirect. */
    record Fetched(
            URI uri,
            int status,
            String mediaType,
            byte[] body,
            Optional<String> etag,
            Optional<String> lastModified,
            Optional<String> location) {}

    /** The URL could not be fetched: too large, too slow, a redirect loop, a refused redirect, a network error. */
    static final class FetchException extends Exception {
        private final transient Rejection rejection;

        FetchException(RejectionReason reason, String detail) {
            super(detail);
            this.rejection = new Rejection(reason, detail);
        }

        Rejection rejection() {
            return rejection;
        }
    }

    /** True for the only schemes fetched; everything else (file:, ftp:, jar:, gopher:…) is refused. */
    static boolean isWeb(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    /**
     * @param redirectAllowed whether a redirect may go to this URL (host and robots.txt rules)
     */
    Fetched get(URI uri, Optional<String> etag, Optional<String> lastModified, Predicate<URI> redirectAllowed)
            throws FetchException {
        URI current = uri;
        for (int hop = 0; ; hop++) {
            Fetched fetched = once(current, etag, lastModified);
            if (fetched.status() < 300 || fetched.status() >= 400 || fetched.status() == 304) {
                return fetched;
            }
            Optional<String> location = fetched.location();
            if (location.isEmpty()) {
                return fetched;
            }
            if (hop >= settings.maxRedirects()) {
                throw new FetchException(
                        RejectionReason.UNREADABLE,
                        "more than " + settings.maxRedirects() + " redirects from " + uri + " (a redirect loop?)");
            }
            URI next;
            try {
                next = current.resolve(location.get().strip());
            } catch (IllegalArgumentException e) {
                throw new FetchException(
                        RejectionReason.UNREADABLE,
                        "the server redirected " + current + " to a malformed URL: " + location.get());
            }
            if (!isWeb(next)) {
                throw new FetchException(
                        RejectionReason.UNREADABLE,
                        "the server redirected " + current + " to " + next + "; only http and https URLs are fetched");
            }
            if (!redirectAllowed.test(next)) {
                throw new FetchException(
                        RejectionReason.UNREADABLE,
                        "the server redirected " + current + " to " + next
                                + ", outside what this sync may fetch (another host, or disallowed by robots.txt)");
            }
            current = next;
        }
    }

    private Fetched once(URI uri, Optional<String> etag, Optional<String> lastModified) throws FetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(settings.timeout())
                .header("User-Agent", settings.userAgent())
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        etag.ifPresent(v -> request.header("If-None-Match", v));
        lastModified.ifPresent(v -> request.header("If-Modified-Since", v));
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(
                request.build(),
                info -> new LimitedBody(
                        settings.maxBytes(),
                        info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        HttpResponse<byte[]> response;
        try {
            response = future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchException(
                    RejectionReason.UNREADABLE,
                    "no complete answer from " + uri + " within "
                            + settings.timeout().toMillis() + " ms; raise --timeout if the server is just slow");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(RejectionReason.UNREADABLE, "interrupted while fetching " + uri);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof TooLarge) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof TooLarge) {
                throw new FetchException(
                        RejectionReason.TOO_LARGE,
                        uri + " is larger than the limit of " + settings.maxBytes()
                                + " bytes; raise it with --max-page-size");
            }
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                throw new FetchException(
                        RejectionReason.UNREADABLE,
                        "no answer from " + uri + " within "
                                + settings.timeout().toMillis() + " ms; raise --timeout if the server is just slow");
            }
            throw new FetchException(
                    RejectionReason.UNREADABLE,
                    "cannot fetch " + uri + ": " + e.getCause().getClass().getSimpleName() + " "
                            + e.getCause().getMessage());
        }
        int status = response.statusCode();
        String mediaType = response.headers()
                .firstValue("Content-Type")
                .orElse("")
                .split(";")[0]
                .strip()
                .toLowerCase(Locale.ROOT);
        if (status >= 300 && status < 400 && status != 304) {
            return new Fetched(
                    response.uri(),
                    status,
                    mediaType,
                    new byte[0],
                    Optional.empty(),
                    Optional.empty(),
                    response.headers().firstValue("Location"));
        }
        return new Fetched(
                response.uri(),
                status,
                mediaType,
                response.body(),
                response.headers().firstValue("ETag"),
                response.headers().firstValue("Last-Modified"),
                Optional.empty());
    }

    /** The body was larger than the limit. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("response larger than the limit");
        }
    }

    /** Collects the body up to a limit; one byte more cancels the exchange. */
    private static final class LimitedBody implements BodySubscriber<byte[]> {
        private final long max;
        private final long declared;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(long max, long declared) {
            this.max = max;
            this.declared = declared;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declared > max) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge());
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
