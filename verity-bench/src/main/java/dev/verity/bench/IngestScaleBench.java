package dev.verity.bench;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.index.IndexedDocument;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingestion at scale, as a user runs it: {@code ./verity ingest} in its own process with a 1 GB heap cap, on a
 * generated folder of mixed documents (multi-page PDFs, Markdown, HTML, CSV), its peak resident memory sampled from
 * {@code /proc}; then a bare ONNX Runtime session embeds the very same chunks with the same threads (the floor).
 */
final class IngestScaleBench {
    private final Path out;
    private final int documents;
    private final int pages;
    private final List<String> markdown;
    private final Map<String, Object> report;

    IngestScaleBench(Path out, int documents, int pages, List<String> markdown, Map<String, Object> report) {
        this.out = out;
        this.documents = documents;
        this.pages = pages;
        this.markdown = markdown;
        this.report = report;
    }

    void run() throws Exception {
        Path corpus = out.resolve("work/scale-corpus");
        Path data = out.resolve("work/scale-data");
        Benchmarks.deleteTree(corpus);
        Benchmarks.deleteTree(data);
        Files.createDirectories(corpus);
        int pdfPages = generate(corpus);
        int threads = Runtime.getRuntime().availableProcessors();

        ProcessBuilder builder =
                new ProcessBuilder("./verity", "ingest", "--data", data.toString(), "--json", corpus.toString());
        builder.environment().put("VERITY_JAVA_OPTS", "-Xmx1g");
        builder.redirectError(out.resolve("scale-ingest.err").toFile());
        long start = System.nanoTime();
        Process child = builder.start();
        AtomicLong peakRssKib = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> sampleRss(child, peakRssKib));
        int results = 0;
        int indexed = 0;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("{")) {
                    results++;
                    if (line.contains("\"status\":\"indexed\"")) {
                        indexed++;
                    }
                }
            }
        }
        int exit = child.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        if (exit != 0 || indexed != documents) {
            throw new IllegalStateException(
                    "the scale corpus did not ingest cleanly: exit " + exit + ", " + indexed + " of " + documents
                            + " indexed (" + results + " results); see " + out.resolve("scale-ingest.err"));
        }
        List<String> chunkTexts = new ArrayList<>();
        try (Verity verity = Verity.forQueries(VerityConfig.from(data, Map.of()))) {
            for (IndexedDocument doc : verity.components().index().documents()) {
                verity.components()
                        .index()
                        .chunks(doc.documentId())
                        .forEach(c -> chunkTexts.add(c.chunk().searchText()));
            }
        }
        double rawPerS;
        try (RawOnnx raw = new RawOnnx()) {
            List<long[]> ids = raw.tokenize(chunkTexts);
            raw.throughput(ids.subList(0, Math.min(20, ids.size())), threads);
            rawPerS = raw.throughput(ids, threads);
        }
        int chunks = chunkTexts.size();
        double chunksPerS = chunks / seconds;
        double peakMib = peakRssKib.get() / 1024.0;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("documents", documents);
        result.put("pdf_pages", pdfPages);
        result.put("chunks", chunks);
        result.put("threads", threads);
        result.put("heap_cap", "1g");
        result.put("seconds", Benchmarks.round(seconds));
        result.put("chunks_per_s", Benchmarks.round(chunksPerS));
        result.put("raw_embedding_chunks_per_s", Benchmarks.round(rawPerS));
        result.put("ratio_to_raw_embedding", Benchmarks.round(chunksPerS / rawPerS));
        result.put("peak_rss_mib", Benchmarks.round(peakMib));
        report.put("ingest_scale", result);
        markdown.add("");
        markdown.add("## Ingestion at scale (" + documents + " mixed documents, " + pdfPages + " PDF pages, `./verity"
                + " ingest` with `-Xmx1g`, " + threads + " workers)");
        markdown.add("| measure | value |");
        markdown.add("|---|---|");
        markdown.add("| wall time (start-up, queueing, parse, chunk, embed, index, commit) | "
                + Benchmarks.round(seconds) + " s |");
        markdown.add("| chunks | " + chunks + " |");
        markdown.add("| chunks/s | " + Benchmarks.round(chunksPerS) + " |");
        markdown.add("| raw ONNX Runtime on the same chunks, same threads | " + Benchmarks.round(rawPerS) + " /s |");
        markdown.add("| **ratio to the embedding floor** | **" + Benchmarks.round(chunksPerS / rawPerS) + "** |");
        markdown.add("| peak resident memory of the ingest process (heap cap 1 GB) | " + Benchmarks.round(peakMib)
                + " MiB |");
    }

    /** Writes the corpus; returns the number of PDF pages. PDFs hold about 80% of the pages. */
    private int generate(Path corpus) throws IOException {
        SyntheticText text = new SyntheticText(11);
        Random random = new Random(11);
        int pdfs = Math.max(1, documents * 2 / 5);
        int pdfPages = 0;
        int perPdf = Math.max(1, pages * 4 / 5 / pdfs);
        for (int i = 0; i < documents; i++) {
            switch (i % 5) {
                case 0, 1 -> {
                    int n = Math.max(1, perPdf + random.nextInt(Math.max(1, perPdf)) - perPdf / 2);
                    Benchmarks.writePdf(corpus.resolve("report-%04d.pdf".formatted(i)), n, text);
                    pdfPages += n;
                }
                case 2 -> {
                    StringBuilder md = new StringBuilder("# Note " + i + "\n\n");
                    for (int s = 0; s < 4; s++) {
                        md.append("## Section ")
                                .append(s)
                                .append("\n\n")
                                .append(text.passage(150))
                                .append("\n\n");
                    }
                    Files.writeString(corpus.resolve("note-%04d.md".formatted(i)), md);
                }
                case 3 ->
                    Files.writeString(
                            corpus.resolve("page-%04d.html".formatted(i)),
                            "<html><head><title>Page " + i
                                    + "</title></head><body><h1>Page " + i + "</h1><p>" + text.passage(300) + "</p><p>"
                                    + text.passage(300) + "</p></body></html>");
                default -> {
                    StringBuilder csv = new StringBuilder("id,name,description\n");
                    for (int r = 0; r < 40; r++) {
                        csv.append(r)
                                .append(',')
                                .append(text.sentence(2).replace(",", "").replace(".", ""))
                                .append(',')
                                .append(text.sentence(12).replace(",", ""))
                                .append('\n');
                    }
                    Files.writeString(corpus.resolve("table-%04d.csv".formatted(i)), csv);
                }
            }
        }
        return pdfPages;
    }

    private static void sampleRss(Process child, AtomicLong peakKib) {
        Path status = Path.of("/proc", String.valueOf(child.pid()), "status");
        while (child.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        long kib = Long.parseLong(line.replaceAll("\\D", ""));
                        peakKib.accumulateAndGet(kib, Math::max);
                    }
                }
                Thread.sleep(200);
            } catch (IOException e) {
                return; // the process ended between the check and the read
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
