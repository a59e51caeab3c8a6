/**
 * Real files of every ingested format, written on the fly for tests: PDF (PDFBox), DOCX, PPTX, XLSX and XLS (POI),
 * ODT, ODS, ODP and EPUB (zip packages written by hand), RTF, HTML, Markdown, CSV, TXT and EML (text), plus the bad
 * ones: encrypted PDF and DOCX, truncated copies, images, archives and random bytes.
 *
 * <pre>{@code
 * @TempDir Path dir;
 *
 * Path docx = SampleFiles.docx(dir.resolve("pricing.docx"), "Pricing", SampleFiles.PRICING_GUIDE);
 * Path mail = SampleFiles.eml(dir.resolve("memo.eml"),
 *         Email.plain("alice@example.com", "bob@example.com", "Prices", date, "See attached.")
 *                 .withAttachment(Email.Attachment.of(docx, "application/vnd.openxmlformats-officedocument"
 *                         + ".wordprocessingml.document")));
 * Path cut = SampleFiles.truncated(docx, dir.resolve("cut.docx"));
 * }</pre>
 *
 * Describe prose once as a list of {@link dev.verity.testkit.files.Element}s and write it in each format to check that
 * every parser recovers the same headings, lists and tables.
 */
@NullMarked
package dev.verity.testkit.files;

import org.jspecify.annotations.NullMarked;
