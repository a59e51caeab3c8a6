/**
 * The parser seam: {@link dev.verity.ingestion.parsing.DocumentParser} turns a file into a
 * {@link dev.verity.document.ParsedDocument} or rejects it with a typed
 * {@link dev.verity.ingestion.parsing.RejectionReason}, never anything else.
 *
 * <pre>{@code
 * try {
 *     ParsedDocument doc = parser.parse(file, "handbook.pdf");
 * } catch (DocumentRejectedException e) {
 *     System.out.println(e.rejection().reason().code() + ": " + e.getMessage()); // e.g. encrypted: ...
 * }
 * }</pre>
 *
 * <p>The format readers live in {@code verity-parsers}; audio and video need a
 * {@link dev.verity.ingestion.parsing.Transcriber} when there is no subtitle track.
 */
@NullMarked
package dev.verity.ingestion.parsing;

import org.jspecify.annotations.NullMarked;
