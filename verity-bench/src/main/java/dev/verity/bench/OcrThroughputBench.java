package dev.verity.bench;

import dev.verity.document.ParsedDocument;
import dev.verity.parsers.ParserSettings;
import dev.verity.parsers.RoutingDocumentParser;
import dev.verity.parsers.ocr.OcrSettings;
import dev.verity.testkit.files.SampleFiles;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * OCR throughput (issue 14): the same page images through the {@code tesseract} command run one page after another,
 * as a user would script it, and through Verity's parser with the page cache cold (an empty folder) and warm (the
 * same files parsed again, as a re-ingest would): once as one scanned PDF whose pages are rendered one after another
 * and recognized in parallel, once as PNG files parsed by as many threads as there are cores.
 *
 * <p>Writes {@code ocr-throughput.json} into the output folder and replaces its section of {@code docs/benchmarks.md}.
 * Wall time depends on what else the machine runs; CPU seconds per page (this JVM and its finished child processes)
 * do much less, so both are reported.
 */
final class OcrThroughputBench {
    static final String SECTION = "ocr-throughput";
    private static final int PAGES = 20;
    private static final int DPI = 300;
    private static final int WORDS_PER_PAGE = 320;
    /** Linux's USER_HZ, the unit of the CPU times in {@code /proc/self/stat}. */
    private final Path out;

    private final Path docs;
    private final int cores = Runtime.getRuntime().availableProcessors();

    OcrThroughputBench(Path out, Path docs) {
        this.out = out;
        this.docs = docs;
    }

    private record Outcome(String path, double seconds, double cpuSeconds, long words) {
        double pagesPerSecond() {
            return PAGES / seconds;
        }

        double cpuPerPage() {
            return cpuSeconds / PAGES;
        }
    }

    void run() throws Exception {
        Path pages = Files.createDirectories(out.resolve("ocr-throughput-pages"));
        Path cache = out.resolve("ocr-throughput-cache");
        Benchmarks.deleteTree(cache);
        List<Path> images = new ArrayList<>();
        List<BufferedImage> rendered = new ArrayList<>();
        SyntheticText text = new SyntheticText(14);
        for (int i = 0; i < PAGES; i++) {
            BufferedImage page = SampleFiles.scanPage(text.passage(WORDS_PER_PAGE), DPI);
            rendered.add(page);
            Path file = pages.resolve("page-%02d.png".formatted(i + 1));
            ImageIO.write(page, "png", file.toFile());
            images.add(file);
        }
        Path pdf = pages.resolve("scanned.pdf");
        OcrBench.scannedPdf(rendered, pdf);
        rendered.clear();

        OcrSettings settings = OcrSettings.defaults().withParallelism(cores);
        RoutingDocumentParser cached =
                new RoutingDocumentParser(ParserSettings.defaults().withOcr(settings.withCache(cache)));
        cached.ocrProblem().ifPresent(p -> {
            throw new IllegalStateException("OCR is not usable here: " + p);
        });
        // warm-up without the cache: Tika's configuration, the JIT, tesseract's model files in the page cache
        new RoutingDocumentParser(ParserSettings.defaults().withOcr(settings)).parse(images.getFirst(), "warm-up.png");

        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(cli(settings, images));
        Outcome pdfCold = pdf(cached, pdf, "verity, scanned PDF, cache cold");
        Outcome pdfWarm = pdf(cached, pdf, "verity, scanned PDF, cache warm");
        Benchmarks.deleteTree(cache); // the PNG files are new pages to the cache: start it cold again
        Outcome pngCold = files(cached, images, "verity, PNG files, cache cold");
        Outcome pngWarm = files(cached, images, "verity, PNG files, cache warm");
        outcomes.addAll(List.of(pdfCold, pdfWarm, pngCold, pngWarm));
        if (pdfCold.words() != pdfWarm.words() || pngCold.words() != pngWarm.words()) {
            throw new IllegalStateException("the cache changed what was read: " + outcomes);
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Outcome base = outcomes.getFirst();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", Instant.now().toString());
        report.put("cores", cores);
        report.put("pages", PAGES);
        report.put("dpi", DPI);
        report.put("languages", settings.languages());
        report.put("tesseract_processes_at_once", cores);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            rows.add(Map.of(
                    "path", o.path(),
                    "seconds", Benchmarks.round(o.seconds()),
                    "pages_per_s", Benchmarks.round(o.pagesPerSecond()),
                    "cpu_s_per_page", OcrBench.round3(o.cpuPerPage()),
                    "words", o.words()));
        }
        report.put("rows", rows);
        report.put("load_average_at_end", load);
        Files.writeString(
                out.resolve("ocr-throughput.json"),
                JsonMapper.builder()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .build()
                        .writeValueAsString(report));

        List<String> md = new ArrayList<>();
        md.add("<!-- " + SECTION + ":start (written by scripts/bench.sh ocr-throughput; edits are lost) -->");
        md.add("## Issue 14 — OCR throughput: " + PAGES + " pages at " + DPI + " dpi, " + settings.languages()
                + ", page cache cold and warm");
        md.add("");
        md.add("Measured " + Instant.now() + " on " + cores + " cores, one run of each path after a one-page warm-up."
                + " Each page: ~" + WORDS_PER_PAGE + " words of 12 pt serif on A4. The machine is shared: its load"
                + " average was " + Benchmarks.round(load)
                + " at the end, so wall-clock rates are low and noisy; CPU seconds per"
                + " page (this JVM and its child processes) are the steadier measure. Figures in"
                + " `bench/out/ocr-throughput.json`.");
        md.add("");
        md.add("| Path | pages/s (wall) | vs `tesseract` one by one | CPU s/page | words read |");
        md.add("|---|---|---|---|---|");
        md.add("| `tesseract page.png stdout -l " + settings.languages()
                + " tsv`, one page after another, its own threads | " + Benchmarks.round(base.pagesPerSecond())
                + " | 1.00× | "
                + OcrBench.round3(base.cpuPerPage()) + " | |");
        for (Outcome o : outcomes.subList(1, outcomes.size())) {
            md.add("| " + describe(o) + " | " + Benchmarks.round(o.pagesPerSecond()) + " | **"
                    + Benchmarks.round(o.pagesPerSecond() / base.pagesPerSecond()) + "×** | "
                    + OcrBench.round3(o.cpuPerPage()) + " | "
                    + o.words() + " |");
        }
        md.add("");
        md.add("Verity runs up to " + cores + " `tesseract` processes at once (`OcrSettings.parallelism`, one per core"
                + " by default, `OMP_THREAD_LIMIT=1` each), the pages of one PDF included. With the cache warm"
                + " nothing is recognized again: a PDF page is still rendered and hashed (the key is the SHA-256 of the"
                + " page image), an image file only hashed. The cache lives in `<data>/ocr-cache` for `verity ingest`"
                + " and `serve`, bounded by `OcrSettings.cacheMaxBytes` (512 MiB by default).");
        md.add("<!-- " + SECTION + ":end -->");
        String section = String.join("\n", md);
        MarkdownSection.replace(docs, SECTION, section);
        System.out.println(section);
        System.out.println("\nWrote " + out.resolve("ocr-throughput.json") + " and its section of " + docs);
    }

    private String describe(Outcome o) {
        return switch (o.path()) {
            case "verity, scanned PDF, cache cold" ->
                "Verity, one " + PAGES + "-page scanned PDF, cache cold (render" + " + OCR, pages in parallel)";
            case "verity, scanned PDF, cache warm" -> "Verity, the same PDF again, cache warm (render + hash)";
            case "verity, PNG files, cache cold" ->
                "Verity, the " + PAGES + " PNG files, " + cores + " at once, cache cold";
            case "verity, PNG files, cache warm" -> "Verity, the same PNG files again, cache warm (hash only)";
            default -> o.path();
        };
    }

    /** Every image through the command, one after another, as {@code for f in *.png; do tesseract …; done}. */
    private static Outcome cli(OcrSettings settings, List<Path> images) throws Exception {
        double cpu = OcrBench.cpuSeconds();
        long start = System.nanoTime();
        for (Path image : images) {
            ProcessBuilder builder = new ProcessBuilder(
                    settings.command(), image.toString(), "stdout", "-l", settings.languages(), "tsv");
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process process = builder.start();
            process.getOutputStream().close();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("tesseract failed on " + image);
            }
        }
        return new Outcome(
                "tesseract cli, one by one", (System.nanoTime() - start) / 1e9, OcrBench.cpuSeconds() - cpu, 0);
    }

    private static Outcome pdf(RoutingDocumentParser parser, Path pdf, String path) throws Exception {
        double cpu = OcrBench.cpuSeconds();
        long start = System.nanoTime();
        ParsedDocument doc = parser.parse(pdf, "scanned.pdf");
        double seconds = (System.nanoTime() - start) / 1e9;
        if (doc.quality().ocrPages() != PAGES) {
            throw new IllegalStateException(
                    "expected " + PAGES + " OCR'd pages, got " + doc.quality().ocr());
        }
        return new Outcome(path, seconds, OcrBench.cpuSeconds() - cpu, words(doc));
    }

    private Outcome files(RoutingDocumentParser parser, List<Path> images, String path) throws Exception {
        double cpu = OcrBench.cpuSeconds();
        long start = System.nanoTime();
        long words = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(cores)) {
            List<Future<ParsedDocument>> futures = new ArrayList<>();
            for (Path image : images) {
                futures.add(pool.submit(
                        () -> parser.parse(image, image.getFileName().toString())));
            }
            for (Future<ParsedDocument> f : futures) {
                words += words(f.get());
            }
        }
        return new Outcome(path, (System.nanoTime() - start) / 1e9, OcrBench.cpuSeconds() - cpu, words);
    }

    private static long words(ParsedDocument doc) {
        return doc.quality().ocr().stream().mapToLong(p -> p.words()).sum();
    }
}
