package dev.verity.bench;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.document.DocumentIds;
import dev.verity.identity.Caller;
import dev.verity.usage.budget.BudgetStatus;
import dev.verity.usage.budget.Payer;
import dev.verity.usage.budget.SpendControl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Budget overshoot under concurrency (issue 15): {@value #REQUESTS} questions at once over HTTP against {@code verity
 * serve} with a hard daily budget, answered by the mock OpenAI provider (which reports usage of a quarter token per
 * character), for several hard limits. Reports per limit the settled spend, the overshoot (settled − hard, target: at
 * most one request's maximum cost), the largest single reservation, answers by generator and degradation reason, and
 * 5xx responses (target 0). Writes {@code budget.json} and replaces its section of {@code docs/benchmarks.md}. Nothing
 * here is a timing target: the wall time is shown only to size the run.
 */
final class BudgetBench {
    static final String SECTION = "budget";
    private static final int REQUESTS = 1_000;
    /** Hard daily limits, in USD: a few answers' worth up to about a hundred. */
    private static final double[] HARD_LIMITS = {1, 5, 25};
    /** Deliberately dear (USD per million tokens), so that small limits are reached within one burst. */
    private static final double INPUT_PER_MILLION = 100;

    private static final double OUTPUT_PER_MILLION = 200;
    /** What answers degraded by something else than the budget say, when there are some. */
    private static final String LOAD_NOTE =
            " On 2 shared cores the burst saturates the CPU for minutes, so some model calls time out and open the provider's circuit (answers degraded as `timeout` or `circuit_open`): a load effect, not a budget one; it leaves more of the larger budgets unused.";

    private final Path out;
    private final Path docs;
    private final Path corpus;
    private final JsonMapper json = JsonMapper.builder().build();

    BudgetBench(Path out, Path docs, Path corpus) {
        this.out = out;
        this.docs = docs;
        this.corpus = corpus;
    }

    void run() throws Exception {
        List<String> questions = Benchmarks.goldenQuestions();
        Path work = Files.createTempDirectory("verity-budget-bench");
        Path seed = work.resolve("seed");
        int files;
        try (Verity verity = Verity.forWriting(VerityConfig.from(seed, Map.of()))) {
            files = Benchmarks.ingestCleanly(verity, corpus);
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        try (MockOpenAi mock = MockOpenAi.start("budget")) {
            for (int i = 0; i < HARD_LIMITS.length; i++) {
                Path data = work.resolve("run-" + i);
                copyTree(seed, data); // a fresh ledger per run: nothing spent yet today
                runs.add(burst(data, work, mock, HARD_LIMITS[i], questions));
            }
        }
        Benchmarks.deleteTree(work);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("requests", REQUESTS);
        report.put("files", files);
        report.put("input_per_million_usd", INPUT_PER_MILLION);
        report.put("output_per_million_usd", OUTPUT_PER_MILLION);
        report.put("runs", runs);
        Files.createDirectories(out);
        Files.writeString(
                out.resolve("budget.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        String section = markdown(runs, files);
        MarkdownSection.replace(docs, SECTION, section);
        System.out.println(section);
        System.out.println("\nWrote " + out.resolve("budget.json") + " and the budget section of " + docs);
    }

    /** One burst of questions at once against a server whose tenants may spend {@code hard} USD a day. */
    private Map<String, Object> burst(Path data, Path work, MockOpenAi mock, double hard, List<String> questions)
            throws Exception {
        Path yaml = Files.writeString(
                work.resolve("budget-" + hard + ".yaml"),
                String.format(Locale.ROOT, """
                llm:
                  prices:
                    bench-model: {input_per_million: %s, output_per_million: %s}
                budgets:
                  tenants:
                    "*": { daily: { soft_usd: %s, hard_usd: %s } }
                """, INPUT_PER_MILLION, OUTPUT_PER_MILLION, hard * 0.8, hard));
        Map<String, String> env = new HashMap<>();
        env.put("VERITY_LLM_PROVIDER", "openai");
        env.put("VERITY_LLM_BASE_URL", mock.baseUrl());
        env.put("VERITY_LLM_API_KEY", "bench-key");
        env.put("VERITY_LLM_MODEL", "bench-model");
        env.put("VERITY_CONFIG", yaml.toString());
        int callsBefore = mock.calls();
        ConfigurableApplicationContext server = VerityServer.start(VerityConfig.from(data, env), "127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newBuilder()
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .build();
            long start = System.nanoTime();
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < REQUESTS; i++) {
                    // distinct questions (a number appended), so that none is answered from the cache
                    String question = questions.get(i % questions.size()) + " (" + i + ")";
                    String body = json.writeValueAsString(Map.of("question", question, "mode", "bm25"));
                    futures.add(threads.submit(() -> http.send(
                            HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofMinutes(10))
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())));
                }
            }
            double wall = (System.nanoTime() - start) / 1e9;
            Map<String, Integer> byStatus = new TreeMap<>();
            Map<String, Integer> byOutcome = new TreeMap<>();
            int warned = 0;
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> response = f.get();
                byStatus.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
                if (response.headers().firstValue("Verity-Budget-Warning").isPresent()) {
                    warned++;
                }
                if (response.statusCode() == 200) {
                    JsonNode answer = json.readTree(response.body());
                    JsonNode reason = answer.path("degraded_reason");
                    String outcome = answer.get("generator").asString()
                            + (reason.isMissingNode() || reason.isNull() ? "" : " (" + reason.asString() + ")");
                    byOutcome.merge(outcome, 1, Integer::sum);
                }
            }
            SpendControl spend = server.getBean(SpendControl.class);
            BudgetStatus day =
                    spend.status(new Payer(DocumentIds.DEFAULT_TENANT, "local")).getFirst();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            double ledger = server.getBean(Verity.class)
                    .usage(Caller.local(Set.of()), today, today)
                    .costUsd();
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("hard_usd", hard);
            run.put("settled_usd", round6(day.spentUsd()));
            run.put("ledger_usd", round6(ledger));
            run.put("overshoot_usd", round6(Math.max(0, day.spentUsd() - hard)));
            run.put("unused_usd", round6(Math.max(0, hard - day.spentUsd())));
            run.put("largest_reservation_usd", round6(spend.largestReservation()));
            run.put("within_target", day.spentUsd() <= hard + spend.largestReservation());
            run.put("provider_calls", mock.calls() - callsBefore);
            run.put("statuses", byStatus);
            run.put("answers", byOutcome);
            run.put("with_warning_header", warned);
            run.put("wall_s", Math.round(wall * 10) / 10.0);
            System.out.println("budget " + hard + " USD: " + run);
            return run;
        } finally {
            server.close();
        }
    }

    /** Whether some answers degraded for another reason than the budget (a timeout, an open circuit). */
    @SuppressWarnings("unchecked")
    private static boolean degradedByLoad(List<Map<String, Object>> runs) {
        return runs.stream()
                .flatMap(r -> ((Map<String, Integer>) r.get("answers")).keySet().stream())
                .anyMatch(outcome -> outcome.contains("(timeout)") || outcome.contains("(circuit_open)"));
    }

    @SuppressWarnings("unchecked")
    private static String markdown(List<Map<String, Object>> runs, int files) {
        List<String> md = new ArrayList<>();
        md.add("<!-- budget:start (written by BudgetBench: scripts/bench.sh budget) -->");
        md.add("## Budgets: overshoot under " + REQUESTS + " concurrent questions");
        md.add("");
        md.add("`verity serve` on the " + files + " sample files, answering with the mock OpenAI provider (usage: a"
                + " quarter token per character) priced at " + (int) INPUT_PER_MILLION + " USD per million input"
                + " tokens and " + (int) OUTPUT_PER_MILLION + " per million output tokens, with a hard daily budget"
                + " per tenant (soft at 80%). " + REQUESTS + " distinct questions (BM25) are posted at once on"
                + " virtual threads. Each model call reserves its maximum cost (prompt counted as UTF-8 bytes,"
                + " plus 800 output tokens) before the call and settles the reported cost after. Target: overshoot"
                + " (settled − hard) at most one request's maximum cost, 0 × 5xx.");
        md.add("");
        md.add("| hard USD | settled USD | overshoot USD | largest reservation USD | unused USD | provider calls |"
                + " answers | HTTP statuses | warning headers | wall s |");
        md.add("|---|---|---|---|---|---|---|---|---|---|");
        for (Map<String, Object> r : runs) {
            md.add("| " + r.get("hard_usd") + " | " + fmt(r.get("settled_usd")) + " | " + fmt(r.get("overshoot_usd"))
                    + " | " + fmt(r.get("largest_reservation_usd")) + " | " + fmt(r.get("unused_usd")) + " | "
                    + r.get("provider_calls") + " | " + describe((Map<String, Integer>) r.get("answers")) + " | "
                    + describe((Map<String, Integer>) r.get("statuses")) + " | " + r.get("with_warning_header")
                    + " | " + r.get("wall_s") + " |");
        }
        md.add("");
        md.add("Settled spend is this process's count (the ledger's agrees: `ledger_usd` in `bench/out/budget.json`)."
                + " Budget is left unused when a burst is refused while the calls in flight hold their maxima (a"
                + " call's maximum is several times its real cost here); the calls then settle low and later"
                + " questions use the rest." + (degradedByLoad(runs) ? LOAD_NOTE : "")
                + " Raw figures: `bench/out/budget.json`.");
        md.add("<!-- budget:end -->");
        return String.join("\n", md);
    }

    private static String describe(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(v + " " + k));
        return String.join(", ", parts);
    }

    private static String fmt(Object value) {
        return String.format(Locale.ROOT, "%.4f", ((Number) value).doubleValue());
    }

    private static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
