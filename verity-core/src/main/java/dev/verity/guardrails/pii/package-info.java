/**
 * Personal data in text: the {@link dev.verity.guardrails.pii.PiiDetector} seam and what it reports, a
 * {@link dev.verity.guardrails.pii.PiiSpan} (a {@link dev.verity.guardrails.pii.PiiType} and its offsets).
 *
 * <p>Detection is a seam of its own rather than a {@link dev.verity.guardrails.Guard}: the same spans serve a log
 * scrubber, redaction at ingestion and the answer guard, each deciding for itself what to do with them (mask, label,
 * block). Implementations live outside the core because the good ones are heavy (libphonenumber; NER models).
 *
 * <pre>{@code
 * String line = "Write to kari@example.no or call +47 22 33 44 55.";
 * StringBuilder masked = new StringBuilder(line);
 * List<PiiSpan> spans = detector.find(line);
 * for (PiiSpan span : spans.reversed()) {          // from the end, so earlier offsets stay valid
 *     masked.replace(span.start(), span.end(), "<" + span.type().code() + ">");
 * }
 * // "Write to <email> or call <phone>."
 * }</pre>
 */
@NullMarked
package dev.verity.guardrails.pii;

import org.jspecify.annotations.NullMarked;
