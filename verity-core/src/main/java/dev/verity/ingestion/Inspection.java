package dev.verity.ingestion;

import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.chunking.ChunkDraft;
import dev.verity.ingestion.chunking.Chunker;
import dev.verity.ingestion.parsing.DocumentParser;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How Verity reads a file, without storing anything ({@code verity inspect}): the first steps of the ingestion
 * pipeline — parse, detect the language, and on request cut into chunks — with the same parser, detector and chunker.
 *
 * <pre>{@code
 * Inspection.Result read = inspection.read(Path.of("report.pdf"), true);
 * read.chunks().forEach(c -> System.out.println(c.tokenCount() + " tokens: " + c.text()));
 * }</pre>
 */
public final class Inspection {
    private final DocumentParser parser;
    private final LanguageDetector languages;
    private final Supplier<Chunker> chunker;

    /** @param chunker built only when chunks are asked for: it needs the embedding model's tokenizer */
    public Inspection(DocumentParser parser, LanguageDetector languages, Supplier<Chunker> chunker) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.languages = Objects.requireNonNull(languages, "languages");
        this.chunker = Objects.requireNonNull(chunker, "chunker");
    }

    /**
     * What was read.
     *
     * @param language the detected language, as ingestion would store it
     * @param chunks the chunks ingestion would index, in reading order; empty unless asked for
     */
    public record Result(ParsedDocument document, String language, List<ChunkDraft> chunks) {
        public Result {
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(language, "language");
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * Reads {@code file} as ingestion would.
     *
     * @throws DocumentRejectedException when ingestion would reject it, with the same typed reason
     */
    public Result read(Path file, boolean withChunks) throws DocumentRejectedException {
        ParsedDocument document = parser.parse(file, file.getFileName().toString());
        String language = languages.detect(document.text());
        List<ChunkDraft> chunks = withChunks ? chunker.get().chunk(document) : List.of();
        return new Result(document, language, chunks);
    }
}
