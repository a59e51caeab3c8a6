/**
 * PDFs, read with PDFBox: {@link dev.verity.parsers.pdf.PdfReader} collects the lines PDFBox lays out with their fonts
 * and positions ({@code PdfLineCollector}, {@code PdfLine}), {@code PdfLayout} rebuilds headings (by font size and
 * weight), paragraphs and list items per page and leaves out running headers, footers and page numbers, and
 * {@code PdfTables} finds tables by column alignment.
 *
 * <p>Depends on {@code format}, and on two other families: {@code ocr} reads the pages without a usable text layer,
 * and {@code tika} reads the PDFs PDFBox cannot (damaged, password-protected, with form fields), exactly as Tika
 * always did.
 *
 * <p>Trap: a PDF's headings are inferred from fonts, so a bold first line is not always a title; the router titles a
 * PDF by its metadata, then by a first heading only when the text starts with it, then by its first line.
 */
@NullMarked
package dev.verity.parsers.pdf;

import org.jspecify.annotations.NullMarked;
