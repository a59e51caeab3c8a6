package dev.verity.bench;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.GuardConfig;
import dev.verity.app.config.RateLimitSettings;
import dev.verity.app.config.RateLimitSettings.Limits;
import dev.verity.app.config.SecurityConfig;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.limits.RateLimiter;
import dev.verity.app.server.VerityServer;
import dev.verity.document.DocumentIds;
import dev.verity.generation.answer.Answer;
import dev.verity.guardrails.pii.PiiDetector;
import dev.verity.guards.answer.AnswerGuard;
import dev.verity.guards.injection.InjectionDetector;
import dev.verity.guards.injection.QuestionGuard;
import dev.verity.guards.pii.StructuredPiiDetector;
import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import dev.verity.identity.keys.ApiKeys;
import dev.verity.index.SearchFilter;
import dev.verity.query.QueryRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * What authentication, the guards and the rate limiter cost and how exact the limiter is (issue 13). Two real servers
 * on copies of one data folder with the sample corpus ingested — one on loopback without authentication, one that
 * requires the data folder's API key — answer the same questions over HTTP, in alternating rounds so the machine's
 * noise falls on both; the question and answer guards and {@link ApiKeys#authenticate} are timed directly. Then 1,000
 * concurrent questions against a limit of 100 per minute, over HTTP and straight into {@link RateLimiter}.
 *
 * <p>The question guard's throughput on attack and benign texts is measured in the {@code injection} section
 * ({@link InjectionBench}), not here. Writes {@code security.json} and replaces its section of
 * {@code docs/benchmarks.md}.
 */
final class SecurityBench {
    private static final int WARMUP = 80;
    private static final int REQUESTS = 600;
    private static final int GUARD_REPEATS = 200;
    private static final int COLD_KEYS = 5;
    private static final int CACHED_AUTHENTICATIONS = 20_000;
    private static final int BURST = 1_000;
    private static final long LIMIT = 100;
    private static final double TARGET_MS = 2.0;

    private final Path out;
    private final Path docs;
    private final Path corpus;
    private final JsonMapper json = JsonMapper.builder().build();

    SecurityBench(Path out, Path docs, Path corpus) {
        this.out = out;
        this.docs = docs;
        this.corpus = corpus;
    }

    void run() throws Exception {
        List<String> questions = Benchmarks.goldenQuestions();
        Path work = Files.createTempDirectory("verity-security-bench");
        Path open = work.resolve("open");
        Path keyed = work.resolve("keyed");
        VerityConfig openConfig = VerityConfig.from(open, Map.of());
        Map<String, Object> report = new LinkedHashMap<>();
        List<Answer> answers = new ArrayList<>();
        int files;
        try (Verity verity = Verity.forWriting(openConfig)) {
            files = Benchmarks.ingestCleanly(verity, corpus);
            for (String q : questions) { // the answers the answer guard is timed on, as the service makes them
                answers.add(verity.query()
                        .ask(QueryRequest.of(q, SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION)))
                        .answer());
            }
        }
        copyTree(open, keyed);
        VerityConfig keyedConfig = VerityConfig.from(keyed, Map.of());
        String secret;
        String warmer;
        try (Verity verity = Verity.forWriting(keyedConfig)) {
            secret = queryKey(verity.keys(), "bench");
            warmer = queryKey(verity.keys(), "warm");
            report.put("api_key_authenticate", authentication(verity.keys()));
        }
        report.put("guards_direct", guards(openConfig.guards(), questions, answers));
        report.put("http_query", httpOverhead(openConfig, keyedConfig, secret, questions));
        report.put("rate_limit_http", rateLimitOverHttp(keyedConfig, secret, warmer, questions));
        report.put("rate_limit_direct", rateLimitDirect());
        Benchmarks.deleteTree(work);

        Files.createDirectories(out);
        Files.writeString(
                out.resolve("security.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        String section = markdown(report, files, questions.size());
        MarkdownSection.replace(docs, "security", section);
        System.out.println(section);
        System.out.println("\nWrote " + out.resolve("security.json") + " and the security section of " + docs);
    }

    /** A new key of the default tenant that may ask questions, as {@code verity keys create} makes one; its secret. */
    private static String queryKey(ApiKeys keys, String name) {
        return keys.create(name, DocumentIds.DEFAULT_TENANT, Set.of(), Set.of(Scope.QUERY), Optional.empty(), "local")
                .secret();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. ApiKeys.authenticate: the first call of a key (database read, PBKDF2) against the cached ones

    private static Map<String, Object> authentication(ApiKeys keys) {
        double[] cold = new double[COLD_KEYS];
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < COLD_KEYS; i++) {
            secrets.add(queryKey(keys, "cold-" + i));
        }
        for (int i = 0; i < COLD_KEYS; i++) { // a fresh key: nothing of it is cached yet
            long start = System.nanoTime();
            keys.authenticate(secrets.get(i)).orElseThrow();
            cold[i] = (System.nanoTime() - start) / 1e6;
        }
        String warm = secrets.getFirst();
        for (int i = 0; i < 2_000; i++) {
            keys.authenticate(warm);
        }
        double[] cached = new double[CACHED_AUTHENTICATIONS];
        for (int i = 0; i < cached.length; i++) {
            long start = System.nanoTime();
            keys.authenticate(warm);
            cached[i] = (System.nanoTime() - start) / 1e6;
        }
        return Map.of("cold_first_call", figures(Stats.of(cold)), "cached", figures(Stats.of(cached)));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. The question guard and the answer guard, called directly on the questions and the answers they got

    private static Map<String, Object> guards(GuardConfig config, List<String> questions, List<Answer> answers) {
        QuestionGuard question = new QuestionGuard(new InjectionDetector(), config.question());
        AnswerGuard answer = new AnswerGuard(
                config.answerHosts(),
                Optional.empty(),
                config.maskPii() ? new StructuredPiiDetector() : PiiDetector.none());
        AnswerGuard masking = new AnswerGuard(config.answerHosts(), Optional.empty(), new StructuredPiiDetector());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mask_pii_by_default", config.maskPii());
        result.put("question_and_answer_guard", figures(timeGuards(question, answer, questions, answers)));
        result.put("with_pii_masking", figures(timeGuards(question, masking, questions, answers)));
        return result;
    }

    private static Stats timeGuards(
            QuestionGuard question, AnswerGuard answer, List<String> questions, List<Answer> answers) {
        for (int r = 0; r < 20; r++) { // warm-up: the JIT compiles both guards first
            for (int i = 0; i < questions.size(); i++) {
                question.check(questions.get(i));
                answer.guard(answers.get(i));
            }
        }
        double[] millis = new double[GUARD_REPEATS * questions.size()];
        int k = 0;
        for (int r = 0; r < GUARD_REPEATS; r++) {
            for (int i = 0; i < questions.size(); i++) {
                long start = System.nanoTime();
                question.check(questions.get(i));
                answer.guard(answers.get(i));
                millis[k++] = (System.nanoTime() - start) / 1e6;
            }
        }
        return Stats.of(millis);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. POST /v1/query on loopback without authentication against the same with an API key, alternating rounds

    private Map<String, Object> httpOverhead(
            VerityConfig openConfig, VerityConfig keyedConfig, String secret, List<String> questions) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Double> open = new ArrayList<>();
        List<Double> keyed = new ArrayList<>();
        boolean required;
        try (ConfigurableApplicationContext openServer = VerityServer.start(openConfig, "127.0.0.1", 0);
                ConfigurableApplicationContext keyedServer =
                        VerityServer.start(keyedConfig, SecurityConfig.NONE, "127.0.0.1", 0)) {
            required = VerityServer.authenticationRequired(keyedServer)
                    && !VerityServer.authenticationRequired(openServer);
            if (!required) {
                throw new IllegalStateException("expected the keyed server, and only it, to require a key");
            }
            URI openUri = queryUri(openServer);
            URI keyedUri = queryUri(keyedServer);
            for (int i = 0; i < WARMUP; i++) {
                ask(http, openUri, null, questions.get(i % questions.size()));
                ask(http, keyedUri, secret, questions.get(i % questions.size()));
            }
            // one request to each in turn, the order flipped every pair: drift and neighbours' load fall on both
            for (int i = 0; i < REQUESTS; i++) {
                String question = questions.get(i % questions.size());
                for (int side = 0; side < 2; side++) {
                    boolean withKey = (i + side) % 2 == 1;
                    long start = System.nanoTime();
                    ask(http, withKey ? keyedUri : openUri, withKey ? secret : null, question);
                    (withKey ? keyed : open).add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        Stats a = Stats.of(open.stream().mapToDouble(Double::doubleValue).toArray());
        Stats b = Stats.of(keyed.stream().mapToDouble(Double::doubleValue).toArray());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("requests_per_configuration", open.size());
        result.put("loopback_without_auth", figures(a));
        result.put("api_key", figures(b));
        result.put("auth_overhead_p50_ms", round3(b.p50() - a.p50()));
        result.put("auth_overhead_p95_ms", round3(b.p95() - a.p95()));
        double[] paired = new double[open.size()];
        for (int i = 0; i < paired.length; i++) {
            paired[i] = keyed.get(i) - open.get(i);
        }
        result.put("auth_overhead_paired_median_ms", round3(Stats.of(paired).p50()));
        return result;
    }

    private static URI queryUri(ConfigurableApplicationContext server) {
        return URI.create("http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port") + "/v1/query");
    }

    private HttpResponse<String> ask(HttpClient http, URI uri, String key, String question) throws Exception {
        HttpResponse<String> response = http.send(request(uri, key, question), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("query failed: " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private HttpRequest request(URI uri, String key, String question) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("question", question))));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder.build();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 4. The rate limiter: 1,000 concurrent questions of one key against 100 per minute

    /**
     * The questions are answered once first with another key (a bucket of its own; the answer cache is shared by
     * callers of the same tenant and principals), so admitted questions come from the cache and the burst is over
     * in seconds: with answers computed, 100 questions at once keep 2 cores busy for minutes and the bucket refills.
     */
    private Map<String, Object> rateLimitOverHttp(
            VerityConfig keyedConfig, String secret, String warmer, List<String> questions) throws Exception {
        SecurityConfig limited = new SecurityConfig(
                Optional.empty(),
                List.of(),
                List.of(),
                new RateLimitSettings(new Limits(LIMIT, 0), Map.of(), Map.of()));
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger refusedWithHeaders = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        double seconds;
        try (ConfigurableApplicationContext server = VerityServer.start(keyedConfig, limited, "127.0.0.1", 0)) {
            URI uri = queryUri(server);
            HttpClient once =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (String q : questions.subList(0, Math.min(questions.size(), (int) LIMIT - 10))) {
                ask(once, uri, warmer, q);
            }
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .build();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            long start;
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < BURST; i++) {
                    HttpRequest request =
                            request(uri, secret, questions.get(i % Math.min(questions.size(), (int) LIMIT - 10)));
                    sent.add(threads.submit(() -> {
                        go.await();
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            switch (response.statusCode()) {
                                case 200 -> allowed.incrementAndGet();
                                case 429 -> {
                                    refused.incrementAndGet();
                                    var h = response.headers();
                                    if (h.firstValue("Retry-After").isPresent()
                                            && h.firstValue("RateLimit-Limit").isPresent()
                                            && h.firstValue("RateLimit-Remaining")
                                                    .isPresent()
                                            && h.firstValue("RateLimit-Reset").isPresent()) {
                                        refusedWithHeaders.incrementAndGet();
                                    }
                                }
                                default -> {
                                    other.incrementAndGet();
                                    synchronized (failures) {
                                        if (failures.size() < 10) {
                                            failures.add(response.statusCode() + " " + response.body());
                                        }
                                    }
                                }
                            }
                        } catch (IOException e) {
                            other.incrementAndGet();
                            synchronized (failures) {
                                if (failures.size() < 10) {
                                    failures.add(e.toString());
                                }
                            }
                        }
                        return null;
                    }));
                }
                start = System.nanoTime();
                go.countDown();
            }
            seconds = (System.nanoTime() - start) / 1e9;
            for (Future<?> f : sent) {
                f.get();
            }
        }
        return limiterResult(
                allowed.get(),
                refused.get(),
                other.get(),
                seconds,
                Map.of(
                        "refused_with_retry_after_and_ratelimit_headers",
                        refusedWithHeaders.get(),
                        "failures",
                        failures));
    }

    private static Map<String, Object> rateLimitDirect() throws Exception {
        RateLimiter limiter = new RateLimiter(new RateLimitSettings(new Limits(LIMIT, 0), Map.of(), Map.of()));
        Caller caller = new Caller(DocumentIds.DEFAULT_TENANT, Set.of(), Set.of(Scope.QUERY), "key:bench");
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(BURST);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            Thread t = Thread.ofPlatform().start(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                (limiter.tryQuery(caller).allowed() ? allowed : refused).incrementAndGet();
            });
            threads.add(t);
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return limiterResult(allowed.get(), refused.get(), 0, seconds, Map.of("threads", BURST));
    }

    /**
     * The counts, and what the limit allows in that time: the bucket refills greedily (100 per minute is one question
     * every 0.6 s), so a burst that lasts longer may rightly let a few more through.
     */
    private static Map<String, Object> limiterResult(
            int allowed, int refused, int errors, double seconds, Map<String, Object> extra) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("requests", BURST);
        result.put("limit_per_minute", LIMIT);
        result.put("allowed", allowed);
        result.put("refused", refused);
        result.put("errors", errors);
        result.put("error_vs_limit", Math.abs(allowed - LIMIT));
        long refill = (long) Math.floor(seconds * LIMIT / 60.0);
        result.put("refill_during_burst", refill);
        result.put("within_limit_plus_refill", allowed <= LIMIT + refill);
        result.put("wall_s", round3(seconds));
        result.putAll(extra);
        return result;
    }

    // ---------------------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> report, int files, int questions) {
        Map<String, Object> http = (Map<String, Object>) report.get("http_query");
        Map<String, Object> guards = (Map<String, Object>) report.get("guards_direct");
        Map<String, Object> auth = (Map<String, Object>) report.get("api_key_authenticate");
        Map<String, Object> a = (Map<String, Object>) http.get("loopback_without_auth");
        Map<String, Object> b = (Map<String, Object>) http.get("api_key");
        Map<String, Object> g = (Map<String, Object>) guards.get("question_and_answer_guard");
        Map<String, Object> gm = (Map<String, Object>) guards.get("with_pii_masking");
        Map<String, Object> cold = (Map<String, Object>) auth.get("cold_first_call");
        Map<String, Object> cached = (Map<String, Object>) auth.get("cached");
        double authP95 = (double) http.get("auth_overhead_p95_ms");
        double guardP95 = (double) g.get("p95_ms");
        double total = Math.max(0, authP95) + guardP95;
        List<String> md = new ArrayList<>();
        md.add("<!-- security:start (written by verity-bench --only security; edits are lost) -->");
        md.add("## Authentication, guards and rate limits (issue 13)");
        md.add("");
        md.add("Measured " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores. Two"
                + " servers in one process (`VerityServer.start`) on copies of one data folder with the sample corpus"
                + " ingested (" + files + " files): (a) loopback without authentication, default guards; (b) the same"
                + " with the data folder's API key required (`Authorization: Bearer vrt_…`). Each answered `POST"
                + " /v1/query` for the " + questions + " golden questions (extractive answers, the answer cache as"
                + " shipped, so after warm-up most answers come from it and the fixed per-request path dominates),"
                + " one client thread, " + WARMUP + " warm-up requests each, then " + REQUESTS + " each, one to (a)"
                + " and one to (b) in turn, the order flipped every pair.");
        md.add("");
        md.add("| Configuration | requests | p50 ms | p95 ms | p99 ms |");
        md.add("|---|---|---|---|---|");
        md.add(row("(a) loopback, no authentication, default guards", a));
        md.add(row("(b) API key (bearer)", b));
        md.add("| **(b) − (a): authentication** | | **" + fmt(http.get("auth_overhead_p50_ms")) + "** | **"
                + fmt(http.get("auth_overhead_p95_ms")) + "** | |");
        md.add("| (b) − (a), median of the paired differences | | " + fmt(http.get("auth_overhead_paired_median_ms"))
                + " | | |");
        md.add(row("(c) question guard + answer guard, called directly", g));
        md.add(row("(c') the same with PII masking in answers", gm));
        md.add(row("`ApiKeys.authenticate`, first call of a key (database read, PBKDF2)", cold));
        md.add(row("`ApiKeys.authenticate`, cached", cached));
        md.add("");
        md.add("Target \"guards and auth add ≤ " + fmt(TARGET_MS) + " ms p95 per query\": authentication (b − a at"
                + " p95) " + fmt(authP95) + " ms" + (authP95 < 0 ? " (below the noise: counted as 0)" : "")
                + " + guards (c, p95) " + fmt(guardP95) + " ms = " + fmt(total) + " ms"
                + (total <= TARGET_MS ? " — met." : " — not met.")
                + " The guards run in both (a) and (b), so (c) is their share of either; PII masking is "
                + ((boolean) guards.get("mask_pii_by_default") ? "on" : "off") + " by default. A key's first call"
                + " pays the slow hash once per process (then once a minute); the difference of percentiles is a"
                + " noisy estimate on a shared machine: a negative value means below the noise.");
        md.add("");
        md.add("Rate limiter: one key limited to " + LIMIT + " questions per minute, " + BURST + " concurrent"
                + " questions at once. The questions were answered once before with another key (a bucket of its"
                + " own), so admitted ones come from the answer cache and the burst is over quickly; answered afresh,"
                + " " + LIMIT + " questions at once keep 2 cores busy for minutes. The bucket refills greedily (one"
                + " question every 0.6 s), so a longer burst rightly admits one more per 0.6 s: the limiter is exact"
                + " when allowed ≤ " + LIMIT + " + the refill during the burst.");
        md.add("");
        md.add("| Path | allowed (200) | refused (429) | other | error = \\|allowed − " + LIMIT
                + "\\| | refill during the burst | 429s with Retry-After and RateLimit-* | wall s |");
        md.add("|---|---|---|---|---|---|---|---|");
        md.add(limiterRow("HTTP: `POST /v1/query`, virtual threads, one HttpClient", (Map<String, Object>)
                report.get("rate_limit_http")));
        md.add(limiterRow("`RateLimiter.tryQuery`, " + BURST + " platform threads", (Map<String, Object>)
                report.get("rate_limit_direct")));
        md.add("");
        md.add("The question guard's throughput on attack and benign texts is in the prompt-injection section above"
                + " (`--only injection`). Raw figures: `bench/out/security.json`.");
        md.add("<!-- security:end -->");
        return String.join("\n", md);
    }

    private static String row(String name, Map<String, Object> f) {
        return "| " + name + " | " + f.get("n") + " | " + fmt(f.get("p50_ms")) + " | " + fmt(f.get("p95_ms")) + " | "
                + fmt(f.get("p99_ms")) + " |";
    }

    private static String limiterRow(String name, Map<String, Object> r) {
        Object headers = r.getOrDefault("refused_with_retry_after_and_ratelimit_headers", "–");
        return "| " + name + " | " + r.get("allowed") + " | " + r.get("refused") + " | " + r.get("errors") + " | "
                + r.get("error_vs_limit") + " | " + r.get("refill_during_burst") + " | " + headers + " | "
                + fmt(r.get("wall_s")) + " |";
    }

    private static Map<String, Object> figures(Stats s) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("n", s.n());
        f.put("p50_ms", round3(s.p50()));
        f.put("p95_ms", round3(s.p95()));
        f.put("p99_ms", round3(s.p99()));
        f.put("mean_ms", round3(s.mean()));
        return f;
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String fmt(Object value) {
        return String.format(Locale.ROOT, "%.3f", ((Number) value).doubleValue());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES); // a folder as an empty one, owner-only
            }
        }
    }
}
