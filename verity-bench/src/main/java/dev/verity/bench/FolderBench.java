package dev.verity.bench;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.document.ParsedDocument;
import dev.verity.index.IndexedDocument;
import dev.verity.ingestion.parsing.DocumentParser;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.parsers.RoutingDocumentParser;
import dev.verity.parsers.isolation.IsolatedDocumentParser;
import dev.verity.parsers.media.MediaSettings;
import dev.verity.parsers.ocr.OcrMode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A folder of real documents as a user ingests it (issue 14): {@code ./verity ingest --json FOLDER} in its own process
 * with OCR on, the time to its first printed result and to its exit; then each stage alone on the same machine, as
 * floors: every file through the same isolated parser processes with the same number of workers (OCR off, then OCR
 * on), and a bare ONNX Runtime session embedding the very chunks the ingestion indexed. Target: the ingestion takes no
 * longer than the sum of the floors / 0.85, and prints its first result within 10 s.
 *
 * <p>Writes {@code folder.json} into the output folder and replaces its section of {@code docs/benchmarks.md}.
 */
final class FolderBench {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path out;
    private final Path docs;
    private final Path folder;

    FolderBench(Path out, Path docs, Path folder) {
        this.out = out;
        this.docs = docs;
        this.folder = folder;
    }

    void run() throws Exception {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(
                    "no folder " + folder + " (--folder PATH names the documents to ingest)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Path data = out.resolve("work/folder-data");
        Benchmarks.deleteTree(data);
        Map<String, String> env = Map.of("VERITY_OCR", "auto");

        // 1. as a user runs it
        ProcessBuilder builder =
                new ProcessBuilder("./verity", "ingest", "--data", data.toString(), "--json", folder.toString());
        builder.environment().putAll(env);
        builder.redirectError(out.resolve("folder-ingest.err").toFile());
        long start = System.nanoTime();
        Process child = builder.start();
        double firstResult = -1;
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("{")) {
                    continue;
                }
                if (firstResult < 0) {
                    firstResult = (System.nanoTime() - start) / 1e9;
                }
                lines.add(line);
                JsonNode result = JSON.readTree(line);
                if (result.has("status")) {
                    String reason = result.path("reason").isNull()
                            ? ""
                            : " " + result.path("reason").asString();
                    outcomes.merge(result.path("status").asString() + reason, 1, Integer::sum);
                }
            }
        }
        int exit = child.waitFor();
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        Files.write(out.resolve("folder-ingest.jsonl"), lines);

        // 2. the floors, each stage alone
        VerityConfig config = VerityConfig.from(data, env);
        int workers = config.ingestion().parallelism();
        double parseSeconds = parseAll(config, workers, files, false);
        double parseOcrSeconds = parseAll(config, workers, files, true);
        List<String> chunkTexts = new ArrayList<>();
        try (Verity verity = Verity.forQueries(config)) {
            for (IndexedDocument doc : verity.components().index().documents()) {
                verity.components()
                        .index()
                        .chunks(doc.documentId())
                        .forEach(c -> chunkTexts.add(c.chunk().searchText()));
            }
        }
        double embedSeconds;
        int threads = Runtime.getRuntime().availableProcessors();
        try (RawOnnx raw = new RawOnnx()) {
            List<long[]> ids = raw.tokenize(chunkTexts);
            raw.throughput(ids.subList(0, Math.min(20, ids.size())), threads);
            embedSeconds = ids.isEmpty() ? 0 : ids.size() / raw.throughput(ids, threads);
        }
        double floors = parseOcrSeconds + embedSeconds;
        double ratio = floors / ingestSeconds;

        Map<String, Object> report = new java.util.LinkedHashMap<>();
        report.put("folder", folder.toString());
        report.put("files", files.size());
        report.put("date", Instant.now().toString());
        report.put("workers", workers);
        report.put("exit", exit);
        report.put("outcomes", outcomes);
        report.put("chunks", chunkTexts.size());
        report.put("ingest_seconds", Benchmarks.round(ingestSeconds));
        report.put("first_result_seconds", Benchmarks.round(firstResult));
        report.put("parse_floor_seconds_ocr_off", Benchmarks.round(parseSeconds));
        report.put("parse_floor_seconds_ocr_on", Benchmarks.round(parseOcrSeconds));
        report.put("embed_floor_seconds", Benchmarks.round(embedSeconds));
        report.put("sum_of_floors_seconds", Benchmarks.round(floors));
        report.put("ratio_floors_to_ingest", Benchmarks.round(ratio));
        Files.writeString(
                out.resolve("folder.json"),
                JsonMapper.builder()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .build()
                        .writeValueAsString(report));

        List<String> md = new ArrayList<>();
        md.add("<!-- folder:start (written by scripts/bench.sh folder; edits are lost) -->");
        md.add("## A folder of real documents (issue 14): `verity ingest` against its stages alone");
        md.add("");
        md.add("Measured " + Instant.now() + " on " + threads + " cores, " + workers + " ingestion workers, OCR on"
                + " (`auto`): " + files.size() + " files of `" + folder.getFileName() + "`, exit code " + exit
                + ". Outcomes: " + outcomes + ".");
        md.add("");
        md.add("| measure | seconds |");
        md.add("|---|---|");
        md.add("| `./verity ingest --json` (start-up, parse, OCR, chunk, embed, index, commit) | "
                + Benchmarks.round(ingestSeconds) + " |");
        md.add("| first result printed | " + Benchmarks.round(firstResult) + " |");
        md.add("| floor: every file through the isolated parser processes, OCR off | " + Benchmarks.round(parseSeconds)
                + " |");
        md.add("| floor: the same, OCR on (parse + OCR) | " + Benchmarks.round(parseOcrSeconds) + " |");
        md.add("| floor: bare ONNX Runtime embedding the " + chunkTexts.size() + " indexed chunks | "
                + Benchmarks.round(embedSeconds) + " |");
        md.add("| sum of floors (parse + OCR + embed) | " + Benchmarks.round(floors) + " |");
        md.add("");
        md.add("Throughput against the floors: **" + Benchmarks.round(ratio) + "×** (target ≥ 0.85×: "
                + (ratio >= 0.85 ? "met" : "**missed**") + "); first result after " + Benchmarks.round(firstResult)
                + " s (target ≤ 10 s: " + (firstResult >= 0 && firstResult <= 10 ? "met" : "**missed**") + ").");
        md.add("<!-- folder:end -->");
        MarkdownSection.replace(docs, "folder", String.join("\n", md));
        System.out.println(String.join("\n", md));
    }

    /** Every file through the parser as the application composes it, {@code workers} at a time; wall seconds. */
    private static double parseAll(VerityConfig config, int workers, List<Path> files, boolean ocr) throws Exception {
        var parsing = config.parsing();
        var ocrSettings = config.ocr().withMode(ocr ? OcrMode.AUTO : OcrMode.OFF);
        var limits = parsing.limits().withOcr(ocrSettings);
        RoutingDocumentParser inProcess = new RoutingDocumentParser(limits, MediaSettings.defaults(), Optional.empty());
        var perProcess = parsing.withLimits(
                limits.withOcr(ocrSettings.withParallelism(Math.max(1, ocrSettings.parallelism() / workers))));
        try (IsolatedDocumentParser isolated = new IsolatedDocumentParser(perProcess.isolation(workers))) {
            DocumentParser parser = (file, name) -> {
                String type = inProcess.detect(file, name);
                return inProcess.isMedia(type) ? inProcess.parse(file, name, type) : isolated.parse(file, name, type);
            };
            parseEach(parser, files.subList(0, Math.min(workers, files.size())), workers); // start the processes
            long start = System.nanoTime();
            parseEach(parser, files, workers);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static Map<String, Integer> parseEach(DocumentParser parser, List<Path> files, int workers)
            throws Exception {
        Map<String, Integer> outcomes = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Path file : files) {
                results.add(pool.submit(() -> {
                    try {
                        ParsedDocument doc =
                                parser.parse(file, file.getFileName().toString());
                        return doc.isBlank() ? "blank" : "parsed";
                    } catch (DocumentRejectedException e) {
                        return e.rejection().reason().name();
                    } catch (RuntimeException e) {
                        return "failed";
                    }
                }));
            }
            for (Future<String> result : results) {
                outcomes.merge(result.get(), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }
}
