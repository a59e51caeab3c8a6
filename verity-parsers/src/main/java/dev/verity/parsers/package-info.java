/**
 * Parsing adapters over the heavy libraries (Tika, PDFBox, POI, jsoup, commonmark, commons-csv, mime4j, ffmpeg,
 * Tesseract, OpenNLP), kept out of the core. Three public classes implement core seams:
 *
 * <ul>
 *   <li>{@link dev.verity.parsers.RoutingDocumentParser} turns a file into a
 *       {@link dev.verity.document.ParsedDocument}, or rejects it with a typed reason;
 *   <li>{@link dev.verity.parsers.OpenNlpLanguageDetector} names the language of the parsed text;
 *   <li>{@link dev.verity.parsers.isolation.IsolatedDocumentParser} runs the first in child JVMs with a timeout and a
 *       heap cap, for ingestion of untrusted files.
 * </ul>
 *
 * <pre>{@code
 * DocumentParser parser = new RoutingDocumentParser(ParserSettings.defaults()); // shared by all workers
 * LanguageDetector languages = new OpenNlpLanguageDetector();                 // loads its model once
 * try {
 *     ParsedDocument doc = parser.parse(path, "handbook.pdf");
 *     doc = doc.withLanguage(languages.detect(doc.text()));
 * } catch (DocumentRejectedException e) {
 *     report(e.rejection()); // EMPTY, ENCRYPTED, CORRUPT, TOO_LARGE, RESOURCE_LIMIT, UNSUPPORTED_TYPE, UNPARSEABLE…
 * }
 * }</pre>
 *
 * <p>How a file travels: the media type is detected once ({@code RoutingDocumentParser}, or the parent of an isolated
 * parser process, which sends it along), the file is checked for truncation ({@code Integrity}) and declared image
 * size ({@code ImageLimits}), and the {@link dev.verity.parsers.format.FormatReader} of its format writes blocks to a
 * {@code Sink} that charges every character against the {@code TextBudget}; any failure is mapped to one rejection in
 * {@code Failures}. The language is detected afterwards, on the whole text, never inside a reader.
 *
 * <p>The packages, by format family, and what each may use:
 *
 * <ul>
 *   <li>{@code format}: the {@code FormatReader} seam and what every reader shares (formats, sink, text budget,
 *       failures, charset detection, markup-to-block rules); depends on no other package here;
 *   <li>{@code tika} (Word, ODT, RTF, EPUB, Excel, ODS, legacy PPT, Outlook MSG through Tika), {@code office} (PPTX, ODP), {@code web}
 *       (HTML), {@code text} (TXT, Markdown, CSV, TSV), {@code media} (audio, video), {@code ocr} (images, and OCR for
 *       PDF pages): {@code format} only;
 *   <li>{@code pdf}: also {@code tika} (the PDFs PDFBox cannot read, and Tika's safe parse context) and {@code ocr}
 *       (scanned pages);
 *   <li>{@code mail}: also {@code text} and {@code web}, whose rules read a message's plain or HTML body;
 *   <li>this package (the router, its settings and the language detector): any of them; {@code isolation}: this
 *       package only.
 * </ul>
 *
 * {@code PackageDependenciesTest} checks these rules and that there are no cycles.
 */
@NullMarked
package dev.verity.parsers;

import org.jspecify.annotations.NullMarked;
