package dev.verity.app.logging;

import dev.verity.guardrails.pii.PiiDetector;
import dev.verity.guardrails.pii.PiiSpan;
import dev.verity.guards.pii.StructuredPiiDetector;
import java.util.List;

/**
 * Masks the personal data a {@link PiiDetector} finds in a log line: each span becomes its type in brackets
 * ({@code [email]}, {@code [phone]}, {@code [credit_card]}…), so a log still says what was there.
 *
 * <p>Cheap on most lines: the detector (some hundreds of microseconds, mostly trying each phone region) runs only on a
 * line that could hold one of its kinds — an {@code @}; a run of at least seven digits broken only by spaces, dots,
 * dashes, slashes, brackets or a plus (every phone, card, SSN, fødselsnummer and IBAN has one); a dotted quad; or a
 * colon followed by hex digits and another colon (IPv6). Other lines (timings, ports, counts) are returned as they
 * are, in well under a microsecond.
 */
public final class LogScrubber {
    private static final PiiDetector DETECTOR = new StructuredPiiDetector();

    private LogScrubber() {}

    /** {@code line} with every span the structured detector finds replaced by {@code [type]}. */
    public static String scrub(String line) {
        return scrub(line, DETECTOR);
    }

    /** {@code line} with every span {@code detector} finds replaced by {@code [type]}. */
    static String scrub(String line, PiiDetector detector) {
        if (!mayHoldPii(line)) {
            return line;
        }
        List<PiiSpan> spans = detector.find(line);
        if (spans.isEmpty()) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        int from = 0;
        for (PiiSpan span : spans) {
            out.append(line, from, span.start())
                    .append('[')
                    .append(span.type().code())
                    .append(']');
            from = span.end();
        }
        return out.append(line, from, line.length()).toString();
    }

    static boolean mayHoldPii(String line) {
        int digits = 0; // in the current run of digits and separators
        int dots = 0; // in the current run
        int colons = 0; // since the last character that cannot be in an IPv6 address
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '@') {
                return true;
            }
            if (c >= '0' && c <= '9') {
                if (++digits >= 7 || (dots >= 3 && digits >= 4)) {
                    return true;
                }
            } else if (c == '.') {
                dots++;
            } else if (c != ' ' && c != '-' && c != '/' && c != '(' && c != ')' && c != '+') {
                digits = 0;
                dots = 0;
            }
            if (c == ':') {
                if (++colons >= 2) {
                    return true;
                }
            } else if (!isHex(c)) {
                colons = 0;
            }
        }
        return false;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
