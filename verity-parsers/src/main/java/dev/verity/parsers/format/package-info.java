/**
 * The seam every format reader implements, {@link dev.verity.parsers.format.FormatReader}, and what the readers
 * share: the {@link dev.verity.parsers.format.Format}s Verity accepts, the {@link dev.verity.parsers.format.Sink} they
 * write blocks to, the {@link dev.verity.parsers.format.TextBudget} that caps the text of a file,
 * {@link dev.verity.parsers.format.Failures} (the one place that turns a library's exception into a typed rejection),
 * {@link dev.verity.parsers.format.TextFiles} (charset detection) and
 * {@link dev.verity.parsers.format.StructureHandler} (the element-to-block rules of every markup-shaped format).
 *
 * <p>This package depends on no other package of the module, so that every format package may depend on it. Its
 * types are public only because Java has no other way to share them between packages: callers parse with
 * {@code RoutingDocumentParser}, not with a reader.
 *
 * <pre>{@code
 * final class NotesReader implements FormatReader {             // one instance, shared by every parse
 *     public Result read(Source source, Sink sink) throws IOException {
 *         sink.heading(1, source.name());
 *         sink.paragraph(Files.readString(source.file()));      // charged against the text budget
 *         return Result.NONE;                                   // no title of its own: the router decides
 *     }
 * }
 * }</pre>
 *
 * <p>Trap: a library that catches every exception can swallow the {@link
 * dev.verity.parsers.format.TextLimitExceededException} a sink throws; the budget stays exceeded, and the router still
 * rejects the file as too large instead of indexing the part that was read.
 */
@NullMarked
package dev.verity.parsers.format;

import org.jspecify.annotations.NullMarked;
