package dev.verity.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextMetricsTest {
    private static final Map<String, Integer> HANDBOOK = Map.of("handbook.pdf", 1);

    @Test
    void withoutPagesAPassageOfARelevantDocumentIsRelevant() {
        List<Passage> passages = List.of(
                new Passage("handbook.pdf", 1, 1),
                new Passage("faq.txt", 0, 0),
                new Passage("handbook.pdf", 3, 4),
                new Passage("faq.txt", 0, 0));
        // 2 of 4 passages come from the handbook; the one labelled document is covered
        assertThat(ContextMetrics.precision(passages, HANDBOOK, List.of())).isEqualTo(0.5);
        assertThat(ContextMetrics.recall(passages, HANDBOOK, List.of())).isEqualTo(1.0);
    }

    @Test
    void withPagesOnlyPassagesOnALabelledPageAreRelevant() {
        List<Passage> passages = List.of(
                new Passage("handbook.pdf", 1, 1), new Passage("handbook.pdf", 2, 3), new Passage("faq.txt", 0, 0));
        // labelled pages 3 and 4: the 2..3 passage is relevant (1 of 3); unit (handbook, 3) covered, (handbook, 4) not
        assertThat(ContextMetrics.precision(passages, HANDBOOK, List.of(3, 4)))
                .isCloseTo(1 / 3.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(ContextMetrics.recall(passages, HANDBOOK, List.of(3, 4))).isEqualTo(0.5);
    }

    @Test
    void nothingRetrievedOrNothingLabelledScoresZero() {
        assertThat(ContextMetrics.precision(List.of(), HANDBOOK, List.of())).isZero();
        assertThat(ContextMetrics.recall(List.of(new Passage("handbook.pdf", 1, 1)), Map.of(), List.of()))
                .isZero();
    }

    @Test
    void aPassageWithoutPagesCannotMatchALabelledPage() {
        assertThat(ContextMetrics.precision(List.of(new Passage("handbook.pdf", 0, 0)), HANDBOOK, List.of(2)))
                .isZero();
    }
}
