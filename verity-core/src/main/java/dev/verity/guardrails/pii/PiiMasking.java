package dev.verity.guardrails.pii;

import dev.verity.document.Block;
import dev.verity.document.ParsedDocument;
import dev.verity.document.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Masks the personal data a {@link PiiDetector} finds in a document of the collections named (or of all), in its text,
 * title, headers and every block, <em>keeping each masked span's length</em>: block spans and chunk offsets stay valid,
 * and quotes of the stored text still verify. A span reads as its type in brackets padded with {@code *}, e.g.
 * {@code ana@example.com} → {@code [email]********}; a span shorter than its label becomes all {@code *}.
 *
 * <pre>{@code
 * DocumentRedaction redaction = PiiMasking.of(new StructuredPiiDetector(), Set.of("hr"));   // or PiiMasking.all(…)
 * }</pre>
 */
public final class PiiMasking implements DocumentRedaction {
    private final PiiDetector detector;
    private final Set<String> collections;
    private final boolean all;

    private PiiMasking(PiiDetector detector, Set<String> collections, boolean all) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.collections = Set.copyOf(collections);
        this.all = all;
    }

    /** Masks documents of these collections only. */
    public static PiiMasking of(PiiDetector detector, Set<String> collections) {
        return new PiiMasking(detector, collections, false);
    }

    /** Masks documents of every collection. */
    public static PiiMasking all(PiiDetector detector) {
        return new PiiMasking(detector, Set.of(), true);
    }

    /** Whether documents of {@code collection} are masked. */
    public boolean applies(String collection) {
        return all || collections.contains(collection);
    }

    @Override
    public ParsedDocument redact(String collection, ParsedDocument document) {
        if (!applies(collection)) {
            return document;
        }
        String text = mask(document.text());
        List<Block> blocks = new ArrayList<>(document.blocks().size());
        for (Block block : document.blocks()) {
            blocks.add(redact(block, text));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        document.headers().forEach((name, value) -> headers.put(name, mask(value)));
        return new ParsedDocument(
                mask(document.title()),
                document.mediaType(),
                document.kind(),
                text,
                blocks,
                headers,
                document.pageCount(),
                document.language(),
                document.quality());
    }

    /** The text with every span found replaced by a label of the same length. */
    public String mask(String text) {
        List<PiiSpan> spans = detector.find(text);
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        for (PiiSpan span : spans) {
            out.replace(span.start(), span.end(), label(span.type(), span.length()));
        }
        return out.toString();
    }

    private static String label(PiiType type, int length) {
        String label = "[" + type.code() + "]";
        return label.length() > length ? "*".repeat(length) : label + "*".repeat(length - label.length());
    }

    /**
     * A block's texts taken from the masked document text at its span (so the block and the text agree, as they did);
     * table cells masked on their own when the row's rendering is not found at its span.
     */
    private Block redact(Block block, String text) {
        return switch (block) {
            case Block.Heading h -> new Block.Heading(h.level(), slice(text, h.span(), h.text()), h.page(), h.span());
            case Block.Paragraph p -> new Block.Paragraph(slice(text, p.span(), p.text()), p.page(), p.span());
            case Block.ListItem l -> new Block.ListItem(slice(text, l.span(), l.text()), l.page(), l.span());
            case Block.Note n ->
                new Block.Note(n.kind(), mask(n.author()), slice(text, n.span(), n.text()), n.page(), n.span());
            case Block.Table t -> {
                List<Block.Row> rows = new ArrayList<>(t.rows().size());
                for (Block.Row row : t.rows()) {
                    rows.add(new Block.Row(cells(row, text), row.span()));
                }
                yield new Block.Table(mask(t.name()), cells(t.header()), rows, t.page(), t.span());
            }
        };
    }

    private String slice(String text, Span span, String original) {
        return original.length() == span.end() - span.start()
                ? text.substring(span.start(), span.end())
                : mask(original);
    }

    private List<String> cells(Block.Row row, String text) {
        String rendered = text.substring(row.span().start(), row.span().end());
        if (rendered.length() != row.line().length()) {
            return cells(row.cells());
        }
        List<String> out = new ArrayList<>(row.cells().size());
        int at = 0;
        for (String cell : row.cells()) {
            out.add(rendered.substring(at, at + cell.length()));
            at += cell.length() + Block.Table.CELL_SEPARATOR.length();
        }
        return out;
    }

    private List<String> cells(List<String> cells) {
        return cells.stream().map(this::mask).toList();
    }
}
