package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code verity sync URL} against a small web site served by the JDK's HTTP server. */
class WebSyncIT {
    @TempDir
    Path root;

    private HttpServer server;
    private String base;
    /** Path → HTML body; a missing path answers 404, a null-bodied entry in {@link #gone} 410. */
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    private final Map<String, String> etags = new ConcurrentHashMap<>();
    private final List<String> gone = new CopyOnWriteArrayList<>();
    /** "METHOD path status [If-None-Match]" for every request. */
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        pages.put(
                "/",
                page(
                        "Staff portal",
                        "Welcome to the staff portal. <a href=\"/guide\">Guide</a>"
                                + " <a href=\"/about#team\">About</a> <a href=\"/private/salaries\">Salaries</a>"
                                + " <a href=\"http://elsewhere.invalid/x\">Elsewhere</a> <a href=\"mailto:hr@example.com\">HR</a>"));
        pages.put("/guide", page("Onboarding guide", "New staff receive a laptop on their first day."));
        etags.put("/guide", "\"guide-v1\"");
        pages.put("/about", page("About us", "The company was founded in 1998 in Lyon."));
        pages.put("/faq", page("FAQ", "The canteen opens at noon."));
        pages.put("/private/salaries", page("Salaries", "Confidential salary bands."));
        pages.put("/robots.txt", "User-agent: *\nDisallow: /private/\n\nSitemap: " + "%BASE%/sitemap.xml\n");
        pages.put("/sitemap.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <sitemap><loc>%BASE%/sitemap-pages.xml</loc></sitemap>
                </sitemapindex>""");
        pages.put("/sitemap-pages.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>%BASE%/faq</loc></url>
                  <url><loc>%BASE%/private/salaries</loc></url>
                  <url><loc>%BASE%/big</loc></url>
                  <url><loc>%BASE%/slow</loc></url>
                  <url><loc>%BASE%/loop</loc></url>
                </urlset>""");
    }

    @AfterEach
    void stopSite() {
        server.stop(0);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><main><h1>" + title + "</h1><p>"
                + body + "</p></main></body></html>";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        String agent = exchange.getRequestHeaders().getFirst("User-Agent");
        try (exchange) {
            int status;
            switch (path) {
                case "/slow" -> {
                    sleep(3_000);
                    status = send(exchange, 200, "text/html", page("Slow", "Too late."));
                }
                case "/loop" -> status = redirect(exchange, "/loop-again");
                case "/loop-again" -> status = redirect(exchange, base + "/loop");
                case "/big" ->
                    status = send(
                            exchange,
                            200,
                            "text/html",
                            page("Big", "word ".repeat(40_000))); // ~200 kB, over the 64 KiB limit of the test
                default -> {
                    if (gone.contains(path)) {
                        status = send(exchange, 410, "text/plain", "gone");
                    } else if (!pages.containsKey(path)) {
                        status = send(exchange, 404, "text/plain", "not found");
                    } else if (etags.containsKey(path) && etags.get(path).equals(ifNoneMatch)) {
                        exchange.getResponseHeaders().set("ETag", etags.get(path));
                        exchange.sendResponseHeaders(304, -1);
                        status = 304;
                    } else {
                        if (etags.containsKey(path)) {
                            exchange.getResponseHeaders().set("ETag", etags.get(path));
                        }
                        String type = path.endsWith(".xml")
                                ? "application/xml"
                                : path.endsWith(".txt") ? "text/plain" : "text/html; charset=utf-8";
                        status = send(exchange, 200, type, pages.get(path).replace("%BASE%", base));
                    }
                }
            }
            log.add("GET " + path + " " + status + (ifNoneMatch == null ? "" : " " + ifNoneMatch)
                    + (agent != null && agent.startsWith("Verity/") ? "" : " (no Verity user agent)"));
        }
    }

    private static int send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGaveUp) {
            // the client stops reading a body over its limit
        }
        return status;
    }

    private static int redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        return 302;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Cli.Result sync(String... extra) {
        String[] args = new String[] {
            "sync",
            "--data",
            root.resolve("data").toString(),
            "--collection",
            "intranet",
            "--json",
            "--timeout",
            "1",
            "--max-page-size",
            "65536",
            base + "/"
        };
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length - 1);
        System.arraycopy(extra, 0, all, args.length - 1, extra.length);
        all[all.length - 1] = args[args.length - 1];
        return Cli.run(all);
    }

    private static Map<String, JsonNode> bySource(Cli.Result result) {
        Map<String, JsonNode> items = new java.util.TreeMap<>();
        result.jsonLines().stream()
                .filter(n -> n.has("source"))
                .forEach(n -> items.put(n.get("source").asString(), n));
        return items;
    }

    private static JsonNode totals(Cli.Result result) {
        return result.jsonLines().getLast();
    }

    @Test
    void aSiteIsSyncedWithinItsRulesAndLimitsAndKeptInStep() {
        Cli.Result first = sync();

        assertThat(first.exitCode()).as(first.err()).isEqualTo(3); // some pages were refused
        Map<String, JsonNode> items = bySource(first);
        assertThat(items.keySet())
                .containsExactly(
                        base + "/",
                        base + "/about",
                        base + "/big",
                        base + "/faq",
                        base + "/guide",
                        base + "/loop",
                        base + "/slow");
        assertThat(items.get(base + "/guide").get("status").asString()).isEqualTo("added");
        assertThat(items.get(base + "/big").get("reason").asString()).isEqualTo("too_large");
        assertThat(items.get(base + "/slow").get("message").asString()).contains("within 1000 ms");
        assertThat(items.get(base + "/loop").get("message").asString()).contains("more than 5 redirects");
        assertThat(totals(first).get("added").asInt()).isEqualTo(4);
        assertThat(totals(first).get("rejected").asInt()).isEqualTo(3);
        assertThat(log)
                .noneMatch(l -> l.startsWith("GET /private/"))
                .noneMatch(l -> l.contains("no Verity user agent"));

        Cli.Result ask = Cli.run(
                "ask",
                "--data",
                root.resolve("data").toString(),
                "--collection",
                "intranet",
                "--json",
                "What do new staff receive on their first day?");
        assertThat(ask.json().get("citations").get(0).get("source").asString()).isEqualTo(base + "/guide");

        // the site changes: the guide is rewritten, the FAQ is removed, the about page is gone for good
        pages.put("/guide", page("Onboarding guide", "New staff receive a laptop and a badge on their first day."));
        etags.put("/guide", "\"guide-v2\"");
        pages.remove("/faq");
        gone.add("/about");
        log.clear();

        Cli.Result second = sync();
        Map<String, JsonNode> changed = bySource(second);
        assertThat(changed.get(base + "/guide").get("status").asString()).isEqualTo("changed");
        assertThat(changed.get(base + "/faq").get("status").asString()).isEqualTo("deleted");
        assertThat(changed.get(base + "/about").get("status").asString()).isEqualTo("deleted");
        assertThat(changed.get(base + "/").get("status").asString()).isEqualTo("unchanged");
        assertThat(log).contains("GET /guide 200 \"guide-v1\"");

        log.clear();
        Cli.Result third = sync();
        assertThat(bySource(third).get(base + "/guide").get("status").asString())
                .isEqualTo("unchanged");
        assertThat(log).contains("GET /guide 304 \"guide-v2\"");
        assertThat(totals(third).get("deleted").asInt()).isZero();
    }

    @Test
    void aDryRunFetchesButChangesNothing() {
        Cli.Result plan = sync("--dry-run", "--max-depth", "0");

        assertThat(plan.out()).contains("\"action\":\"add\"");
        assertThat(totals(plan).get("dry_run").asBoolean()).isTrue();
        Cli.Result docs = Cli.run("docs", "--data", root.resolve("data").toString(), "--collection", "intranet");
        assertThat(docs.out()).doesNotContain(base);
    }

    @Test
    void onlyHttpAndHttpsUrlsAreSynced() {
        Cli.Result result = Cli.run("sync", "--data", root.resolve("data").toString(), "file:///etc/passwd");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("only http and https URLs can be synced, got file:///etc/passwd");
    }
}
