/**
 * Text-shaped files, decoded with their detected charset ({@code TextFiles}): plain text
 * ({@link dev.verity.parsers.text.PlainTextReader}: paragraphs, Setext headings, bullet lists), Markdown
 * ({@link dev.verity.parsers.text.MarkdownReader}: CommonMark with GFM tables) and CSV or TSV
 * ({@link dev.verity.parsers.text.DelimitedTextReader}: one table, its header the first record, the delimiter of a
 * CSV sniffed, since a German or French spreadsheet exports semicolons).
 *
 * <p>Depends on {@code format} only. Trap: a file named {@code .txt} may hold binary data; the router rejects it
 * before a reader here decodes it into garbage.
 */
@NullMarked
package dev.verity.parsers.text;

import org.jspecify.annotations.NullMarked;
