package dev.verity.guardrails.pii;

import java.util.List;

/**
 * Finds personal data in a text, so that logs can be scrubbed, chunks redacted at ingestion and answers masked.
 *
 * <p>Implementations: {@link #none()} (finds nothing: the default where no detector is configured) and
 * {@code StructuredPiiDetector} (verity-guards: e-mail, phone, payment cards, IBAN, US SSN, Norwegian national id and
 * IP addresses, each with its format and checksum rules).
 */
@FunctionalInterface
public interface PiiDetector {
    /**
     * The personal data in {@code text}.
     *
     * @return the spans found, sorted by start and not overlapping (where two candidates overlap the detector keeps
     *     one); empty when there is none. Every span lies within {@code text}.
     */
    List<PiiSpan> find(String text);

    /** A detector that finds nothing. */
    static PiiDetector none() {
        return text -> List.of();
    }
}
