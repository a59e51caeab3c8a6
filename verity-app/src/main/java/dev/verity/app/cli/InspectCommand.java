package dev.verity.app.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.json.Json;
import dev.verity.app.json.QualityView;
import dev.verity.document.Block;
import dev.verity.document.Chunk;
import dev.verity.document.ParsedDocument;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.guards.injection.InjectionVerdict;
import dev.verity.ingestion.Inspection;
import dev.verity.ingestion.chunking.ChunkDraft;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.parsers.ocr.OcrMode;
import dev.verity.parsers.ocr.OcrSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Show how Verity reads a file: its blocks (pages, headings, paragraphs, tables) and the chunks"
                + " it would index. Nothing is stored.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--chunks", description = "Also show the chunks, cut with the embedding model's tokenizer.")
    boolean chunks;

    @Option(
            names = "--ocr",
            paramLabel = "MODE",
            converter = IngestCommand.OcrModeConverter.class,
            description = "OCR with Tesseract: auto, force or off. Default: auto or $VERITY_OCR.")
    OcrMode ocr;

    @Option(names = "--json", description = "Print what was read as one JSON object (with the chunks under --chunks).")
    boolean json;

    @Spec
    CommandSpec spec;

    /** {@code --json}: the document as read; {@code chunks} is null without {@code --chunks}. */
    record InspectView(
            String source,
            String status,
            String title,
            @JsonProperty("media_type") String mediaType,
            String kind,
            String language,
            int pages,
            Map<String, String> headers,
            QualityView quality,
            List<BlockView> blocks,
            List<ChunkView> chunks) {}

    /**
     * One block: {@code type} is heading, paragraph, list_item, table or note; {@code page} is null without pages; a
     * note's {@code name} is what it is, e.g. "comment by Ana Berg".
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BlockView(
            String type,
            Integer page,
            Integer level,
            String text,
            String name,
            List<String> header,
            List<List<String>> rows) {

        static BlockView of(Block block) {
            Integer page = block.page() > 0 ? block.page() : null;
            return switch (block) {
                case Block.Heading h -> new BlockView("heading", page, h.level(), h.text(), null, null, null);
                case Block.Paragraph p -> new BlockView("paragraph", page, null, p.text(), null, null, null);
                case Block.ListItem i -> new BlockView("list_item", page, null, i.text(), null, null, null);
                case Block.Note n -> new BlockView("note", page, null, n.text(), n.label(), null, null);
                case Block.Table t ->
                    new BlockView(
                            "table",
                            page,
                            null,
                            null,
                            t.name(),
                            t.header(),
                            t.rows().stream().map(Block.Row::cells).toList());
            };
        }
    }

    /**
     * One chunk as it would be indexed; {@code ocr_confidence} is null unless the chunk was read by OCR, {@code passage}
     * null unless the chunk is a note (comment, speaker notes…).
     */
    record ChunkView(
            String kind,
            @JsonProperty("token_count") int tokenCount,
            @JsonProperty("page_start") int pageStart,
            @JsonProperty("page_end") int pageEnd,
            String section,
            String context,
            String text,
            @JsonProperty("ocr_confidence") Double ocrConfidence,
            String passage,
            GuardView guard) {

        static ChunkView of(ChunkDraft c, InjectionVerdict scanned) {
            return new ChunkView(
                    c.kind().toString().toLowerCase(java.util.Locale.ROOT),
                    c.tokenCount(),
                    c.location().pageStart(),
                    c.location().pageEnd(),
                    c.location().section(),
                    c.context(),
                    c.text(),
                    c.location().ocrConfidence().isPresent()
                            ? Math.round(c.location().ocrConfidence().getAsDouble() * 10) / 10.0
                            : null,
                    c.location().passage().isEmpty() ? null : c.location().passage(),
                    GuardView.of(scanned));
        }
    }

    /**
     * What the ingestion guard would say of a chunk under the default collection's policy: which guard, its verdict
     * ({@code allow}, {@code flag}: indexed but never quoted, {@code block}: quarantined), labels and score.
     */
    record GuardView(String guard, String verdict, List<String> labels, double score) {
        static GuardView of(InjectionVerdict scanned) {
            return new GuardView(
                    scanned.verdict().guard(),
                    scanned.verdict().action().code(),
                    scanned.verdict().labels(),
                    Math.round(scanned.score() * 1000) / 1000.0);
        }
    }

    /** {@code --json} for a file that cannot be read: why, as {@code verity ingest --json} says it. */
    record RejectedView(String source, String status, String reason, String message) {}

    @Override
    public Integer call() throws NoSuchFileException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        // no data folder: nothing is opened or stored, the configuration only supplies parser and chunking settings
        VerityConfig defaults = VerityConfig.from(Path.of("."), System.getenv());
        OcrSettings ocrSettings = ocr == null ? defaults.ocr() : defaults.ocr().withMode(ocr);
        try (Verity verity = Verity.forQueries(defaults)) {
            Inspection.Result read;
            try {
                read = verity.inspection(ocrSettings).read(file, chunks);
            } catch (DocumentRejectedException e) {
                out.println(
                        json
                                ? Json.line(new RejectedView(
                                        file.getFileName().toString(),
                                        "rejected",
                                        e.rejection().reason().code(),
                                        e.rejection().message()))
                                : "rejected [" + e.rejection().reason().code() + "]: "
                                        + e.rejection().message());
                return ExitCodes.REJECTED;
            }
            print(read, verity, out);
            return ExitCodes.OK;
        }
    }

    private void print(Inspection.Result read, Verity verity, PrintWriter out) {
        ParsedDocument doc = read.document();
        String language = read.language();
        if (json) {
            List<ChunkView> cut = chunks
                    ? read.chunks().stream()
                            .map(c -> ChunkView.of(c, verity.scanChunk(Chunk.searchText(c.context(), c.text()))))
                            .toList()
                    : null;
            out.println(Json.line(new InspectView(
                    file.getFileName().toString(),
                    "read",
                    doc.title(),
                    doc.mediaType(),
                    doc.kind().toString().toLowerCase(java.util.Locale.ROOT),
                    language,
                    doc.pageCount(),
                    doc.headers(),
                    QualityView.of(doc.quality()),
                    doc.blocks().stream().map(BlockView::of).toList(),
                    cut)));
            return;
        }
        out.printf(
                "title: %s%nmedia type: %s%nkind: %s%nlanguage: %s%npages: %d%n",
                doc.title(), doc.mediaType(), doc.kind(), language, doc.pageCount());
        doc.headers().forEach((k, v) -> out.printf("header %s: %s%n", k, v));
        List<String> quality = QualityReport.lines(doc.quality());
        out.printf("quality: %s%n", quality.getFirst());
        quality.subList(1, quality.size()).forEach(line -> out.printf("  %s%n", line));
        out.println();
        for (Block block : doc.blocks()) {
            String page = block.page() > 0 ? "p" + block.page() + " " : "";
            switch (block) {
                case Block.Heading h -> out.printf("%sH%d  %s%n", page, h.level(), h.text());
                case Block.Paragraph p -> out.printf("%sP   %s%n", page, p.text());
                case Block.ListItem i -> out.printf("%sLI  %s%n", page, i.text());
                case Block.Note n -> out.printf("%sNOTE (%s)  %s%n", page, n.label(), n.text());
                case Block.Table t -> {
                    out.printf("%sTABLE %s%n    %s%n", page, t.name(), t.headerLine());
                    t.rows().forEach(r -> out.printf("    %s%n", r.line()));
                }
            }
        }
        if (chunks) {
            int n = 0;
            for (ChunkDraft c : read.chunks()) {
                String ocrNote = (c.location().ocrConfidence().isPresent()
                                ? ", OCR "
                                        + Math.round(
                                                c.location().ocrConfidence().getAsDouble()) + "%"
                                : "")
                        + (c.location().passage().isEmpty()
                                ? ""
                                : ", " + c.location().passage());
                InjectionVerdict scanned = verity.scanChunk(Chunk.searchText(c.context(), c.text()));
                String guardNote = scanned.verdict().action() == GuardVerdict.Action.ALLOW
                        ? ""
                        : ", guard " + scanned.verdict().action().code() + " "
                                + String.join(",", scanned.verdict().labels());
                out.printf(
                        "%n--- chunk %d (%s, %d tokens, pages %d-%d%s%s, %s)%n[%s]%n%s%n",
                        n++,
                        c.kind(),
                        c.tokenCount(),
                        c.location().pageStart(),
                        c.location().pageEnd(),
                        ocrNote,
                        guardNote,
                        c.location().section(),
                        c.context(),
                        c.text());
            }
        }
    }
}
