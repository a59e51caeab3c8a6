/**
 * Parsing adapters over the heavy libraries (Tika, PDFBox, POI, jsoup, commonmark, commons-csv, mime4j, OpenNLP),
 * kept out of the core. Two public classes implement core seams:
 *
 * <ul>
 *   <li>{@link dev.verity.parsers.TikaDocumentParser} turns a file into a
 *       {@link dev.verity.document.ParsedDocument}, or rejects it with a typed reason;
 *   <li>{@link dev.verity.parsers.OpenNlpLanguageDetector} names the language of the parsed text;
 *   <li>{@link dev.verity.parsers.isolation.IsolatedDocumentParser} runs the first in child JVMs with a timeout and a
 *       heap cap, for ingestion of untrusted files.
 * </ul>
 *
 * <pre>{@code
 * DocumentParser parser = new TikaDocumentParser(ParserSettings.defaults()); // shared by all workers
 * LanguageDetector languages = new OpenNlpLanguageDetector();              // loads its model once
 * try {
 *     ParsedDocument doc = parser.parse(path, "handbook.pdf");
 *     doc = doc.withLanguage(languages.detect(doc.text()));
 * } catch (DocumentRejectedException e) {
 *     report(e.rejection()); // EMPTY, ENCRYPTED, CORRUPT, TOO_LARGE, RESOURCE_LIMIT, UNSUPPORTED_TYPE, UNPARSEABLE…
 * }
 * }</pre>
 *
 * <p>How a file travels: the media type is detected ({@code TikaDocumentParser}), the file is checked for truncation
 * ({@code Integrity}), one reader per format family writes blocks to a {@code Sink} that charges every character
 * against the {@code TextBudget}, and any failure is mapped to one rejection in {@code Failures}. Readers of
 * markup-shaped content share the element-to-block rules of {@code StructureHandler}; PDFs, whose structure is only
 * in fonts and positions, are rebuilt from PDFBox's lines by {@code PdfLayout} ({@code PdfReader}).
 */
package dev.verity.parsers;
