package dev.verity.bench;

import com.sun.net.httpserver.HttpServer;
import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.document.DocumentIds;
import dev.verity.index.SearchFilter;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import dev.verity.query.QueryService;
import dev.verity.runs.RunQuery;
import dev.verity.runs.RunStore;
import dev.verity.runs.RunViewer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * What watching every answer costs (issue 15): the same build answers the golden questions through two query services
 * over one data folder — the one {@code verity serve} uses, with OpenTelemetry exporting every span over OTLP to a
 * local receiver, the meters recorded in a Prometheus registry and a run record written behind each answer, and the
 * same service built without tracer, meters and run store — alternately, question by question, so the machine's noise
 * falls on both. Once with extractive answers, once with a model (a mock OpenAI server on loopback, so each answer also
 * has its {@code llm} and {@code llm_call} spans). Afterwards the data folder is closed and opened again and the runs
 * counted: every observed answer must have its run (none lost on a clean shutdown).
 *
 * <p>Writes {@code observability.json} and replaces its section of {@code docs/benchmarks.md}.
 */
final class ObservabilityBench {
    static final String SECTION = "observability";
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS =
            8; // with the warm-up, 913 observed answers: all countable in one run listing (at most 1,000)
    private static final double TARGET_P50_MS = 1.0;
    private static final double TARGET_P95_MS = 3.0;

    private final Path out;
    private final Path docs;
    private final Path corpus;
    private final JsonMapper json = JsonMapper.builder().build();

    ObservabilityBench(Path out, Path docs, Path corpus) {
        this.out = out;
        this.docs = docs;
        this.corpus = corpus;
    }

    void run() throws Exception {
        List<String> questions = Benchmarks.goldenQuestions();
        Map<String, Object> report = new LinkedHashMap<>();
        try (OtlpSink sink = OtlpSink.start()) {
            report.put("extractive", mode("extractive", questions, sink, null));
            try (MockOpenAi model = MockOpenAi.start("observability").tokenGap(Duration.ZERO)) {
                report.put("llm", mode("llm", questions, sink, model));
            }
        }
        Files.createDirectories(out);
        Files.writeString(
                out.resolve("observability.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        String section = markdown(report, questions.size());
        MarkdownSection.replace(docs, SECTION, section);
        System.out.println(section);
        System.out.println(
                "\nWrote " + out.resolve("observability.json") + " and the " + SECTION + " section of " + docs);
    }

    private Map<String, Object> mode(String name, List<String> questions, OtlpSink sink, MockOpenAi model)
            throws Exception {
        Path work = Files.createTempDirectory("verity-observability-bench");
        Path yaml = work.resolve("verity.yml");
        Files.writeString(yaml, "answers:\n  cache:\n    ttl_seconds: 0\n"); // every question runs the whole path
        Map<String, String> env = new HashMap<>();
        env.put("VERITY_CONFIG", yaml.toString());
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", sink.endpoint());
        env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
        if (model != null) {
            env.put("VERITY_LLM_PROVIDER", "openai");
            env.put("VERITY_LLM_BASE_URL", model.baseUrl());
            env.put("VERITY_LLM_API_KEY", "bench-key");
            env.put("VERITY_LLM_MODEL", "bench-model");
        }
        VerityConfig config = VerityConfig.from(work.resolve("data"), env);
        SearchFilter filter = SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION);
        double[] on = new double[ROUNDS * questions.size()];
        double[] off = new double[on.length];
        double[] delta = new double[on.length];
        long spansBefore = sink.requests();
        int observed = 0;
        Map<String, Integer> generators = new java.util.TreeMap<>();
        try (Verity verity = Verity.forWriting(config)) {
            Benchmarks.ingestCleanly(verity, corpus);
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            verity.components().publishMetrics(prometheus);
            QueryService watched = verity.query();
            QueryService bare = verity.components().queryWithoutObservability();
            for (int r = 0; r < WARMUP_ROUNDS; r++) {
                for (String q : questions) {
                    watched.ask(QueryRequest.of(q, filter));
                    bare.ask(QueryRequest.of(q, filter));
                    observed++;
                }
            }
            int k = 0;
            for (int r = 0; r < ROUNDS; r++) {
                for (String q : questions) {
                    QueryRequest request = QueryRequest.of(q, filter);
                    double a;
                    double b;
                    if ((r + k) % 2 == 0) { // alternate which goes first: caches warmed by one help the other
                        a = time(watched, request, generators);
                        b = time(bare, request, generators);
                    } else {
                        b = time(bare, request, generators);
                        a = time(watched, request, generators);
                    }
                    on[k] = a;
                    off[k] = b;
                    delta[k] = a - b;
                    k++;
                    observed++;
                }
            }
            if (prometheus.scrape().isEmpty()) {
                throw new IllegalStateException("the Prometheus registry recorded nothing");
            }
        }
        long kept;
        try (Verity reopened = Verity.forWriting(config)) {
            kept = reopened.runs()
                    .list(
                            RunViewer.operator(DocumentIds.DEFAULT_TENANT),
                            RunQuery.of(DocumentIds.DEFAULT_TENANT).limit(RunStore.MAX_RECENT))
                    .size();
        }
        Benchmarks.deleteTree(work);
        Stats sOn = Stats.of(on);
        Stats sOff = Stats.of(off);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("answers_per_side", on.length);
        m.put("answered_by", generators);
        m.put("observed", figures(sOn));
        m.put("bare", figures(sOff));
        m.put("added_p50_ms", round3(sOn.p50() - sOff.p50()));
        m.put("added_p95_ms", round3(sOn.p95() - sOff.p95()));
        m.put("paired_difference", figures(Stats.of(delta)));
        m.put("otlp_export_requests", sink.requests() - spansBefore);
        m.put("answers_observed", observed);
        m.put("runs_kept_after_restart", kept);
        System.out.printf(
                Locale.ROOT,
                "%s (answered by %s): observed p50 %.3f ms p95 %.3f ms, bare p50 %.3f ms p95 %.3f ms, runs %d of %d%n",
                name,
                generators,
                sOn.p50(),
                sOn.p95(),
                sOff.p50(),
                sOff.p95(),
                kept,
                observed);
        return m;
    }

    private static double time(QueryService service, QueryRequest request, Map<String, Integer> generators) {
        long start = System.nanoTime();
        QueryResult result = service.ask(request);
        double millis = (System.nanoTime() - start) / 1e6;
        generators.merge(
                result.answer().generation().generator()
                        + (result.answer().generation().degraded() ? " (degraded)" : ""),
                1,
                Integer::sum);
        return millis;
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> report, int questions) {
        StringBuilder md = new StringBuilder();
        md.append("<!-- " + SECTION + ":start (written by ObservabilityBench: scripts/bench.sh observability) -->\n");
        md.append("## Observability overhead (issue 15)\n\n");
        md.append(String.format(
                Locale.ROOT,
                "The %d golden questions, %d rounds, through two query services over one data folder in one process,"
                        + " alternating question by question: the served one (OpenTelemetry exporting every span over"
                        + " OTLP/HTTP to a local receiver, meters in a Prometheus registry, a run record written behind"
                        + " each answer) and the same service without tracer, meters and run store. Answer cache off."
                        + " Target: at most %.0f ms added at p50 and %.0f ms at p95.%n%n",
                questions,
                ROUNDS,
                TARGET_P50_MS,
                TARGET_P95_MS));
        md.append("| answers | observed p50 / p95 ms | bare p50 / p95 ms | added p50 | added p95 | paired difference"
                + " p50 / p95 | OTLP requests | runs kept after restart |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (String mode : List.of("extractive", "llm")) {
            Map<String, Object> m = (Map<String, Object>) report.get(mode);
            Map<String, Object> on = (Map<String, Object>) m.get("observed");
            Map<String, Object> off = (Map<String, Object>) m.get("bare");
            Map<String, Object> d = (Map<String, Object>) m.get("paired_difference");
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s / %s | %s / %s | %s ms | %s ms | %s / %s ms | %s | %s of %s |%n",
                    mode.equals("llm") ? "model (mock OpenAI)" : "extractive",
                    on.get("p50_ms"),
                    on.get("p95_ms"),
                    off.get("p50_ms"),
                    off.get("p95_ms"),
                    m.get("added_p50_ms"),
                    m.get("added_p95_ms"),
                    d.get("p50_ms"),
                    d.get("p95_ms"),
                    m.get("otlp_export_requests"),
                    m.get("runs_kept_after_restart"),
                    m.get("answers_observed")));
        }
        md.append("\nRaw figures, with which generator answered: `bench/out/observability.json`.\n");
        md.append("<!-- " + SECTION + ":end -->");
        return md.toString();
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

    /** An OTLP/HTTP receiver that accepts every export and counts them, as a collector would. */
    private static final class OtlpSink implements AutoCloseable {
        private final HttpServer server;
        private final AtomicLong requests = new AtomicLong();

        private OtlpSink(HttpServer server) {
            this.server = server;
        }

        static OtlpSink start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtlpSink sink = new OtlpSink(server);
            server.createContext("/v1/traces", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    body.transferTo(java.io.OutputStream.nullOutputStream());
                }
                sink.requests.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return sink;
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        long requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
