package dev.verity.guards.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.guardrails.pii.PiiSpan;
import dev.verity.guardrails.pii.PiiType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The structured detector's own rules, beyond the contract: regions, precedence, cut-off and checksums. */
class StructuredPiiDetectorTest {
    private static final StructuredPiiDetector DETECTOR = new StructuredPiiDetector();

    @Test
    void readsNationalPhoneNumbersAsNumbersOfTheConfiguredRegions() {
        String text = "Ring 22 33 44 55 i dag.";

        assertThat(new StructuredPiiDetector(List.of("NO")).find(text))
                .containsExactly(new PiiSpan(PiiType.PHONE, 5, 16));
        assertThat(new StructuredPiiDetector(List.of("US")).find(text)).isEmpty();
    }

    @Test
    void reportsNorthAmericanShapedNumbersEvenWithAnAreaCodeThatDoesNotExist() {
        String text = "fax 001-748-088-2851x818, cell (311)905-4466 or 730.347.5681 ext. 12";

        assertThat(DETECTOR.find(text))
                .extracting(s -> s.type() + ":" + s.in(text))
                .containsExactly("PHONE:001-748-088-2851x818", "PHONE:(311)905-4466", "PHONE:730.347.5681 ext. 12");
    }

    @Test
    void reportsGroupedLocalNumbersOnlyWhereTheTextSpeaksOfPhones() {
        assertThat(DETECTOR.find("They're not answering at 785 8949"))
                .extracting(PiiSpan::type)
                .containsExactly(PiiType.PHONE);
        assertThat(DETECTOR.find("Phone: 25-62-29-72"))
                .extracting(PiiSpan::type)
                .containsExactly(PiiType.PHONE);
        assertThat(DETECTOR.find("Invoice 785 8949 is attached")).isEmpty();
        assertThat(DETECTOR.find("call me after 2026-12-07 or 07.12.2026")).isEmpty();
        assertThat(DETECTOR.find("call room 12 34 56")).isEmpty(); // six digits: below the minimum
    }

    @Test
    void refusesAnUnknownOrMissingRegion() {
        assertThatThrownBy(() -> new StructuredPiiDetector(List.of("XX"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StructuredPiiDetector(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doesNotReportShortNumbersAsPhones() {
        assertThat(DETECTOR.find("Postcode 05775, room 07 262.")).isEmpty();
    }

    @Test
    void cutsAnIbanAtItsCountrysLengthAndAcceptsLowerCase() {
        String text = "to gb82west12345698765432 and GB82 WEST 1234 5698 7654 32 1 more";

        assertThat(DETECTOR.find(text))
                .extracting(s -> s.type() + ":" + s.in(text))
                .containsExactly("IBAN:gb82west12345698765432", "IBAN:GB82 WEST 1234 5698 7654 32");
    }

    @Test
    void prefersAChecksummedKindOverAPhoneNumberOnTheSameDigits() {
        String text = "fnr 15079012367";

        assertThat(DETECTOR.find(text)).containsExactly(new PiiSpan(PiiType.NO_NATIONAL_ID, 4, 15));
    }

    @Test
    void checksTheNumbersOfEachKind() {
        assertThat(StructuredPiiDetector.luhn("4111111111111111")).isTrue();
        assertThat(StructuredPiiDetector.luhn("4111111111111112")).isFalse();
        assertThat(StructuredPiiDetector.ibanChecksum("NO9386011117947")).isTrue();
        assertThat(StructuredPiiDetector.ibanChecksum("NO9386011117948")).isFalse();
        assertThat(StructuredPiiDetector.fodselsnummer("15079012367")).isTrue();
        assertThat(StructuredPiiDetector.fodselsnummer("32079012367")).isFalse(); // no 32nd day
        assertThat(StructuredPiiDetector.ipv6("2001:db8::1")).isTrue();
        assertThat(StructuredPiiDetector.ipv6("10:30:00")).isFalse();
        assertThat(StructuredPiiDetector.ipv6("1::2::3")).isFalse();
    }
}
