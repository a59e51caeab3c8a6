package dev.verity.document;

/** The shape of a document, which decides how it is chunked. */
public enum DocumentKind {
    /** Running text with headings, paragraphs, lists and the occasional table: PDF, Word, HTML, Markdown… */
    PROSE,
    /** Mostly tables: spreadsheets and CSV. Rows stay whole and carry their header. */
    TABLES,
    /** One page per slide; a chunk never spans two slides. */
    SLIDES,
    /** A message whose headers (from, to, subject, date) give every chunk its context. */
    EMAIL
}
