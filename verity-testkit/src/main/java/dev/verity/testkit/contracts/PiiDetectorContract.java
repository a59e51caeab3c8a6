package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.guardrails.pii.PiiDetector;
import dev.verity.guardrails.pii.PiiSpan;
import dev.verity.guardrails.pii.PiiType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every {@link PiiDetector} must do: report each kind it supports with the exact characters of the value (not
 * the punctuation around it), spans sorted by start, within the text and not overlapping; nothing in plain prose;
 * nothing for numbers that look right but fail their checksum or format rules.
 *
 * <p>Subclass it once per implementation and supply {@link #detector()} (one shared instance is fine) and, if it does
 * not find every kind, {@link #supported()}. Implementations: {@code StructuredPiiDetector} (verity-guards).
 */
public abstract class PiiDetectorContract {
    /** Several kinds in one text, some at its very start and end. */
    protected static final String MIXED = "kari.nordmann@example.no wrote: call +1 650-253-0000 or pay to"
            + " GB82 WEST 1234 5698 7654 32 with card 4111 1111 1111 1111; server 192.168.1.10 logged"
            + " SSN 123-45-6789 and fnr 15079012367 from 2001:db8::8a2e:370:7334";

    /** The detector under test. */
    protected abstract PiiDetector detector();

    /** The kinds the detector finds; all but {@link PiiType#PERSON} unless overridden. */
    protected Set<PiiType> supported() {
        return EnumSet.complementOf(EnumSet.of(PiiType.PERSON));
    }

    @ParameterizedTest(name = "{0} in \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            EMAIL          | Write to kari.nordmann@example.no, please.           | kari.nordmann@example.no
            EMAIL          | <ola+invoices@mail.example.com>                      | ola+invoices@mail.example.com
            PHONE          | Call +47 22 33 44 55 before noon.                    | +47 22 33 44 55
            PHONE          | Call +1 650-253-0000 before noon.                    | +1 650-253-0000
            CREDIT_CARD    | Card 4111 1111 1111 1111 expires 09/29.             | 4111 1111 1111 1111
            CREDIT_CARD    | card=5500-0000-0000-0004.                           | 5500-0000-0000-0004
            IBAN           | Pay to GB82 WEST 1234 5698 7654 32 by Friday.       | GB82 WEST 1234 5698 7654 32
            IBAN           | IBAN NO9386011117947.                               | NO9386011117947
            US_SSN         | SSN: 123-45-6789.                                   | 123-45-6789
            NO_NATIONAL_ID | Fødselsnummer 15079012367 (Kari).                   | 15079012367
            IP_ADDRESS     | Seen from 192.168.1.10.                             | 192.168.1.10
            IP_ADDRESS     | Seen from 2001:db8::8a2e:370:7334, twice.          | 2001:db8::8a2e:370:7334
            """)
    void reportsTheExactValueOfEachKind(PiiType type, String text, String value) {
        if (!supported().contains(type)) {
            return;
        }
        List<PiiSpan> spans = detector().find(text);

        assertThat(spans).extracting(PiiSpan::type).containsExactly(type);
        assertThat(spans.getFirst().in(text)).isEqualTo(value);
    }

    @Test
    void returnsSortedNonOverlappingSpansWithinTheText() {
        List<PiiSpan> spans = detector().find(MIXED);

        assertThat(spans).isNotEmpty();
        for (int i = 0; i < spans.size(); i++) {
            assertThat(spans.get(i).end()).isLessThanOrEqualTo(MIXED.length());
            if (i > 0) {
                assertThat(spans.get(i).start())
                        .isGreaterThanOrEqualTo(spans.get(i - 1).end());
            }
        }
        assertThat(spans).extracting(PiiSpan::type).containsAll(supported());
    }

    @Test
    void findsNothingInPlainProse() {
        String prose = "Employees receive 25 days of paid leave per year. In 2024, 1,250 of 3,400 staff carried"
                + " days over; see section 4.2.1 of the handbook, version 10.3, page 17, or call reception at noon."
                + " The meeting moved from 10:30 to 11:45 on 2026-01-15.";

        assertThat(detector().find(prose)).isEmpty();
        assertThat(detector().find("")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            card failing Luhn                | Card 4111 1111 1111 1112 expires 09/29.
            IBAN failing mod 97              | Pay to GB82 WEST 1234 5698 7654 33 by Friday.
            SSN with area 666                | SSN: 666-45-6789.
            SSN with area 000                | SSN: 000-45-6789.
            SSN with group 00                | SSN: 123-00-6789.
            fødselsnummer failing mod 11     | Fødselsnummer 15079012368 (Kari).
            IPv4 with an octet over 255      | Seen from 192.168.1.300.
            """)
    void doesNotReportInvalidNumbers(String why, String text) {
        assertThat(detector().find(text)).as(why).isEmpty();
    }

    @Test
    void givesTheSameSpansForTheSameText() {
        assertThat(detector().find(MIXED)).isEqualTo(detector().find(MIXED));
    }
}
