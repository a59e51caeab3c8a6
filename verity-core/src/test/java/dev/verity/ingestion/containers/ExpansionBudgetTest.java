package dev.verity.ingestion.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import org.junit.jupiter.api.Test;

/** What is left of a budget is exactly what may still be charged: one byte or member more is refused. */
class ExpansionBudgetTest {
    private static final ContainerLimits LIMITS = new ContainerLimits(3, 5, 10L << 20, 100);

    @Test
    void bytesLeftOfASmallFileAreTheRatioFloor() throws Exception {
        ExpansionBudget budget = new ExpansionBudget(LIMITS, 1_000);
        // 101 * 1,000 - 1 = 100,999 is below the 1 MiB floor, under which the ratio is not checked
        assertThat(budget.bytesLeft()).isEqualTo(ContainerLimits.RATIO_FLOOR_BYTES);

        budget.bytes(budget.bytesLeft());

        assertThat(budget.bytesLeft()).isZero();
        DocumentRejectedException refused =
                catchThrowableOfType(DocumentRejectedException.class, () -> budget.bytes(1));
        assertThat(refused.rejection().reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(refused.rejection().detail()).contains("compression-ratio limit 100:1");
    }

    @Test
    void bytesLeftOfALargerFileStopJustBelowTheRatio() throws Exception {
        ExpansionBudget budget = new ExpansionBudget(LIMITS, 50_000);
        // 101 * 50,000 - 1 = 5,049,999: 5,049,999 / 50,000 = 100, not over 100:1
        assertThat(budget.bytesLeft()).isEqualTo(5_049_999);

        assertThatCode(() -> budget.bytes(5_049_999)).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(DocumentRejectedException.class, () -> budget.bytes(1)))
                .isNotNull();
    }

    @Test
    void bytesLeftOfAFileThatMayExpandFarStopAtTheExpandedBytesLimit() throws Exception {
        ExpansionBudget budget = new ExpansionBudget(LIMITS, 1L << 20);

        assertThat(budget.bytesLeft()).isEqualTo(10L << 20);
        budget.bytes(10L << 20);
        assertThat(catchThrowableOfType(DocumentRejectedException.class, () -> budget.bytes(1))
                        .rejection()
                        .detail())
                .contains("expanded-bytes limit " + (10L << 20));
    }

    @Test
    void membersLeftCountDown() throws Exception {
        ExpansionBudget budget = new ExpansionBudget(LIMITS, 1_000);
        budget.member("a");
        budget.member("b");

        assertThat(budget.membersLeft()).isEqualTo(3);
    }
}
