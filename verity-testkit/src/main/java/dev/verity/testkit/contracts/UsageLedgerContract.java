package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.verity.usage.UsageLedger;
import dev.verity.usage.UsageLedger.Entry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UsageLedger} must do. */
public abstract class UsageLedgerContract {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private static final String TENANT = "acme";
    protected UsageLedger ledger;

    protected abstract UsageLedger openLedger();

    @BeforeEach
    void open() {
        ledger = openLedger();
    }

    @Test
    void addsUpAnswersOfTheSameDayCallerCollectionAndModel() {
        ledger.record(new Entry(DAY, TENANT, "hr", "default", "gpt-x", 1, 100, 20, 0.001));
        ledger.record(new Entry(DAY, TENANT, "hr", "default", "gpt-x", 1, 50, 10, 0.0005));
        ledger.record(new Entry(DAY, TENANT, "hr", "default", "extractive", 1, 0, 0, 0));
        ledger.record(new Entry(DAY.plusDays(1), TENANT, "anonymous", "default", "gpt-x", 1, 10, 1, 0.0001));

        List<Entry> day = ledger.between(TENANT, DAY, DAY);

        assertThat(day).hasSize(2);
        Entry gpt =
                day.stream().filter(e -> e.model().equals("gpt-x")).findFirst().orElseThrow();
        assertThat(gpt.requests()).isEqualTo(2);
        assertThat(gpt.inputTokens()).isEqualTo(150);
        assertThat(gpt.outputTokens()).isEqualTo(30);
        assertThat(gpt.costUsd()).isCloseTo(0.0015, within(1e-9));
        assertThat(ledger.between(TENANT, DAY, DAY.plusDays(1))).hasSize(3);
    }

    @Test
    void eachTenantSeesOnlyItsOwnLinesAndSameNamedCallersOfTwoTenantsAreCountedApart() {
        ledger.record(new Entry(DAY, TENANT, "hr", "default", "gpt-x", 1, 100, 20, 0.001));
        ledger.record(new Entry(DAY, "globex", "hr", "default", "gpt-x", 1, 7, 1, 0.5));

        assertThat(ledger.between(TENANT, DAY, DAY))
                .containsExactly(new Entry(DAY, TENANT, "hr", "default", "gpt-x", 1, 100, 20, 0.001));
        assertThat(ledger.between("globex", DAY, DAY))
                .extracting(Entry::inputTokens)
                .containsExactly(7L);
        assertThat(ledger.between("initech", DAY, DAY)).isEmpty();
    }

    @Test
    void countsEachActorOnItsOwnLineAndReadsItBack() {
        ledger.record(new Entry(DAY, TENANT, "hr", "key:k1", "default", "gpt-x", 1, 100, 20, 0.25));
        ledger.record(new Entry(DAY, TENANT, "hr", "key:k2", "default", "gpt-x", 1, 10, 2, 0.5));
        ledger.record(new Entry(DAY, TENANT, "hr", "key:k1", "default", "gpt-x", 1, 100, 20, 0.25));

        assertThat(ledger.between(TENANT, DAY, DAY))
                .extracting(Entry::actor, Entry::requests, Entry::costUsd)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("key:k1", 2L, 0.5),
                        org.assertj.core.groups.Tuple.tuple("key:k2", 1L, 0.5));
    }

    @Test
    void countsEveryAnswerOnceUnderConcurrency() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(pool.submit(() -> ledger.record(new Entry(DAY, TENANT, "c", "default", "m", 1, 1, 1, 0.01))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        Entry total = ledger.between(TENANT, DAY, DAY).getFirst();
        assertThat(total.requests()).isEqualTo(200);
        assertThat(total.costUsd()).isCloseTo(2.0, within(1e-6));
    }
}
