package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.json.BatchView;
import dev.verity.app.json.IngestResultView;
import dev.verity.app.json.Json;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.SourceFiles;
import dev.verity.ingestion.jobs.BatchStatus;
import dev.verity.ingestion.jobs.IngestionJobs;
import dev.verity.ingestion.jobs.IngestionWorkers;
import dev.verity.parsers.ocr.OcrMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Ingest files and folders (recursively) into a collection.",
            "Files are queued durably and worked in parallel; the command waits and prints each file's result as it"
                    + " finishes (--ordered: in input order). A printed file is searchable by keyword; its vectors"
                    + " (search by meaning) are computed behind, in bulk, and the command waits for them before exiting.",
            "Exit code 0 when every file was indexed or unchanged, 3 when some were rejected or quarantined."
        })
final class IngestCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Mixin
    IngestTargetOptions target;

    @Option(
            names = "--ocr",
            paramLabel = "MODE",
            converter = OcrModeConverter.class,
            description = "OCR with Tesseract: auto (PDF pages without a usable text layer, and images), force (every"
                    + " PDF page) or off. Default: auto or $VERITY_OCR.")
    OcrMode ocr;

    @Option(
            names = "--ocr-languages",
            paramLabel = "LANGS",
            description = "Tesseract languages joined by '+', e.g. eng+deu (Debian packages tesseract-ocr-<lang>)."
                    + " Default: eng+deu or $VERITY_OCR_LANGUAGES.")
    String ocrLanguages;

    @Option(names = "--json", description = "One JSON object per file on stdout.")
    boolean json;

    @Option(
            names = "--ordered",
            description = "Print the results in input order (a slow file holds back those after it); by default each"
                    + " file's result is printed as soon as it is final.")
    boolean ordered;

    @Option(
            names = "--no-wait",
            description = {
                "Queue the files and print the batch id at once. The queue is worked by"
                        + " `verity serve`, the next `verity ingest`, or `verity jobs --work`; follow it with `verity jobs ID`."
            })
    boolean noWait;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders.")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        IngestOptions options = target.options();
        List<SourceFile> files = SourceFiles.expand(paths);
        VerityConfig config = target.apply(data.config());
        if (ocr != null) {
            config = config.withOcr(config.ocr().withMode(ocr));
        }
        if (ocrLanguages != null) {
            config = config.withOcr(config.ocr().withLanguages(ocrLanguages));
        }
        long start = System.nanoTime();
        List<IngestResult> results;
        try (Verity verity = Verity.forWriting(config)) {
            if (noWait) {
                if (ocr != null || ocrLanguages != null) {
                    spec.commandLine()
                            .getErr()
                            .println("note: --ocr and --ocr-languages apply to the process that"
                                    + " works the queue; for queued files set VERITY_OCR / VERITY_OCR_LANGUAGES where `verity"
                                    + " serve` or `verity jobs --work` runs");
                }
                BatchStatus batch = verity.ingestion().queue(files, options);
                out.println(
                        json
                                ? Json.line(BatchView.of(batch, Instant.now(), null))
                                : "queued " + batch.total() + " file(s) as batch " + batch.id() + " (see `verity jobs "
                                        + batch.id() + "`)");
                return 0;
            }
            IngestionJobs ingestion = verity.ingestion();
            BatchStatus batch = ingestion.submit(files, options);
            try (ProgressBar progress = ProgressBar.onTerminal("ingesting", files.size())) {
                results = ingestion.await(
                        batch.id(),
                        ordered ? IngestionWorkers.ResultOrder.INPUT : IngestionWorkers.ResultOrder.FINISHED,
                        new IngestionWorkers.Listener() {
                            private int reported;

                            @Override
                            public void onResult(IngestResult result, int done, int total) {
                                reported = done;
                                progress.clearLine();
                                out.println(json ? Json.line(IngestResultView.of(result)) : humanLine(result));
                                out.flush();
                                progress.update(done, result.source());
                            }

                            @Override
                            public void inFlight(List<IngestionWorkers.InFlight> running) {
                                if (!running.isEmpty()) {
                                    progress.inFlight(reported, running);
                                }
                            }
                        });
                // the files are keyword-searchable already; by meaning once the backfill has embedded them
                Optional<String> embeddingFailure = ingestion.awaitVectors(
                        behind -> progress.status(String.format(Locale.ROOT, "embedding: %,d chunks behind", behind)));
                progress.clearLine();
                embeddingFailure.ifPresent(why -> spec.commandLine()
                        .getErr()
                        .println("note: some passages have no vector yet, so they are found by keyword but not by"
                                + " meaning (" + why + "); `verity serve` or the next `verity ingest` embeds them"));
            }
        }
        long failed = results.stream()
                .filter(r -> r.status() == IngestStatus.REJECTED || r.status() == IngestStatus.QUARANTINED)
                .count();
        if (!json) {
            long indexed = results.stream()
                    .filter(r -> r.status() == IngestStatus.INDEXED)
                    .count();
            long unchanged = results.stream()
                    .filter(r -> r.status() == IngestStatus.UNCHANGED)
                    .count();
            long quarantined = results.stream()
                    .filter(r -> r.status() == IngestStatus.QUARANTINED)
                    .count();
            out.printf(
                    "%d indexed, %d unchanged, %d rejected%s in %.1f s (collection %s, data %s)%n",
                    indexed,
                    unchanged,
                    failed - quarantined,
                    quarantined > 0 ? ", " + quarantined + " quarantined" : "",
                    (System.nanoTime() - start) / 1e9,
                    options.collection(),
                    config.dataDir());
        }
        return failed > 0 ? ExitCodes.REJECTED : ExitCodes.OK;
    }

    /** {@code auto}, {@code force}, {@code off} in any case, with the message of {@link OcrMode#parse}. */
    static final class OcrModeConverter implements CommandLine.ITypeConverter<OcrMode> {
        @Override
        public OcrMode convert(String value) {
            try {
                return OcrMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static String humanLine(IngestResult result) {
        return switch (result.status()) {
            case INDEXED, UNCHANGED ->
                "%-9s %s: %s".formatted(result.status().code(), result.source(), result.message());
            case REJECTED, QUARANTINED ->
                "%-9s %s [%s]: %s"
                        .formatted(
                                result.status().code(),
                                result.source(),
                                result.rejection().orElseThrow().reason().code(),
                                result.message());
        };
    }
}
