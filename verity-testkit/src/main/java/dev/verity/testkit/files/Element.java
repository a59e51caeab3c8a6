package dev.verity.testkit.files;

import java.util.List;
import java.util.Objects;

/**
 * One structural element of a generated prose document (DOCX, ODT, EPUB, RTF, HTML, Markdown). The same list of
 * elements can be written in every format, so a test can check that each parser recovers the same structure.
 *
 * <pre>{@code
 * List<Element> body = List.of(
 *         Element.heading(1, "Pricing"),
 *         Element.paragraph("Three plans are available."),
 *         Element.bullet("Billed monthly"),
 *         Element.table(List.of("Plan", "Price", "Seats"), List.of(List.of("Team", "$20", "10 seats"))));
 * }</pre>
 */
public sealed interface Element {

    static Heading heading(int level, String text) {
        return new Heading(level, text);
    }

    static Paragraph paragraph(String text) {
        return new Paragraph(text);
    }

    static Bullet bullet(String text) {
        return new Bullet(text);
    }

    static Table table(List<String> header, List<List<String>> rows) {
        return new Table(header, rows);
    }

    /** A section heading, level 1 (top) to 6. */
    record Heading(int level, String text) implements Element {
        public Heading {
            if (level < 1 || level > 6) {
                throw new IllegalArgumentException("level must be in 1..6, got " + level);
            }
            Objects.requireNonNull(text, "text");
        }
    }

    record Paragraph(String text) implements Element {
        public Paragraph {
            Objects.requireNonNull(text, "text");
        }
    }

    /** One item of a bulleted list; consecutive bullets form one list. */
    record Bullet(String text) implements Element {
        public Bullet {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A table whose first row is {@code header}; every row should have as many cells as the header. */
    record Table(List<String> header, List<List<String>> rows) implements Element {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            if (header.isEmpty()) {
                throw new IllegalArgumentException("header must not be empty");
            }
        }
    }
}
