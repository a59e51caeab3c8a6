/**
 * The formats read through Tika's XHTML: DOC, DOCX, ODT, RTF, EPUB, XLS, XLSX, ODS, PPT and Outlook MSG, and the PDFs PDFBox cannot read.
 * {@link dev.verity.parsers.tika.TikaReader} runs the one Tika parser for the detected format (never
 * {@code AutoDetectParser}) inside Tika's {@code SecureContentHandler}, with a parse context
 * ({@link dev.verity.parsers.tika.TikaReader#context()}) that turns Tika's own OCR off and declines every embedded
 * document ({@code NoEmbeddedDocuments}); {@code OdsSheetNames} names the sheets Tika leaves unnamed.
 *
 * <p>Depends on {@code format} only. Trap: a Tika parser keeps per-parse state in its {@code ParseContext}; use a
 * fresh {@code context()} for every parse, never a shared one.
 */
@NullMarked
package dev.verity.parsers.tika;

import org.jspecify.annotations.NullMarked;
