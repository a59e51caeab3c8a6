package dev.verity.document;

import java.util.List;

/**
 * One structural unit of a parsed document, in reading order. Every block knows the page it starts on
 * ({@code 0} when the format has no pages) and its {@link Span} in {@link ParsedDocument#text()}, so
 * {@code text().substring(span.start(), span.end())} is exactly the block's text.
 */
public sealed interface Block {

    int page();

    Span span();

    /** A heading; {@code level} 1 is the top. Slides use their title as a level-1 heading. */
    record Heading(int level, String text, int page, Span span) implements Block {
        public Heading {
            if (level < 1 || level > 6) {
                throw new IllegalArgumentException("heading level must be in 1..6, got " + level);
            }
        }
    }

    /** A paragraph of running text. */
    record Paragraph(String text, int page, Span span) implements Block {}

    /** One item of a bulleted or numbered list. */
    record ListItem(String text, int page, Span span) implements Block {}

    /**
     * A table kept as a table: a header and rows of cells. Each row has its own span in the document text,
     * where it is rendered as its cells joined by {@link #CELL_SEPARATOR}.
     *
     * @param name sheet name or caption, empty when there is none
     */
    record Table(String name, List<String> header, List<Row> rows, int page, Span span) implements Block {
        public static final String CELL_SEPARATOR = " | ";

        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }

        /** The header as it appears in the document text. */
        public String headerLine() {
            return String.join(CELL_SEPARATOR, header);
        }
    }

    /**
     * Text a reader sees beside the running text: a comment, speaker notes, a header or footer, a chart title,
     * SmartArt, a PDF annotation or form field. It is chunked apart from the body, never merged into it, and its chunks
     * carry {@link #label()} so a citation can say what the passage is.
     *
     * @param kind what the text is
     * @param author who wrote it (comments, annotations), empty when unknown
     */
    record Note(NoteKind kind, String author, String text, int page, Span span) implements Block {
        public Note {
            java.util.Objects.requireNonNull(kind, "kind");
            java.util.Objects.requireNonNull(author, "author");
        }

        /** How a citation names this passage, e.g. {@code "comment by Ana Berg"}. */
        public String label() {
            return kind.label(author);
        }
    }

    /** One table row: its cells and where it was rendered. */
    record Row(List<String> cells, Span span) {
        public Row {
            cells = List.copyOf(cells);
        }

        public String line() {
            return String.join(Table.CELL_SEPARATOR, cells);
        }
    }
}
