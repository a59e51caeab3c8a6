package dev.verity.bench;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.AnswerOptions;
import dev.verity.app.config.LlmConfig;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.document.DocumentIds;
import dev.verity.embedding.EmbeddingModel;
import dev.verity.embedding.QueryCachingEmbeddingModel;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.ExtractiveAnswerGenerator;
import dev.verity.generation.answer.ExtractiveSettings;
import dev.verity.generation.answer.FallbackAnswerGenerator;
import dev.verity.generation.prompt.ClasspathPromptRegistry;
import dev.verity.generation.prompt.Prompt;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.LlmProvider;
import dev.verity.generation.provider.PriceTable;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.SourceFiles;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.llm.answer.LlmAnswerGenerator;
import dev.verity.llm.answer.LlmAnswerSettings;
import dev.verity.llm.provider.ProviderSettings;
import dev.verity.llm.provider.SpringAiLlmProvider;
import dev.verity.llm.resilience.ResilienceSettings;
import dev.verity.llm.resilience.ResilientLlmProvider;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import dev.verity.query.QueryService;
import dev.verity.retrieval.RetrievalSettings;
import dev.verity.retrieval.Retriever;
import dev.verity.retrieval.hybrid.HybridRetriever;
import dev.verity.usage.UsageLedger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The LLM answer path against issue 3's targets, with a mock OpenAI provider whose timing is known exactly
 * ({@link MockOpenAi}): Verity assembled as users run it ({@link Verity}: fallback chain over the resilient Spring AI
 * provider, then the extractive answerer) on the sample corpus, in process and behind {@code POST /v1/query}.
 *
 * <ol>
 *   <li>Overhead: end-to-end time minus the mock's own time (request read to response written), split into
 *       retrieval (the step timings Verity reports) and everything else; in process and over HTTP. Then where it
 *       goes: the same public parts, assembled as {@link Verity} does, with a clock at every seam.
 *   <li>SSE relay: the mock's write of each answer token to the client's read of the {@code token} event carrying it,
 *       against the floor of the same client reading the mock directly.
 *   <li>Provider hard down (refused, hanging) with a 2 s timeout: time to the degraded answer; then with the circuit
 *       open: latency, and calls that still reach the provider.
 *   <li>Fault mix: a faulty primary and a healthy secondary; how many requests get an answer, and from whom.
 * </ol>
 *
 * Writes {@code llm-path.json} into the output folder and replaces its section of {@code docs/benchmarks.md}. Numbers
 * are reported, never asserted.
 */
final class LlmPathBench {
    // Targets of issue 3.
    static final double TARGET_OVERHEAD_P50_MS = 3;
    static final double TARGET_OVERHEAD_P95_MS = 10;
    static final double TARGET_RELAY_P95_MS = 1;
    static final double TARGET_DOWN_SLACK_MS = 50;
    static final double TARGET_OPEN_P95_MS = 20;
    static final double TARGET_ANSWERED = 0.999;

    private static final String SECTION_START =
            "<!-- llm-path:start (written by scripts/bench.sh llm; edits are lost) -->";
    private static final String SECTION_END = "<!-- llm-path:end -->";
    private static final List<String> RETRIEVAL_STEPS = List.of("bm25", "embed_query", "vector", "fuse");
    private static final List<String> EXTRACTIVE_STEPS = List.of("extract", "score_sentences");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** LlmConfig's default timeout (30 s): the healthy runs never come near it. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The timeout given to the provider in the hard-down and fault runs, as VERITY_LLM_TIMEOUT_MS would. */
    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(2);
    /** Longer than {@link #DOWN_TIMEOUT}: a slow first token is a timeout. */
    private static final Duration SLOW_FIRST_TOKEN = Duration.ofSeconds(3);
    /** Roughly a fast hosted model's pace; tokens written back to back would measure queueing, not relaying. */
    private static final Duration TOKEN_GAP = Duration.ofMillis(10);

    private final Path out;
    private final Path corpus;
    private final Path docs;
    private final Settings settings;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final List<String> md = new ArrayList<>();
    private final List<String[]> verdicts = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Path data;
    private List<String> questions;
    private final AtomicInteger asked = new AtomicInteger();

    /**
     * The mock's pause between streamed tokens for request {@code i}: none while warming up, so that many requests
     * bring the JIT compiler to the steady state of a server that has been running (after only 100 warm-up requests
     * the overhead in process measured 1.7 times its steady-state value), then {@link #TOKEN_GAP}.
     */
    private static Duration gap(int i, int warmup) {
        return i < warmup ? Duration.ZERO : TOKEN_GAP;
    }

    /** How many requests each part makes; {@link #defaults()} meets the brief, {@link #smoke()} only runs the code. */
    record Settings(
            int warmup,
            int measured,
            int streamed,
            int down,
            int open,
            int faultRequests,
            int concurrency,
            Set<String> parts) {
        /** The parts of the run; a run of fewer than all writes {@code llm-path-parts.json} and leaves the docs alone. */
        static final List<String> PARTS = List.of("in_process", "breakdown", "layers", "http", "sse", "down", "faults");

        static Settings defaults() {
            return new Settings(2_000, 500, 200, 20, 200, 2_000, 8, Set.copyOf(PARTS));
        }

        static Settings smoke() {
            return new Settings(3, 5, 3, 2, 3, 30, 4, Set.copyOf(PARTS));
        }

        /** Only these parts, e.g. while working on one of them; the docs keep the last full run. */
        Settings only(Set<String> chosen) {
            for (String part : chosen) {
                if (!PARTS.contains(part)) {
                    throw new IllegalArgumentException(
                            "unknown part '" + part + "' in --llm-parts; the parts are " + String.join(",", PARTS));
                }
            }
            return new Settings(warmup, measured, streamed, down, open, faultRequests, concurrency, Set.copyOf(chosen));
        }

        boolean complete() {
            return parts.containsAll(PARTS);
        }
    }

    LlmPathBench(Path out, Path corpus, Path docs, Settings settings) {
        this.out = out;
        this.corpus = corpus;
        this.docs = docs;
        this.settings = settings;
    }

    Map<String, Object> run() throws Exception {
        if (!Files.isDirectory(corpus)) {
            throw new IllegalArgumentException("the sample corpus " + corpus.toAbsolutePath() + " is missing: run the"
                    + " benchmark from the repository root, or pass --corpus DIR");
        }
        report.put(
                "machine",
                Map.of(
                        "cores", Runtime.getRuntime().availableProcessors(),
                        "java", System.getProperty("java.vm.version"),
                        "date", Instant.now().toString(),
                        "load_average_at_start", loadAverage()));
        prepare();
        if (settings.parts().contains("in_process")) {
            overheadInProcess();
        }
        if (settings.parts().contains("breakdown")) {
            breakdown();
        }
        if (settings.parts().contains("layers")) {
            Map<String, Object> layers = new LinkedHashMap<>();
            ProviderLayers.measure(settings.warmup(), settings.measured()).forEach((layer, times) -> {
                Map<String, Object> r = new LinkedHashMap<>();
                times.forEach((stretch, millis) -> r.put(stretch + "_ms", stats(millis)));
                layers.put(layer, r);
            });
            report.put("provider_layers", layers);
        }
        if (settings.parts().contains("http") || settings.parts().contains("sse")) {
            try (MockOpenAi primary = MockOpenAi.start("primary").tokenGap(TOKEN_GAP)) {
                ConfigurableApplicationContext server =
                        startServer(single(primary.baseUrl(), DEFAULT_TIMEOUT, ResilienceSettings.defaults()));
                String base = baseUrl(server);
                try (RawHttpClient client = new RawHttpClient(URI.create(base))) {
                    if (settings.parts().contains("http")) {
                        overheadHttp(primary, client);
                        clients(client, base);
                    }
                    if (settings.parts().contains("sse")) {
                        sseRelay(primary, client);
                    }
                } finally {
                    server.close();
                }
            }
        }
        if (settings.parts().contains("down")) {
            hardDown();
        }
        if (settings.parts().contains("faults")) {
            faultMix();
        }
        report.put("notes", Map.of("load_average_at_end", loadAverage()));
        if (!settings.complete()) {
            Files.createDirectories(out);
            Path partial = out.resolve("llm-path-parts.json");
            Files.writeString(
                    partial,
                    JsonMapper.builder()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .build()
                            .writeValueAsString(report));
            System.out.println(
                    "Wrote " + partial + " (parts " + settings.parts() + "; the docs keep the last full run)");
            return report;
        }
        report.put(
                "verdicts",
                verdicts.stream()
                        .map(v -> Map.of("target", v[0], "measured", v[1], "result", v[2]))
                        .toList());
        write();
        return report;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Set-up: the sample corpus in a fresh data folder; questions from the golden set, each made unique
    private void prepare() throws Exception {
        Path work = out.resolve("work/llm-path");
        Benchmarks.deleteTree(work);
        data = work.resolve("data");
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, Map.of()))) {
            List<IngestResult> results = verity.ingestion()
                    .ingest(
                            SourceFiles.expand(List.of(corpus)),
                            IngestOptions.into(DocumentIds.DEFAULT_COLLECTION),
                            IngestionService.Listener.none());
            List<IngestResult> failed = results.stream()
                    .filter(r -> r.status() != IngestStatus.INDEXED)
                    .toList();
            if (!failed.isEmpty()) {
                throw new IllegalStateException("the sample corpus did not ingest cleanly: " + failed);
            }
            report.put(
                    "setup",
                    Map.of(
                            "corpus",
                            corpus.toString(),
                            "documents",
                            results.size(),
                            "chunks",
                            results.stream().mapToInt(IngestResult::chunks).sum()));
        }
        questions = new ArrayList<>();
        Path golden = corpus.resolveSibling("golden.jsonl");
        if (!Files.isRegularFile(golden)) {
            throw new IllegalArgumentException("the questions " + golden.toAbsolutePath() + " are missing: the"
                    + " benchmark asks the golden set that lies beside the corpus folder (samples/golden.jsonl)");
        }
        for (String line : Files.readAllLines(golden)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode q = JSON.readTree(line);
            if (q.path("principals").isEmpty() && q.path("answerable").asBoolean(false)) {
                questions.add(q.path("question").asString());
            }
        }
        if (questions.isEmpty()) {
            throw new IllegalStateException("no answerable questions without principals in " + golden);
        }
    }

    /**
     * The next question, made unique with a request number so that the query-embedding cache never answers it: every
     * request pays for embedding its question, as distinct questions from users do.
     */
    private String nextQuestion() {
        int n = asked.getAndIncrement();
        return questions.get(n % questions.size()) + " (request " + n + ")";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1a. Overhead in process: QueryService.ask on the assembled Verity
    private void overheadInProcess() throws Exception {
        try (MockOpenAi primary = MockOpenAi.start("primary").tokenGap(TOKEN_GAP);
                Verity verity = Verity.forWriting(
                        config(single(primary.baseUrl(), DEFAULT_TIMEOUT, ResilienceSettings.defaults())))) {
            Samples s = new Samples();
            for (int i = 0; i < settings.warmup() + settings.measured(); i++) {
                primary.drain();
                primary.tokenGap(gap(i, settings.warmup()));
                QueryRequest request =
                        QueryRequest.of(nextQuestion(), SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION));
                long start = System.nanoTime();
                QueryResult result = verity.query().ask(request);
                long end = System.nanoTime();
                Answer answer = result.answer();
                if (!"llm".equals(answer.generation().generator())
                        || answer.generation().degraded()) {
                    throw new IllegalStateException(
                            "the healthy mock did not answer: " + answer.generation() + " " + result.timingsMs());
                }
                MockOpenAi.Exchange exchange = single(primary.await(1));
                if (i >= settings.warmup()) {
                    s.add(start, end, exchange, result.timingsMs());
                }
            }
            Map<String, Object> r = s.overheadReport();
            report.put("overhead_in_process", r);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1c. Where the overhead goes: the same parts Verity assembles, with clocks at every seam
    private void breakdown() throws Exception {
        long[] marks = new long[SEAMS.length];
        try (MockOpenAi primary = MockOpenAi.start("primary").tokenGap(TOKEN_GAP);
                Verity verity = Verity.forWriting(config(LlmConfig.NONE));
                SpringAiLlmProvider client = SpringAiLlmProvider.create(provider(primary.baseUrl(), "bench-model"))) {
            EmbeddingModel model = new QueryCachingEmbeddingModel(
                    verity.components().embeddings(), QueryCachingEmbeddingModel.DEFAULT_CAPACITY);
            HybridRetriever hybrid =
                    new HybridRetriever(verity.components().index(), model, RetrievalSettings.defaults());
            Retriever retriever = (request, tracer) -> {
                marks[0] = System.nanoTime();
                try {
                    return hybrid.retrieve(request, tracer);
                } finally {
                    marks[1] = System.nanoTime();
                }
            };
            LlmProvider resilient = timed(
                    new ResilientLlmProvider(
                            timed(client, marks, 3),
                            ResilienceSettings.defaults().withTotalTimeout(DEFAULT_TIMEOUT)),
                    marks,
                    2);
            Prompt prompt = new ClasspathPromptRegistry().latest("answer").orElseThrow();
            AnswerGenerator generator = new FallbackAnswerGenerator(List.of(
                    new LlmAnswerGenerator(
                            resilient, prompt, model.tokenCounter(), LlmAnswerSettings.forModel("bench-model")),
                    new ExtractiveAnswerGenerator(model, verity.components().index(), ExtractiveSettings.defaults())));
            UsageLedger ledger = new UsageLedger() {
                @Override
                public void record(Entry entry) {
                    marks[6] = System.nanoTime();
                    verity.components().usage().record(entry);
                    marks[7] = System.nanoTime();
                }

                @Override
                public List<Entry> between(String tenant, LocalDate from, LocalDate to) {
                    return verity.components().usage().between(tenant, from, to);
                }
            };
            QueryService service = new QueryService(retriever, generator, ledger, java.time.Clock.systemUTC());
            Map<String, List<Double>> segments = new LinkedHashMap<>();
            for (String seam : SEGMENTS) {
                segments.put(seam, new ArrayList<>());
            }
            for (int i = 0; i < settings.warmup() + settings.measured(); i++) {
                primary.drain();
                primary.tokenGap(gap(i, settings.warmup()));
                java.util.Arrays.fill(marks, 0);
                QueryRequest request =
                        QueryRequest.of(nextQuestion(), SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION));
                long start = System.nanoTime();
                QueryResult result = service.ask(request);
                long end = System.nanoTime();
                MockOpenAi.Exchange e = single(primary.await(1));
                if (!"llm".equals(result.answer().generation().generator()) || marks[7] == 0) {
                    throw new IllegalStateException("the diagnostic assembly did not answer with the model: "
                            + result.answer().generation());
                }
                if (i < settings.warmup()) {
                    continue;
                }
                // marks: 0 retrieve in, 1 retrieve out, 2 resilient in, 3 client in, 4 client out, 5 resilient out,
                // 6 ledger in, 7 ledger out
                long[] t = {
                    start,
                    marks[0],
                    marks[1],
                    marks[2],
                    marks[3],
                    e.receivedNanos(),
                    e.readNanos(),
                    e.completedNanos(),
                    marks[4],
                    marks[5],
                    marks[6],
                    marks[7],
                    end
                };
                for (int k = 0; k < SEGMENTS.length; k++) {
                    segments.get(SEGMENTS[k]).add((t[k + 1] - t[k]) / 1e6);
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            segments.forEach((seam, values) -> r.put(seam, stats(values)));
            report.put("overhead_breakdown", r);
        }
    }

    /** Clock marks kept by the diagnostic assembly (see {@link #breakdown()}). */
    private static final String[] SEAMS = {
        "retrieve_in",
        "retrieve_out",
        "resilient_in",
        "client_in",
        "client_out",
        "resilient_out",
        "ledger_in",
        "ledger_out"
    };

    /** The stretches between consecutive marks, in order; together they are the whole request. */
    private static final String[] SEGMENTS = {
        "query service, before retrieval",
        "retrieval",
        "answer generator: sources, token budget, prompt",
        "resilience wrapper, in (bulkhead, circuit, attempt thread)",
        "Spring AI + OpenAI SDK + OkHttp: request to the provider's first byte",
        "request upload: the provider's first byte to its last",
        "provider (mock) processing, incl. token gaps",
        "Spring AI + OpenAI SDK + OkHttp: last response byte to the reply",
        "resilience wrapper, out",
        "answer generator after the reply (parse, validate, locate quotes), verification",
        "usage ledger (H2 insert)",
        "query service, after the ledger"
    };

    /** Wraps a provider to note when its stream call starts ({@code marks[in]}) and returns ({@code marks[in + 2]}). */
    private static LlmProvider timed(LlmProvider inner, long[] marks, int in) {
        int out = in == 2 ? 5 : 4;
        return new LlmProvider() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public ChatResponse chat(ChatRequest request) {
                marks[in] = System.nanoTime();
                try {
                    return inner.chat(request);
                } finally {
                    marks[out] = System.nanoTime();
                }
            }

            @Override
            public ChatResponse stream(ChatRequest request, java.util.function.Consumer<String> onDelta) {
                marks[in] = System.nanoTime();
                try {
                    return inner.stream(request, onDelta);
                } finally {
                    marks[out] = System.nanoTime();
                }
            }
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1b. Overhead over HTTP: POST /v1/query against VerityServer, same JVM
    private void overheadHttp(MockOpenAi primary, RawHttpClient client) throws Exception {
        Samples s = new Samples();
        for (int i = 0; i < settings.warmup() + settings.measured(); i++) {
            primary.drain();
            primary.tokenGap(gap(i, settings.warmup()));
            String body = "{\"question\":" + MockOpenAi.quote(nextQuestion()) + "}";
            long start = System.nanoTime();
            RawHttpClient.Response response = client.post("/v1/query", body, "application/json");
            long end = System.nanoTime();
            JsonNode answer = JSON.readTree(response.body());
            if (response.status() != 200
                    || !"llm".equals(answer.path("generator").asString())
                    || answer.path("degraded").asBoolean()) {
                throw new IllegalStateException(
                        "the healthy mock did not answer: " + response.status() + " " + response.body());
            }
            MockOpenAi.Exchange exchange = single(primary.await(1));
            if (i >= settings.warmup()) {
                s.add(start, end, exchange, timings(answer));
            }
        }
        report.put("overhead_http", s.overheadReport());
    }

    /**
     * What the HTTP client itself costs: the same liveness check through the JDK's {@code HttpClient} and through the
     * blocking client, alternating, after as many warm-up rounds as measured ones.
     */
    private void clients(RawHttpClient raw, String base) throws Exception {
        List<Double> jdk = new ArrayList<>();
        List<Double> blocking = new ArrayList<>();
        HttpRequest liveness = HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness"))
                .GET()
                .build();
        for (int i = 0; i < 2 * settings.measured(); i++) {
            long start = System.nanoTime();
            int jdkStatus =
                    http.send(liveness, HttpResponse.BodyHandlers.ofString()).statusCode();
            long middle = System.nanoTime();
            int rawStatus = raw.get("/actuator/health/liveness").status();
            long end = System.nanoTime();
            if (jdkStatus != 200 || rawStatus != 200) {
                throw new IllegalStateException("liveness answered " + jdkStatus + " / " + rawStatus);
            }
            if (i >= settings.measured()) {
                jdk.add((middle - start) / 1e6);
                blocking.add((end - middle) / 1e6);
            }
        }
        report.put(
                "http_clients",
                Map.of("liveness_jdk_client_ms", stats(jdk), "liveness_blocking_client_ms", stats(blocking)));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. SSE relay: mock token written -> client token event read
    private void sseRelay(MockOpenAi primary, RawHttpClient client) throws Exception {
        List<Double> relay = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        List<Double> firstTokenRelay = new ArrayList<>();
        int resets = 0;
        int answers = 0;
        int warmup = settings.warmup();
        for (int i = 0; i < warmup + settings.streamed(); i++) {
            primary.drain();
            primary.tokenGap(gap(i, warmup));
            String body = "{\"question\":" + MockOpenAi.quote(nextQuestion()) + ",\"stream\":true}";
            StreamedAnswer streamed = stream(client, body);
            MockOpenAi.Exchange exchange = single(primary.await(1));
            if (!"llm".equals(streamed.done().path("generator").asString())
                    || streamed.done().path("degraded").asBoolean()) {
                throw new IllegalStateException("the healthy mock did not answer a stream: " + streamed.done());
            }
            if (i < warmup) {
                continue;
            }
            answers++;
            resets += streamed.resets();
            direct.addAll(directFromMock(primary));
            for (int k = 0; k < exchange.tokenNanos().size(); k++) {
                int end = exchange.tokenEnds().get(k);
                int j = 0;
                while (j < streamed.tokenEnds().size() && streamed.tokenEnds().get(j) < end) {
                    j++;
                }
                if (j == streamed.tokenEnds().size()) {
                    throw new IllegalStateException("token " + k + " of a streamed answer never reached the client");
                }
                double ms =
                        (streamed.tokenNanos().get(j) - exchange.tokenNanos().get(k)) / 1e6;
                relay.add(ms);
                if (k == 0) {
                    firstTokenRelay.add(ms);
                }
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("answers", answers);
        r.put("tokens", relay.size());
        r.put("token_gap_ms", TOKEN_GAP.toMillis());
        r.put("reset_events", resets);
        r.put("relay_ms", stats(relay));
        r.put("first_token_relay_ms", stats(firstTokenRelay));
        r.put("direct_from_provider_ms", stats(direct));
        report.put("sse_relay", r);
    }

    /**
     * The floor under the relay, measured alternately with it: the same client reads a stream straight from the mock
     * (one loopback hop, no Verity in between); per token, the mock's write to the client's read.
     */
    private List<Double> directFromMock(MockOpenAi mock) throws Exception {
        String request = "{\"model\":\"direct\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + MockOpenAi.quote("<source id=\"S1\" file=\"a.txt\">\nThe floor is measured directly.\n</source>")
                + "}]}";
        List<Long> reads = new ArrayList<>();
        try (RawHttpClient direct = new RawHttpClient(URI.create(mock.baseUrl()))) {
            direct.post(
                    URI.create(mock.baseUrl()).getPath() + "/chat/completions",
                    request,
                    "text/event-stream",
                    (line, nanos) -> {
                        if (line.startsWith("data:")) {
                            reads.add(nanos);
                        }
                    });
        }
        MockOpenAi.Exchange exchange = single(mock.await(1));
        // data lines: the role chunk, the reply's opening, then one per token
        List<Double> delays = new ArrayList<>();
        for (int k = 0; k < exchange.tokenNanos().size(); k++) {
            delays.add((reads.get(k + 2) - exchange.tokenNanos().get(k)) / 1e6);
        }
        return delays;
    }

    private record StreamedAnswer(List<Long> tokenNanos, List<Integer> tokenEnds, int resets, JsonNode done) {}

    /** The events of one answer stream, line by line as {@link RawHttpClient} reads them. */
    private static final class SseReader {
        final List<Long> nanos = new ArrayList<>();
        final List<Integer> ends = new ArrayList<>();
        int resets;
        int length;
        JsonNode done;
        JsonNode error;
        private String event = "message";

        void line(String line, long now) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                String payload = line.substring(5);
                switch (event) {
                    case "token" -> {
                        length += JSON.readTree(payload).path("text").asString().length();
                        nanos.add(now);
                        ends.add(length);
                    }
                    case "reset" -> {
                        resets++;
                        length = 0;
                    }
                    case "done" -> done = JSON.readTree(payload);
                    case "error" -> error = JSON.readTree(payload);
                    default -> {}
                }
            } else if (line.isEmpty()) {
                event = "message";
            }
        }
    }

    /** Reads a streamed answer as an SSE client would, stamping each token event as its data line arrives. */
    private StreamedAnswer stream(RawHttpClient client, String body) throws Exception {
        SseReader sse = new SseReader();
        RawHttpClient.Response response = client.post("/v1/query", body, "text/event-stream", sse::line);
        if (response.status() != 200) {
            throw new IllegalStateException("stream refused: " + response.status() + " " + response.body());
        }
        if (sse.done == null) {
            throw new StreamFailed(sse.error == null ? "the stream ended without a done event" : sse.error.toString());
        }
        return new StreamedAnswer(sse.nanos, sse.ends, sse.resets, sse.done);
    }

    /** A streamed answer that ended in an error event or without a done event. */
    private static final class StreamFailed extends RuntimeException {
        StreamFailed(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. Provider hard down
    private void hardDown() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("timeout_ms", DOWN_TIMEOUT.toMillis());
        r.put("extractive_only", extractiveBaseline());
        // A circuit that cannot open here: every request meets the dead provider.
        ResilienceSettings closed = resilience(1_000, Duration.ofMinutes(30));
        int dead = MockOpenAi.deadPort();
        r.put("refused", degradedLatency("http://127.0.0.1:" + dead + "/v1", closed, null, settings.down()));
        try (MockOpenAi hanging = MockOpenAi.start("hanging")) {
            hanging.hang();
            r.put("hang", degradedLatency(hanging.baseUrl(), closed, hanging, settings.down()));
            // The default circuit (5 failures among the last 10 calls), held open for the whole measurement.
            hanging.reset();
            r.put("circuit_open", circuitOpen(hanging));
        }
        report.put("hard_down", r);
    }

    /** Extractive answers with no model configured: what the fallback itself costs. */
    private Map<String, Object> extractiveBaseline() {
        try (Verity verity = Verity.forWriting(config(LlmConfig.NONE))) {
            List<Double> e2e = new ArrayList<>();
            int n = Math.max(settings.down(), 2) * 2;
            for (int i = 0; i < n + 2; i++) {
                QueryRequest request =
                        QueryRequest.of(nextQuestion(), SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION));
                long start = System.nanoTime();
                verity.query().ask(request);
                if (i >= 2) {
                    e2e.add((System.nanoTime() - start) / 1e6);
                }
            }
            return Map.of("requests", n, "end_to_end_ms", stats(e2e));
        }
    }

    private Map<String, Object> degradedLatency(String baseUrl, ResilienceSettings resilience, MockOpenAi mock, int n) {
        try (Verity verity = Verity.forWriting(config(single(baseUrl, DOWN_TIMEOUT, resilience)))) {
            List<Double> e2e = new ArrayList<>();
            List<Double> llm = new ArrayList<>();
            List<Double> untilFallback = new ArrayList<>();
            List<Double> llmPath = new ArrayList<>();
            List<Double> extractive = new ArrayList<>();
            Map<String, Integer> reasons = new TreeMap<>();
            int warmup = Math.min(2, n);
            if (mock != null) {
                mock.reset();
            }
            for (int i = 0; i < warmup + n; i++) {
                QueryRequest request =
                        QueryRequest.of(nextQuestion(), SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION));
                long start = System.nanoTime();
                QueryResult result = verity.query().ask(request);
                double ms = (System.nanoTime() - start) / 1e6;
                if (!result.answer().generation().degraded()) {
                    throw new IllegalStateException(
                            "a dead provider answered: " + result.answer().generation());
                }
                if (i < warmup) {
                    continue;
                }
                reasons.merge(result.answer().generation().degradedReason().orElse("?"), 1, Integer::sum);
                e2e.add(ms);
                llm.add((double) result.timingsMs().getOrDefault("llm", 0L));
                untilFallback.add(ms - sum(result.timingsMs(), EXTRACTIVE_STEPS));
                llmPath.add(ms - sum(result.timingsMs(), EXTRACTIVE_STEPS) - sum(result.timingsMs(), RETRIEVAL_STEPS));
                extractive.add(sum(result.timingsMs(), EXTRACTIVE_STEPS));
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("requests", n);
            r.put(
                    "attempts_per_request",
                    mock == null
                            ? ResilienceSettings.defaults().maxAttempts()
                            : round((double) mock.calls() / (warmup + n)));
            r.put("degraded_reasons", reasons);
            r.put("end_to_end_ms", stats(e2e));
            r.put("until_fallback_answers_ms", stats(untilFallback));
            r.put("llm_path_ms", stats(llmPath));
            r.put("extractive_steps_ms", stats(extractive));
            r.put("llm_step_ms", stats(llm));
            return r;
        }
    }

    private Map<String, Object> circuitOpen(MockOpenAi hanging) {
        try (Verity verity = Verity.forWriting(config(single(
                hanging.baseUrl(),
                DOWN_TIMEOUT,
                resilience(ResilienceSettings.defaults().failureThreshold(), Duration.ofMinutes(30)))))) {
            int tripping = 0;
            while (true) { // until the breaker has seen enough failures to open
                tripping++;
                QueryResult result = verity.query()
                        .ask(QueryRequest.of(nextQuestion(), SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION)));
                if (result.answer().generation().degradedReason().orElse("").equals("circuit_open")) {
                    break;
                }
                if (tripping > 20) {
                    throw new IllegalStateException("the circuit did not open after 20 failing requests");
                }
            }
            int callsToOpen = hanging.calls();
            hanging.reset();
            List<Double> e2e = new ArrayList<>();
            List<Double> llm = new ArrayList<>();
            List<Double> untilFallback = new ArrayList<>();
            List<Double> llmPath = new ArrayList<>();
            List<Double> extractive = new ArrayList<>();
            for (int i = 0; i < settings.open(); i++) {
                QueryRequest request =
                        QueryRequest.of(nextQuestion(), SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION));
                long start = System.nanoTime();
                QueryResult result = verity.query().ask(request);
                double ms = (System.nanoTime() - start) / 1e6;
                if (!result.answer().generation().degradedReason().orElse("").equals("circuit_open")) {
                    throw new IllegalStateException("the circuit closed during the measurement: "
                            + result.answer().generation());
                }
                e2e.add(ms);
                llm.add((double) result.timingsMs().getOrDefault("llm", 0L));
                untilFallback.add(ms - sum(result.timingsMs(), EXTRACTIVE_STEPS));
                llmPath.add(ms - sum(result.timingsMs(), EXTRACTIVE_STEPS) - sum(result.timingsMs(), RETRIEVAL_STEPS));
                extractive.add(sum(result.timingsMs(), EXTRACTIVE_STEPS));
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("requests", settings.open());
            r.put("requests_to_open", tripping);
            r.put("provider_calls_to_open", callsToOpen);
            r.put("provider_calls_while_open", hanging.calls());
            r.put("end_to_end_ms", stats(e2e));
            r.put("until_fallback_answers_ms", stats(untilFallback));
            r.put("llm_path_ms", stats(llmPath));
            r.put("extractive_steps_ms", stats(extractive));
            r.put("llm_step_ms", stats(llm));
            return r;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 4. Fault mix: faulty primary, healthy secondary, over HTTP with concurrent clients
    private void faultMix() throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (double rate : new double[] {0.1, 0.5, 1.0}) {
            try (MockOpenAi primary = MockOpenAi.start("primary").tokenGap(TOKEN_GAP);
                    MockOpenAi secondary = MockOpenAi.start("secondary").tokenGap(TOKEN_GAP)) {
                primary.faults(rate, SLOW_FIRST_TOKEN);
                LlmConfig llm = new LlmConfig(
                        List.of(
                                provider(primary.baseUrl(), "primary-model"),
                                provider(secondary.baseUrl(), "secondary-model")),
                        List.of(DOWN_TIMEOUT, DEFAULT_TIMEOUT),
                        PriceTable.EMPTY,
                        ResilienceSettings.defaults(),
                        AnswerOptions.DEFAULTS,
                        Optional.empty());
                ConfigurableApplicationContext server = startServer(llm);
                try {
                    runs.add(faultRun(rate, baseUrl(server), primary, secondary));
                } finally {
                    server.close();
                }
            }
        }
        report.put("fault_mix", runs);
    }

    private record Outcome(
            int status,
            boolean streamed,
            String generator,
            String model,
            boolean degraded,
            String reason,
            boolean abstained,
            int resets,
            double millis,
            String failure) {}

    private Map<String, Object> faultRun(double rate, String base, MockOpenAi primary, MockOpenAi secondary)
            throws Exception {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long wallStart = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(settings.concurrency())) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < settings.concurrency(); c++) {
                running.add(clients.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < settings.faultRequests(); ) {
                        outcomes.add(faultRequest(base, i % 4 == 3)); // every fourth answer streamed
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        int answered = 0;
        int degraded = 0;
        int abstained = 0;
        int serverErrors = 0;
        int otherFailures = 0;
        int resets = 0;
        Map<String, Integer> by = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> failures = new TreeMap<>();
        List<Double> latency = new ArrayList<>();
        for (Outcome o : outcomes) {
            latency.add(o.millis());
            resets += o.resets();
            if (o.status() >= 500) {
                serverErrors++;
            }
            if (o.failure() != null) {
                otherFailures++;
                failures.merge(
                        o.failure().length() > 120 ? o.failure().substring(0, 120) : o.failure(), 1, Integer::sum);
                continue;
            }
            if (o.abstained()) {
                abstained++;
            } else {
                answered++;
            }
            if (o.degraded()) {
                degraded++;
                reasons.merge(o.reason(), 1, Integer::sum);
            }
            by.merge(o.generator() + (o.model() == null ? "" : ":" + o.model()), 1, Integer::sum);
        }
        int n = outcomes.size();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("fault_rate", rate);
        r.put("requests", n);
        r.put("streamed", outcomes.stream().filter(Outcome::streamed).count());
        r.put("concurrency", settings.concurrency());
        r.put("wall_s", round(wall));
        r.put("answered", answered);
        r.put("answered_pct", round(100.0 * answered / n));
        r.put("abstained", abstained);
        r.put("degraded", degraded);
        r.put("degraded_pct", round(100.0 * degraded / n));
        r.put("answered_by", by);
        r.put("degraded_reasons", reasons);
        r.put("http_5xx", serverErrors);
        r.put("failed", otherFailures);
        r.put("failures", failures);
        r.put("stream_reset_events", resets);
        r.put("primary_calls", primary.calls());
        r.put("primary_faults_injected", primary.injected());
        r.put("secondary_calls", secondary.calls());
        r.put("latency_ms", stats(latency));
        return r;
    }

    private Outcome faultRequest(String base, boolean streamed) {
        String body = "{\"question\":" + MockOpenAi.quote(nextQuestion()) + (streamed ? ",\"stream\":true}" : "}");
        long start = System.nanoTime();
        try {
            if (streamed) {
                StreamedAnswer s;
                try (RawHttpClient client = new RawHttpClient(URI.create(base))) {
                    s = stream(client, body);
                }
                JsonNode a = s.done();
                return new Outcome(
                        200,
                        true,
                        a.path("generator").asString(),
                        a.path("model").asString(null),
                        a.path("degraded").asBoolean(),
                        a.path("degraded_reason").asString(null),
                        a.path("abstained").asBoolean(),
                        s.resets(),
                        (System.nanoTime() - start) / 1e6,
                        null);
            }
            HttpResponse<String> response = http.send(post(base, body), HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) {
                return new Outcome(
                        response.statusCode(),
                        false,
                        null,
                        null,
                        false,
                        null,
                        false,
                        0,
                        ms,
                        "HTTP " + response.statusCode() + ": " + response.body());
            }
            JsonNode a = JSON.readTree(response.body());
            return new Outcome(
                    200,
                    false,
                    a.path("generator").asString(),
                    a.path("model").asString(null),
                    a.path("degraded").asBoolean(),
                    a.path("degraded_reason").asString(null),
                    a.path("abstained").asBoolean(),
                    0,
                    ms,
                    null);
        } catch (StreamFailed e) {
            return new Outcome(
                    200,
                    true,
                    null,
                    null,
                    false,
                    null,
                    false,
                    0,
                    (System.nanoTime() - start) / 1e6,
                    "stream error event: " + e.getMessage());
        } catch (Exception e) {
            return new Outcome(
                    0, streamed, null, null, false, null, false, 0, (System.nanoTime() - start) / 1e6, "client: " + e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Samples of one overhead run
    private final class Samples {
        final List<Double> e2e = new ArrayList<>();
        final List<Double> provider = new ArrayList<>();
        final List<Double> overhead = new ArrayList<>();
        final List<Double> retrieval = new ArrayList<>();
        final List<Double> nonRetrieval = new ArrayList<>();
        final List<Double> before = new ArrayList<>();
        final List<Double> upload = new ArrayList<>();
        final List<Double> after = new ArrayList<>();

        void add(long start, long end, MockOpenAi.Exchange exchange, Map<String, Long> timings) {
            double total = (end - start) / 1e6;
            double processing = exchange.processingMillis();
            double retrieved = sum(timings, RETRIEVAL_STEPS);
            e2e.add(total);
            provider.add(processing);
            overhead.add(total - processing);
            retrieval.add(retrieved);
            nonRetrieval.add(total - processing - retrieved);
            before.add((exchange.receivedNanos() - start) / 1e6 - retrieved);
            upload.add(exchange.uploadMillis());
            after.add((end - exchange.completedNanos()) / 1e6);
        }

        Map<String, Object> overheadReport() {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("requests", e2e.size());
            r.put("end_to_end_ms", stats(e2e));
            r.put("provider_processing_ms", stats(provider));
            r.put("overhead_total_ms", stats(overhead));
            r.put("retrieval_ms", stats(retrieval));
            r.put("overhead_without_retrieval_ms", stats(nonRetrieval));
            r.put("before_request_without_retrieval_ms", stats(before));
            r.put("request_upload_ms", stats(upload));
            r.put(
                    "requests_with_upload_over_20_ms",
                    upload.stream().filter(u -> u > 20).count());
            r.put("after_response_ms", stats(after));
            return r;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Configuration, as LlmConfig.from builds it from VERITY_LLM_* and VERITY_CONFIG
    private VerityConfig config(LlmConfig llm) {
        VerityConfig base = VerityConfig.from(data, Map.of());
        return new VerityConfig(
                base.dataDir(),
                base.database(),
                base.ingestion(),
                base.chunking(),
                llm,
                base.embedding(),
                base.transcription(),
                base.parsing());
    }

    private static LlmConfig single(String baseUrl, Duration timeout, ResilienceSettings resilience) {
        return new LlmConfig(
                List.of(provider(baseUrl, "bench-model")),
                List.of(timeout),
                PriceTable.EMPTY,
                resilience,
                AnswerOptions.DEFAULTS,
                Optional.empty());
    }

    private static ProviderSettings provider(String baseUrl, String model) {
        return ProviderSettings.builder("openai")
                .baseUrl(baseUrl)
                .apiKey("bench-key")
                .model(model)
                .build();
    }

    /** The defaults with another circuit threshold and open time (the retry policy stays the default). */
    private static ResilienceSettings resilience(int failureThreshold, Duration open) {
        ResilienceSettings d = ResilienceSettings.defaults();
        return new ResilienceSettings(
                d.totalTimeout(),
                d.firstTokenTimeout(),
                d.maxAttempts(),
                d.initialBackoff(),
                d.maxBackoff(),
                d.maxRetryAfter(),
                failureThreshold,
                open,
                d.maxConcurrentCalls());
    }

    private ConfigurableApplicationContext startServer(LlmConfig llm) {
        return VerityServer.start(config(llm), "127.0.0.1", 0);
    }

    private static String baseUrl(ConfigurableApplicationContext server) {
        return "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }

    private static HttpRequest post(String base, String body) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static Map<String, Long> timings(JsonNode answer) {
        Map<String, Long> t = new LinkedHashMap<>();
        answer.path("timings_ms")
                .properties()
                .forEach(e -> t.put(e.getKey(), e.getValue().asLong()));
        return t;
    }

    private static double sum(Map<String, Long> timings, List<String> steps) {
        return steps.stream().mapToLong(s -> timings.getOrDefault(s, 0L)).sum();
    }

    private static MockOpenAi.Exchange single(List<MockOpenAi.Exchange> exchanges) {
        if (exchanges.size() != 1) {
            throw new IllegalStateException("expected one provider call per request, saw " + exchanges.size());
        }
        return exchanges.getFirst();
    }

    private static Map<String, Object> stats(List<Double> millis) {
        Stats s = Stats.of(millis.stream().mapToDouble(Double::doubleValue).toArray());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", s.n());
        m.put("p50", round3(s.p50()));
        m.put("p95", round3(s.p95()));
        m.put("p99", round3(s.p99()));
        m.put("mean", round3(s.mean()));
        return m;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Report: JSON, and the Markdown section of docs/benchmarks.md
    @SuppressWarnings("unchecked")
    private void write() throws IOException {
        Map<String, Object> inProcess = (Map<String, Object>) report.get("overhead_in_process");
        Map<String, Object> overHttp = (Map<String, Object>) report.get("overhead_http");
        Map<String, Object> relay = (Map<String, Object>) report.get("sse_relay");
        Map<String, Object> clients = (Map<String, Object>) report.get("http_clients");
        Map<String, Object> down = (Map<String, Object>) report.get("hard_down");
        List<Map<String, Object>> faults = (List<Map<String, Object>>) report.get("fault_mix");

        double timeoutMs = DOWN_TIMEOUT.toMillis();
        Map<String, Object> nonRetrievalHttp = m(overHttp, "overhead_without_retrieval_ms");
        Map<String, Object> nonRetrievalInProcess = m(inProcess, "overhead_without_retrieval_ms");
        verdict(
                "overhead around the provider call (HTTP, retrieval excluded) p50 ≤ 3 ms, p95 ≤ 10 ms",
                ms(nonRetrievalHttp, "p50") + " / " + ms(nonRetrievalHttp, "p95") + " (in process "
                        + ms(nonRetrievalInProcess, "p50") + " / " + ms(nonRetrievalInProcess, "p95") + ")",
                d(nonRetrievalHttp, "p50") <= TARGET_OVERHEAD_P50_MS
                        && d(nonRetrievalHttp, "p95") <= TARGET_OVERHEAD_P95_MS);
        Map<String, Object> relayMs = m(relay, "relay_ms");
        verdict("SSE relay p95 ≤ 1 ms", ms(relayMs, "p95"), d(relayMs, "p95") <= TARGET_RELAY_P95_MS);
        for (String mode : List.of("refused", "hang", "circuit_open")) {
            Map<String, Object> c = m(down, mode);
            boolean open = mode.equals("circuit_open");
            double limit = open ? TARGET_OPEN_P95_MS : timeoutMs + TARGET_DOWN_SLACK_MS;
            Map<String, Object> path = m(c, "llm_path_ms");
            Map<String, Object> e2e = m(c, "end_to_end_ms");
            boolean pathMet =
                    d(path, "p95") <= limit && (!open || ((Number) c.get("provider_calls_while_open")).intValue() == 0);
            String target = open
                    ? "circuit open: degraded answer p95 ≤ 20 ms, 0 provider calls"
                    : "provider down (" + mode + "): degraded answer p95 ≤ timeout + 50 ms = " + Math.round(limit)
                            + " ms";
            String measured =
                    "LLM path " + ms(path, "p95") + (open ? ", " + c.get("provider_calls_while_open") + " calls" : "")
                            + "; end to end " + ms(e2e, "p95") + " (extractive answerer "
                            + ms(m(c, "extractive_steps_ms"), "p95") + ")";
            verdicts.add(new String[] {
                target,
                measured,
                !pathMet ? "**missed**" : d(e2e, "p95") <= limit ? "met" : "met by the LLM path; **missed** end to end"
            });
        }
        for (Map<String, Object> f : faults) {
            double answered = ((Number) f.get("answered")).doubleValue() / ((Number) f.get("requests")).doubleValue();
            verdict(
                    "faults at " + Math.round(100 * d(f, "fault_rate"))
                            + " %, healthy secondary: ≥ 99.9 % answered, 0 × 5xx",
                    f.get("answered_pct") + " %, " + f.get("http_5xx") + " × 5xx",
                    answered >= TARGET_ANSWERED && ((Number) f.get("http_5xx")).intValue() == 0);
        }

        md.add(SECTION_START);
        md.add("## LLM answer path (issue 3), mock OpenAI provider");
        md.add("");
        Map<String, Object> machine = (Map<String, Object>) report.get("machine");
        md.add("Measured with `scripts/bench.sh llm` on " + machine.get("cores") + " cores shared with other work (load"
                + " average " + machine.get("load_average_at_start") + " at the start, "
                + m(report, "notes").get("load_average_at_end") + " at the end: expect noise), Java "
                + machine.get("java") + ", " + machine.get("date") + ". Verity as `verity serve` assembles it: the"
                + " sample corpus (" + m(report, "setup").get("chunks") + " chunks), the fallback chain over the"
                + " resilient Spring AI OpenAI client, then the extractive answerer. The provider is an in-process"
                + " mock OpenAI server that stamps, on the same clock as the client, when each request arrived, when"
                + " its response was written and when each streamed token left; it answers in "
                + MockOpenAi.ANSWER_WORDS + " chunks " + TOKEN_GAP.toMillis() + " ms apart (Verity always asks the"
                + " provider for a stream, also for JSON responses). Every question is unique, so each request"
                + " embeds its question. Raw numbers: `bench/out/llm-path.json`.");
        md.add("");
        md.add("| Target (issue 3) | Measured | |");
        md.add("|---|---|---|");
        for (String[] v : verdicts) {
            md.add("| " + v[0] + " | " + v[1] + " | " + v[2] + " |");
        }
        md.add("");
        md.add("### Overhead: end-to-end time minus the provider's own time (ms)");
        md.add("| path | requests | p50 | p95 | p99 |");
        md.add("|---|---|---|---|---|");
        overheadRows("in process (`QueryService.ask`)", inProcess);
        overheadRows("HTTP (`POST /v1/query`, blocking HTTP/1.1 client, same JVM)", overHttp);
        md.add("");
        md.add("Each path first answers " + settings.warmup() + " questions with the mock streaming at full speed, so"
                + " that the JIT compiler reaches the steady state of a server that has been running, then "
                + settings.measured() + " measured ones. The HTTP client is a blocking HTTP/1.1 client on one"
                + " kept-alive socket (`RawHttpClient` in the benchmark): the JDK's `HttpClient` passes every response"
                + " through its selector thread and an executor, time that is the client's and not Verity's: the same"
                + " liveness check took"
                + " p50 " + ms(m(clients, "liveness_jdk_client_ms"), "p50") + " / p95 "
                + ms(m(clients, "liveness_jdk_client_ms"), "p95") + " through the JDK client and p50 "
                + ms(m(clients, "liveness_blocking_client_ms"), "p50") + " / p95 "
                + ms(m(clients, "liveness_blocking_client_ms"), "p95") + " through the blocking one.");
        md.add("");
        md.add("Provider time is the mock's own: from the request's last byte to the response's last (p50 "
                + ms(m(overHttp, "provider_processing_ms"), "p50") + " over HTTP, mostly the " + MockOpenAi.ANSWER_WORDS
                + " token gaps). \"Retrieval\" is the sum of the `bm25`, `embed_query`, `vector` and `fuse` step"
                + " timings the answer reports (whole milliseconds each, so ±0.5 ms per step); \"the rest\" is the"
                + " overhead minus retrieval, the number compared with the target, split at the provider's first and"
                + " last request byte and last response byte.");
        md.add("");
        long stalled = ((Number) overHttp.get("requests_with_upload_over_20_ms")).longValue()
                + ((Number) inProcess.get("requests_with_upload_over_20_ms")).longValue();
        if (stalled > 0) {
            md.add(stalled + " of " + (2 * settings.measured()) + " requests (those whose prompt is larger than"
                    + " OkHttp's 8 KiB write segment) reached the provider in two writes, the second held back about 40"
                    + " ms: Nagle's algorithm on the client's socket waits for the provider's delayed ACK of the first."
                    + " Verity's OpenAI client (`OpenAiOkHttpClient`) switches TCP_NODELAY on, so this should not"
                    + " happen: something in the path has changed. The stall is counted as overhead (\"first byte to"
                    + " its last\").");
            md.add("");
        }
        Map<String, Object> breakdown = m(report, "overhead_breakdown");
        md.add("### Where the time goes (in process, "
                + m(breakdown, SEGMENTS[0]).get("n") + " requests)");
        md.add(
                "The same public parts `Verity` assembles (hybrid retriever, fallback chain of the LLM generator over the"
                        + " resilient Spring AI client and the extractive answerer, usage ledger), with a clock at every seam;"
                        + " the stretches add up to the whole request.");
        md.add("");
        md.add("| stretch | p50 ms | p95 ms | mean ms |");
        md.add("|---|---|---|---|");
        for (String segment : SEGMENTS) {
            Map<String, Object> st = m(breakdown, segment);
            md.add("| " + segment + " | " + st.get("p50") + " | " + st.get("p95") + " | " + st.get("mean") + " |");
        }
        md.add("");
        Map<String, Object> layers = m(report, "provider_layers");
        md.add("### The provider call through each layer alone (" + settings.measured() + " streamed calls each)");
        md.add("The same prompt (eight sources, about 12 KB) and response schema, the mock streaming "
                + MockOpenAi.ANSWER_WORDS + " chunks " + ProviderLayers.TOKEN_GAP.toMillis() + " ms apart; each layer"
                + " called directly, without retrieval, prompt building or resilience around it (`ProviderLayers`).");
        md.add("");
        md.add("| layer | before the first byte p50 | p95 | after the last byte p50 | p95 | both p50 |");
        md.add("|---|---|---|---|---|---|");
        layers.forEach((layer, value) -> {
            Map<String, Object> before = m((Map<String, Object>) value, "before_first_byte_ms");
            Map<String, Object> after = m((Map<String, Object>) value, "after_last_byte_ms");
            md.add("| " + layer + " | " + ms(before, "p50") + " | " + ms(before, "p95") + " | " + ms(after, "p50")
                    + " | " + ms(after, "p95") + " | "
                    + ms(Map.of("p50", round3(d(before, "p50") + d(after, "p50"))), "p50") + " |");
        });
        md.add("");
        md.add("### SSE relay: token written by the provider → `token` event read by the client");
        Map<String, Object> floor = m(relay, "direct_from_provider_ms");
        md.add("| path | answers | tokens | p50 | p95 | p99 | first token p95 | reset events |");
        md.add("|---|---|---|---|---|---|---|---|");
        md.add("| provider → Verity → client | " + relay.get("answers") + " | " + relay.get("tokens") + " | "
                + ms(relayMs, "p50") + " | " + ms(relayMs, "p95") + " | " + ms(relayMs, "p99") + " | "
                + ms(m(relay, "first_token_relay_ms"), "p95") + " | " + relay.get("reset_events") + " |");
        md.add("| floor: provider → client directly, alternating with the above | " + relay.get("answers") + " | "
                + floor.get("n") + " | " + ms(floor, "p50") + " | " + ms(floor, "p95") + " | " + ms(floor, "p99")
                + " | | |");
        md.add("");
        md.add("Both read with the same blocking client. Between the two reads lie, in Verity: the OpenAI SDK parsing"
                + " the SSE chunk (Jackson with Kotlin reflection) and Spring AI turning it into a `ChatResponse`, a"
                + " hand-over to the thread that made the call, the answer-field extraction, the `SseEmitter` write"
                + " through Tomcat, and a second loopback hop to the client.");
        md.add("");
        md.add("### Provider hard down (timeout " + DOWN_TIMEOUT.toMillis() + " ms, default retries: "
                + ResilienceSettings.defaults().maxAttempts() + " attempts, backoff from "
                + ResilienceSettings.defaults().initialBackoff().toMillis() + " ms; in process)");
        md.add(
                "| case | requests | provider calls | end to end p50 | p95 | LLM path p50 | p95 | retrieval + LLM path p95 | extractive answerer p95 |");
        md.add("|---|---|---|---|---|---|---|---|---|");
        for (String mode : List.of("refused", "hang", "circuit_open")) {
            Map<String, Object> c = m(down, mode);
            Object calls = mode.equals("circuit_open")
                    ? c.get("provider_calls_while_open")
                    : c.get("attempts_per_request") + " per request";
            md.add("| " + mode.replace('_', ' ') + " | " + c.get("requests") + " | " + calls + " | "
                    + ms(m(c, "end_to_end_ms"), "p50") + " | " + ms(m(c, "end_to_end_ms"), "p95") + " | "
                    + ms(m(c, "llm_path_ms"), "p50") + " | " + ms(m(c, "llm_path_ms"), "p95") + " | "
                    + ms(m(c, "until_fallback_answers_ms"), "p95") + " | " + ms(m(c, "extractive_steps_ms"), "p95")
                    + " |");
        }
        Map<String, Object> baseline = m(m(down, "extractive_only"), "end_to_end_ms");
        Map<String, Object> open = m(down, "circuit_open");
        md.add("");
        md.add("The \"LLM path\" is the end-to-end time minus retrieval and minus the extractive answerer's own steps"
                + " (`extract`, `score_sentences`): the time the failing provider and the resilience around it cost"
                + " before the fallback took over; it is the number compared with the target. The extractive answerer"
                + " alone, with no model configured, takes p50 " + ms(baseline, "p50") + ", p95 " + ms(baseline, "p95")
                + " per question (it embeds up to 32 candidate sentences). The circuit was opened by "
                + open.get("requests_to_open") + " requests (" + open.get("provider_calls_to_open")
                + " provider calls) and held open for the measurement.");
        md.add("");
        md.add("### Fault mix: primary injecting faults, healthy secondary (HTTP, " + settings.concurrency()
                + " concurrent clients, every fourth answer streamed)");
        md.add("| fault rate | requests | answered | degraded | answered by | 5xx | failed | primary calls | wall |");
        md.add("|---|---|---|---|---|---|---|---|---|");
        for (Map<String, Object> f : faults) {
            md.add("| " + Math.round(100 * d(f, "fault_rate")) + " % | " + f.get("requests") + " | "
                    + f.get("answered_pct") + " % | " + f.get("degraded_pct") + " % | " + f.get("answered_by") + " | "
                    + f.get("http_5xx") + " | " + f.get("failed") + " | " + f.get("primary_calls") + " | "
                    + f.get("wall_s") + " s |");
        }
        md.add("");
        md.add("Faults, drawn evenly per provider call: HTTP 500, 503, 429 with `Retry-After: 1`, connection reset"
                + " (RST), malformed JSON, and a first token later than the primary's " + DOWN_TIMEOUT.toMillis()
                + " ms timeout; default resilience otherwise. Retried faults (5xx, 429, reset) mostly end in an answer"
                + " from the primary; malformed JSON (not retriable), a timeout, or a failed retry hand over to the"
                + " secondary. From 50 % on the primary's circuit (open after 5 failures among its last 10 calls, at"
                + " ≥ 50 %) is open nearly all the time, so the secondary answers almost everything at once.");
        md.add("");
        for (Map<String, Object> f : faults) {
            md.add("- " + Math.round(100 * d(f, "fault_rate")) + " %: faults injected "
                    + f.get("primary_faults_injected")
                    + "; degraded reasons " + f.get("degraded_reasons") + "; latency p50 "
                    + ms(m(f, "latency_ms"), "p50") + ", p95 " + ms(m(f, "latency_ms"), "p95") + ".");
        }
        md.add(SECTION_END);

        JsonMapper pretty =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.createDirectories(out);
        Files.writeString(out.resolve("llm-path.json"), pretty.writeValueAsString(report));
        String section = String.join("\n", md);
        MarkdownSection.replace(docs, "llm-path", section);
        System.out.println(section);
        System.out.println("\nWrote " + out.resolve("llm-path.json") + " and the LLM section of " + docs);
    }

    private void overheadRows(String path, Map<String, Object> r) {
        String n = String.valueOf(r.get("requests"));
        row(path + ": total (everything but provider time)", n, m(r, "overhead_total_ms"));
        row("… of which retrieval", n, m(r, "retrieval_ms"));
        row("… **the rest** (compared with the target)", n, m(r, "overhead_without_retrieval_ms"));
        row(
                "… the rest: start to the request's first byte at the provider",
                n,
                m(r, "before_request_without_retrieval_ms"));
        row("… the rest: the request's first byte to its last", n, m(r, "request_upload_ms"));
        row("… the rest: the response's last byte to the end", n, m(r, "after_response_ms"));
    }

    private void row(String label, String n, Map<String, Object> s) {
        md.add("| " + label + " | " + n + " | " + s.get("p50") + " | " + s.get("p95") + " | " + s.get("p99") + " |");
    }

    private void verdict(String target, String measured, boolean met) {
        verdicts.add(new String[] {target, measured, met ? "met" : "**missed**"});
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> m(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }

    private static double d(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    private static String ms(Map<String, Object> stats, String key) {
        return stats.get(key) + " ms";
    }
}
