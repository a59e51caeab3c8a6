package dev.verity.app.sync;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import dev.verity.app.sync.WebFetcher.FetchException;
import dev.verity.app.sync.WebFetcher.Fetched;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.ingestion.sync.SourceListing;
import dev.verity.ingestion.sync.SyncEntry;
import dev.verity.ingestion.sync.SyncItem;
import dev.verity.internal.Hashing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Lists a web site for a sync. The start URL decides what is fetched:
 *
 * <ul>
 *   <li>a sitemap ({@code .xml}, or served as XML), or a sitemap index: the pages it lists;
 *   <li>{@code /robots.txt}: the pages of the sitemaps its {@code Sitemap:} lines name;
 *   <li>a site's root ({@code https://host/}): the page, the links it holds up to {@link WebSettings#maxDepth()},
 *       and the pages of the sitemaps robots.txt names;
 *   <li>any other page: the page and the links it holds up to {@link WebSettings#maxDepth()}.
 * </ul>
 *
 * Only pages of the start URL's host are fetched (unless {@link WebSettings#anyHost()}), robots.txt is obeyed for
 * every host, and at most {@link WebSettings#maxPages()} pages are fetched. Every page an earlier sync of the same
 * root recorded is fetched again, conditionally ({@code If-None-Match}, {@code If-Modified-Since}) when its stored
 * version is current: unchanged pages cost a 304, pages answering 404 or 410 are left out of the listing (so the
 * plan deletes them), pages that fail otherwise (timeout, 5xx, too large) are refused (so their documents are kept).
 * A page robots.txt has come to disallow is not fetched and so, like a gone page, deleted.
 *
 * <p>Each page is saved to {@code downloads} with the extension of its media type, so the parser reads it as what the
 * server said it is.
 */
public final class WebSource {
    /** Sitemaps read at most per sync: an index of indexes cannot make a sync fetch without end. */
    private static final int MAX_SITEMAPS = 50;

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("text/html", ".html"),
            Map.entry("application/xhtml+xml", ".html"),
            Map.entry("text/plain", ".txt"),
            Map.entry("text/markdown", ".md"),
            Map.entry("text/csv", ".csv"),
            Map.entry("application/pdf", ".pdf"),
            Map.entry("application/rtf", ".rtf"),
            Map.entry("application/epub+zip", ".epub"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
            Map.entry("application/vnd.oasis.opendocument.text", ".odt"),
            Map.entry("message/rfc822", ".eml"));

    private final WebSettings settings;
    private final WebFetcher fetcher;
    private final SimpleRobotRulesParser robotsParser = new SimpleRobotRulesParser();
    private final Map<String, BaseRobotRules> robots = new HashMap<>();

    public WebSource(WebSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fetcher = new WebFetcher(settings);
    }

    /** The start URL as given, checked: http or https with a host. */
    public static URI startUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + url + " (" + e.getReason() + ")");
        }
        if (!WebFetcher.isWeb(uri)) {
            throw new IllegalArgumentException("only http and https URLs can be synced, got " + url);
        }
        return normalize(uri);
    }

    /** What a sync saw, and what it skipped. */
    public record Crawl(SourceListing listing, List<String> disallowed, int sitemaps) {}

    /**
     * @param start the start URL ({@link #startUrl})
     * @param owned what earlier syncs of this root recorded, by source (the page's URL)
     * @param indexedSha the SHA-256 of the collection's current version of a source, if any
     * @param downloads a folder for the pages fetched; the caller deletes it after the sync
     */
    public Crawl crawl(
            URI start, Map<String, SyncEntry> owned, Function<String, Optional<String>> indexedSha, Path downloads) {
        Run run = new Run(start, owned, indexedSha, downloads);
        String path = start.getPath() == null ? "" : start.getPath();
        if (path.endsWith("/robots.txt")) {
            rules(start).getSitemaps().forEach(s -> run.sitemap(s));
        } else if (path.isEmpty() || path.equals("/")) {
            run.enqueue(start, 0);
            rules(start).getSitemaps().forEach(s -> run.sitemap(s));
        } else {
            run.enqueue(start, 0);
        }
        run.drain();
        for (String source : owned.keySet()) {
            if (!run.seen.contains(source)) {
                run.page(URI.create(source), settings.maxDepth(), true);
            }
        }
        return new Crawl(new SourceListing(run.items, run.refused), List.copyOf(run.disallowed), run.sitemapsRead);
    }

    private final class Run {
        final URI start;
        final Map<String, SyncEntry> owned;
        final Function<String, Optional<String>> indexedSha;
        final Path downloads;
        final Deque<Target> queue = new ArrayDeque<>();
        final Set<String> seen = new HashSet<>();
        final List<SyncItem> items = new ArrayList<>();
        final List<SourceListing.Refused> refused = new ArrayList<>();
        final List<String> disallowed = new ArrayList<>();
        int fetched;
        int saved;
        int sitemapsRead;

        Run(URI start, Map<String, SyncEntry> owned, Function<String, Optional<String>> indexedSha, Path downloads) {
            this.start = start;
            this.owned = owned;
            this.indexedSha = indexedSha;
            this.downloads = downloads;
        }

        record Target(URI uri, int depth) {}

        void enqueue(URI uri, int depth) {
            queue.add(new Target(uri, depth));
        }

        void drain() {
            while (!queue.isEmpty() && fetched < settings.maxPages()) {
                Target target = queue.poll();
                page(target.uri(), target.depth(), false);
            }
        }

        /** Reads a sitemap or sitemap index and queues the pages it lists; they are not followed further. */
        void sitemap(String url) {
            URI uri;
            try {
                uri = normalize(new URI(url.strip()));
            } catch (URISyntaxException e) {
                return;
            }
            if (sitemapsRead >= MAX_SITEMAPS || !WebFetcher.isWeb(uri) || !inScope(uri) || !allowed(uri)) {
                return;
            }
            sitemapsRead++;
            try {
                Fetched f = fetcher.get(uri, Optional.empty(), Optional.empty(), this::mayFetch);
                if (f.status() != 200) {
                    return;
                }
                AbstractSiteMap map = new SiteMapParser(false).parseSiteMap(f.mediaType(), f.body(), uri.toURL());
                if (map instanceof SiteMapIndex index) {
                    for (AbstractSiteMap child : index.getSitemaps()) {
                        sitemap(child.getUrl().toString());
                    }
                } else if (map instanceof SiteMap pages) {
                    for (SiteMapURL page : pages.getSiteMapUrls()) {
                        try {
                            enqueue(normalize(page.getUrl().toURI()), settings.maxDepth());
                        } catch (URISyntaxException ignored) {
                            // a URL java.net.URI rejects is no page we can fetch
                        }
                    }
                }
            } catch (FetchException | IOException | crawlercommons.sitemaps.UnknownFormatException e) {
                // an unreadable sitemap lists no pages; the pages it listed before are re-checked one by one
            }
        }

        void page(URI uri, int depth, boolean recheck) {
            String source = uri.toString();
            if (!seen.add(source) || !WebFetcher.isWeb(uri) || !inScope(uri)) {
                return;
            }
            if (!allowed(uri)) {
                disallowed.add(source);
                return;
            }
            if (!recheck) {
                fetched++;
            }
            SyncEntry entry = owned.get(source);
            boolean current = entry != null
                    && indexedSha
                            .apply(source)
                            .filter(entry.contentSha256()::equals)
                            .isPresent();
            Fetched f;
            try {
                f = fetcher.get(
                        uri,
                        current ? entry.etag() : Optional.empty(),
                        current ? entry.lastModified() : Optional.empty(),
                        this::mayFetch);
            } catch (FetchException e) {
                refused.add(new SourceListing.Refused(source, e.rejection()));
                return;
            }
            if (f.status() == 304 && current) {
                items.add(new SyncItem(
                        source, Optional.empty(), entry.contentSha256(), entry.etag(), entry.lastModified()));
                return;
            }
            if (f.status() == 404 || f.status() == 410) {
                return; // gone: if an earlier sync indexed it, the plan deletes it
            }
            if (f.status() != 200) {
                refused.add(new SourceListing.Refused(
                        source,
                        new Rejection(
                                RejectionReason.UNREADABLE,
                                "the server answered HTTP " + f.status() + " for " + source)));
                return;
            }
            String finalSource = normalize(f.uri()).toString();
            if (!finalSource.equals(source) && !seen.add(finalSource)) {
                return; // redirected to a page already listed
            }
            Path file = save(f);
            items.add(new SyncItem(
                    finalSource,
                    Optional.of(new SourceFile(file, finalSource)),
                    Hashing.sha256(file),
                    f.etag(),
                    f.lastModified()));
            if (depth < settings.maxDepth() && isHtml(f.mediaType(), f.uri())) {
                for (URI link : links(f)) {
                    enqueue(link, depth + 1);
                }
            }
        }

        boolean inScope(URI uri) {
            return settings.anyHost() || sameSite(uri, start);
        }

        boolean mayFetch(URI uri) {
            return inScope(uri) && allowed(uri);
        }

        Path save(Fetched f) {
            Path file = downloads.resolve("page-" + (++saved) + extension(f));
            try {
                Files.write(file, f.body());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the page " + f.uri() + " to " + file, e);
            }
            return file;
        }
    }

    private boolean allowed(URI uri) {
        return rules(uri).isAllowed(uri.toString());
    }

    /** The robots.txt rules of a URL's site, fetched once per sync. */
    private BaseRobotRules rules(URI uri) {
        String site = site(uri);
        BaseRobotRules cached = robots.get(site);
        if (cached != null) {
            return cached;
        }
        URI robotsTxt = URI.create(site + "/robots.txt");
        BaseRobotRules rules;
        try {
            Fetched f = fetcher.get(robotsTxt, Optional.empty(), Optional.empty(), u -> true);
            rules = f.status() == 200
                    ? robotsParser.parseContent(
                            robotsTxt.toString(), f.body(), f.mediaType(), List.of(WebSettings.ROBOT_NAME))
                    : robotsParser.failedFetch(f.status());
        } catch (FetchException e) {
            // robots.txt that cannot be read: fetch nothing from the site rather than ignore its rules
            rules = robotsParser.failedFetch(503);
        }
        robots.put(site, rules);
        return rules;
    }

    private static boolean isHtml(String mediaType, URI uri) {
        return mediaType.equals("text/html")
                || mediaType.equals("application/xhtml+xml")
                || (mediaType.isEmpty()
                        && uri.getPath() != null
                        && uri.getPath().matches("(?i).*\\.x?html?$"));
    }

    private static List<URI> links(Fetched f) {
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(f.body()), null, f.uri().toString());
        } catch (IOException e) {
            return List.of();
        }
        List<URI> links = new ArrayList<>();
        for (Element a : doc.select("a[href]")) {
            if (a.attr("rel").toLowerCase(Locale.ROOT).contains("nofollow")) {
                continue;
            }
            String href = a.attr("abs:href");
            try {
                URI link = normalize(new URI(href));
                if (WebFetcher.isWeb(link)) {
                    links.add(link);
                }
            } catch (URISyntaxException | IllegalArgumentException ignored) {
                // not a link we can follow
            }
        }
        return links;
    }

    private static String extension(Fetched f) {
        String known = EXTENSIONS.get(f.mediaType());
        if (known != null) {
            return known;
        }
        String path = f.uri().getPath() == null ? "" : f.uri().getPath();
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot > slash && path.substring(dot).matches("\\.[A-Za-z0-9]{1,8}")) {
            return path.substring(dot).toLowerCase(Locale.ROOT);
        }
        return ".bin";
    }

    /** Scheme and host lower-cased, no fragment, an empty path as "/". */
    static URI normalize(URI uri) {
        try {
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            int port = uri.getPort();
            if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
                port = -1;
            }
            return new URI(scheme + "://" + host + (port == -1 ? "" : ":" + port) + path + query);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot normalize " + uri + ": " + e.getMessage(), e);
        }
    }

    private static boolean sameSite(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String site(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
