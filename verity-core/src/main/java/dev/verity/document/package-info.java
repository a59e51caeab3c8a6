/**
 * The data model every other package shares.
 *
 * <p>A parser turns a file into a {@link dev.verity.document.ParsedDocument}: its extracted text plus
 * {@link dev.verity.document.Block}s (headings, paragraphs, list items, tables) that point into that text by
 * {@link dev.verity.document.Span}. Build one with {@link dev.verity.document.DocumentBuilder}:
 *
 * <pre>{@code
 * ParsedDocument doc = new DocumentBuilder("Handbook", "application/pdf", DocumentKind.PROSE)
 *         .page(2).heading(1, "Leave").paragraph("Staff get 25 days of paid leave.")
 *         .build();
 * }</pre>
 *
 * <p>Ingestion cuts it into {@link dev.verity.document.Chunk}s, each carrying its
 * {@link dev.verity.document.DocumentInfo} (collection, tenant, ACL, source, version…) and
 * {@link dev.verity.document.Location} (pages, section path, offsets). A chunk's text is always a verbatim slice of
 * the document text, so quotes can be checked with {@code contains}; do NOT put the context line (title, headings)
 * into the text: it lives in {@link dev.verity.document.Chunk#context()}.
 */
@NullMarked
package dev.verity.document;

import org.jspecify.annotations.NullMarked;
