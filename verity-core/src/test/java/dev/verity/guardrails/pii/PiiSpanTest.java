package dev.verity.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PiiSpanTest {

    @Test
    void refusesANegativeStartAndAnEmptyOrReversedSpan() {
        assertThatThrownBy(() -> new PiiSpan(PiiType.EMAIL, -1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PiiSpan(PiiType.EMAIL, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PiiSpan(PiiType.EMAIL, 4, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlapsOnlyWhenSharingACharacter() {
        PiiSpan span = new PiiSpan(PiiType.PHONE, 5, 10);

        assertThat(span.overlaps(new PiiSpan(PiiType.EMAIL, 9, 12))).isTrue();
        assertThat(span.overlaps(new PiiSpan(PiiType.EMAIL, 10, 12))).isFalse();
        assertThat(span.overlaps(new PiiSpan(PiiType.EMAIL, 0, 5))).isFalse();
    }

    @Test
    void coversItsCharactersOfTheText() {
        assertThat(new PiiSpan(PiiType.IP_ADDRESS, 5, 13).in("from 10.0.0.1.")).isEqualTo("10.0.0.1");
        assertThat(PiiType.CREDIT_CARD.code()).isEqualTo("credit_card");
    }

    @Test
    void noneFindsNothing() {
        assertThat(PiiDetector.none().find("kari@example.no")).isEmpty();
    }
}
