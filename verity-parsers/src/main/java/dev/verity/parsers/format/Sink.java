package dev.verity.parsers.format;

import dev.verity.document.DocumentBuilder;
import dev.verity.document.DocumentKind;
import dev.verity.document.NoteKind;
import dev.verity.document.ParsedDocument;
import java.util.List;

/**
 * The {@link DocumentBuilder} every reader writes to, charging each block against the {@link TextBudget} first, so
 * that no format can slip past the character limit.
 */
public final class Sink {
    private final DocumentBuilder builder;
    private final TextBudget budget;

    public Sink(String mediaType, DocumentKind kind, TextBudget budget) {
        this.builder = new DocumentBuilder("", mediaType, kind);
        this.budget = budget;
    }

    public void page(int number) {
        builder.page(number);
    }

    public void heading(int level, String text) {
        builder.heading(level, charged(text));
    }

    public void paragraph(String text) {
        builder.paragraph(charged(text));
    }

    public void listItem(String text) {
        builder.listItem(charged(text));
    }

    /**
     * Text a reader sees beside the running text (a comment, speaker notes, a header…), indexed as a passage of its
     * own and cited by its kind and author.
     *
     * @param author who wrote it, null or blank when unknown
     */
    public void note(NoteKind kind, String author, String text) {
        builder.note(kind, author == null ? null : charged(author), charged(text));
    }

    public void header(String name, String value) {
        builder.header(name, value == null ? null : charged(value));
    }

    public void table(String name, List<String> header, List<List<String>> rows) {
        long chars = header.stream().mapToLong(String::length).sum();
        for (List<String> row : rows) {
            chars += row.stream().mapToLong(c -> c == null ? 0 : c.length()).sum();
        }
        budget.charge(chars);
        long ragged = rows.stream().filter(r -> r.size() > header.size()).count();
        if (ragged > 0) {
            builder.warning("table" + (name == null || name.isBlank() ? "" : " " + name) + ": " + ragged
                    + (ragged == 1 ? " row has" : " rows have") + " more cells than the header; the extra columns"
                    + " are named Column " + (header.size() + 1) + "…");
        }
        builder.table(name, header, rows);
    }

    public void ocrPage(int page, double confidence, int words) {
        builder.ocrPage(page, confidence, words);
    }

    public void warning(String message) {
        builder.warning(message);
    }

    public void pageCount(int pages) {
        builder.pageCount(pages);
    }

    public TextBudget budget() {
        return budget;
    }

    /** The document, titled by its first heading when there is one (the caller settles the final title). */
    public ParsedDocument build() {
        return builder.build();
    }

    private String charged(String text) {
        String clean = DocumentBuilder.normalize(text);
        budget.charge(clean.length());
        return clean;
    }
}
