package dev.verity.app.cli;

import dev.verity.app.VerityConfig;
import dev.verity.document.Block;
import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.chunking.ChunkDraft;
import dev.verity.ingestion.chunking.StructureAwareChunker;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.onnx.OnnxEmbeddingModel;
import dev.verity.parsers.OpenNlpLanguageDetector;
import dev.verity.parsers.ParserSettings;
import dev.verity.parsers.RoutingDocumentParser;
import dev.verity.parsers.ocr.OcrMode;
import dev.verity.parsers.ocr.OcrSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show how Verity reads a file: its blocks (pages, headings, paragraphs, tables) and the chunks"
                + " it would index. Nothing is stored.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--chunks", description = "Also show the chunks, cut with the embedding model's tokenizer.")
    boolean chunks;

    @Option(names = "--ocr", paramLabel = "MODE", converter = IngestCommand.OcrModeConverter.class,
            description = "OCR with Tesseract: auto, force or off. Default: auto or $VERITY_OCR.")
    OcrMode ocr;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        VerityConfig defaults = VerityConfig.from(Path.of("."), System.getenv());
        OcrSettings ocrSettings = ocr == null ? defaults.ocr() : defaults.ocr().withMode(ocr);
        ParsedDocument doc;
        try {
            doc = new RoutingDocumentParser(ParserSettings.defaults().withOcr(ocrSettings))
                    .parse(file, file.getFileName().toString());
        } catch (DocumentRejectedException e) {
            out.println("rejected [" + e.rejection().reason().code() + "]: " + e.rejection().message());
            return VerityCommand.EXIT_REJECTED;
        }
        String language = new OpenNlpLanguageDetector().detect(doc.text());
        out.printf("title: %s%nmedia type: %s%nkind: %s%nlanguage: %s%npages: %d%n", doc.title(), doc.mediaType(),
                doc.kind(), language, doc.pageCount());
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
                case Block.Table t -> {
                    out.printf("%sTABLE %s%n    %s%n", page, t.name(), t.headerLine());
                    t.rows().forEach(r -> out.printf("    %s%n", r.line()));
                }
            }
        }
        if (chunks) {
            try (OnnxEmbeddingModel model = OnnxEmbeddingModel.defaultModel()) {
                int n = 0;
                for (ChunkDraft c : new StructureAwareChunker(model.tokenCounter(), defaults.chunking()).chunk(doc)) {
                    String ocrNote = c.location().ocrConfidence().isPresent()
                            ? ", OCR " + Math.round(c.location().ocrConfidence().getAsDouble()) + "%" : "";
                    out.printf("%n--- chunk %d (%s, %d tokens, pages %d-%d%s, %s)%n[%s]%n%s%n", n++, c.kind(),
                            c.tokenCount(), c.location().pageStart(), c.location().pageEnd(), ocrNote,
                            c.location().section(), c.context(), c.text());
                }
            }
        }
        return 0;
    }
}
