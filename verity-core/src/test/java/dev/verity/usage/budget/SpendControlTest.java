package dev.verity.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.observability.alerts.Alert;
import dev.verity.usage.UsageLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.DoubleAdder;
import org.junit.jupiter.api.Test;

class SpendControlTest {
    private static final Payer ACME_KEY = new Payer("acme", "key:k1");
    private static final Payer ACME_OTHER_KEY = new Payer("acme", "key:k2");
    private static final Payer GLOBEX = new Payer("globex", "key:k9");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T10:00:00Z"));
    private final List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
    private final List<UsageLedger.Entry> ledgerLines = new ArrayList<>();
    private final UsageLedger ledger = new UsageLedger() {
        @Override
        public void record(Entry usage) {
            ledgerLines.add(usage);
        }

        @Override
        public List<Entry> between(String tenant, LocalDate from, LocalDate to) {
            return ledgerLines.stream()
                    .filter(e -> e.tenant().equals(tenant)
                            && !e.day().isBefore(from)
                            && !e.day().isAfter(to))
                    .toList();
        }
    };

    private SpendControl control(Budget... budgets) {
        return new SpendControl(List.of(budgets), ledger, clock, alerts::add);
    }

    private static Budget tenantDaily(double soft, double hard) {
        return Budget.tenant(Budget.EACH, Budget.Period.DAY, OptionalDouble.of(soft), OptionalDouble.of(hard));
    }

    @Test
    void grantsWhileTheMaximumFitsAndRefusesTheCallThatCouldPassTheHardLimit() {
        SpendControl spend = control(tenantDaily(8, 10));
        Reservation first = spend.reserve(ACME_KEY, 6);
        Reservation second = spend.reserve(ACME_KEY, 4); // 6 + 4 = 10: exactly at the limit is allowed
        Reservation third = spend.reserve(ACME_KEY, 0.01); // 10.01 > 10 while the first two are in flight

        assertThat(first.granted()).isTrue();
        assertThat(second.granted()).isTrue();
        assertThat(third.granted()).isFalse();
        assertThat(third.refusal().orElseThrow())
                .startsWith("the tenant daily budget of tenant 'acme' would be passed: 0.0000 USD spent and 10.0000 USD"
                        + " reserved of 10.00 USD");
    }

    @Test
    void aReplicaSeesWhatAnotherSpentOnceItReadsTheSharedLedgerAgain() {
        SpendControl first = control(tenantDaily(8, 10));
        SpendControl second = control(tenantDaily(8, 10)); // another replica over the same database
        assertThat(second.reserve(ACME_KEY, 0.5).granted()).isTrue();
        first.reserve(ACME_KEY, 9).settle(8.5);
        // what the first replica's answer wrote to the shared ledger
        ledgerLines.add(new UsageLedger.Entry(
                LocalDate.parse("2026-12-08"), "acme", "hr", "key:k1", "default", "m", 1, 100, 10, 8.5));

        assertThat(second.reserve(ACME_KEY, 3).granted())
                .as("within the re-read interval the other replica's spend is not seen yet")
                .isTrue();
        clock.set(clock.instant().plus(SpendControl.LEDGER_REREAD));

        Reservation refused = second.reserve(ACME_KEY, 3);
        assertThat(refused.granted()).isFalse();
        assertThat(refused.refusal().orElseThrow()).contains("8.5000 USD spent");
    }

    @Test
    void settlingReleasesTheRestOfTheMaximum() {
        SpendControl spend = control(tenantDaily(8, 10));
        Reservation r = spend.reserve(ACME_KEY, 9);
        assertThat(spend.reserve(ACME_KEY, 2).granted()).isFalse();

        r.settle(1.5); // 9 held, 1.5 spent: 8.5 released

        assertThat(spend.reserve(ACME_KEY, 2).granted()).isTrue();
        BudgetStatus status = spend.status(ACME_KEY).getFirst();
        assertThat(status.spentUsd()).isEqualTo(1.5);
        assertThat(status.reservedUsd()).isEqualTo(2.0);
    }

    @Test
    void aFailedCallSettlesZeroAndASecondSettleIsIgnored() {
        SpendControl spend = control(tenantDaily(8, 10));
        Reservation failed = spend.reserve(ACME_KEY, 5);

        failed.settle(0);
        failed.settle(5);

        BudgetStatus status = spend.status(ACME_KEY).getFirst();
        assertThat(status.spentUsd()).isZero();
        assertThat(status.reservedUsd()).isZero();
    }

    @Test
    void passingTheSoftLimitWarnsAndAlertsOncePerPeriod() {
        SpendControl spend = control(tenantDaily(8, 10));
        spend.reserve(ACME_KEY, 1).settle(7.9);
        assertThat(spend.warnings(ACME_KEY)).isEmpty();

        spend.reserve(ACME_KEY, 1).settle(0.3); // 8.2 of 10
        spend.reserve(ACME_KEY, 1).settle(0.1);

        assertThat(spend.warnings(ACME_KEY)).containsExactly("tenant daily budget 83% spent (8.30 of 10.00 USD)");
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("budget_soft_limit");
            assertThat(a.severity()).isEqualTo(Alert.Severity.WARNING);
            assertThat(a.tenant()).isEqualTo("acme");
            assertThat(a.details()).containsEntry("spent_usd", "8.2000").containsEntry("limit_usd", "8.00");
        });
        assertThat(spend.status(ACME_KEY).getFirst().state()).isEqualTo(BudgetStatus.State.SOFT);
    }

    @Test
    void aRefusalAlertsOncePerPeriodAndTheStateIsHard() {
        SpendControl spend =
                control(Budget.tenant(Budget.EACH, Budget.Period.DAY, OptionalDouble.empty(), OptionalDouble.of(1)));
        spend.reserve(ACME_KEY, 1).settle(0.95);

        assertThat(spend.reserve(ACME_KEY, 0.1).granted()).isFalse();
        assertThat(spend.reserve(ACME_KEY, 0.1).granted()).isFalse();

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("budget_hard_limit");
            assertThat(a.severity()).isEqualTo(Alert.Severity.CRITICAL);
        });
        assertThat(spend.status(ACME_KEY).getFirst().state()).isEqualTo(BudgetStatus.State.HARD);
        assertThat(spend.warnings(ACME_KEY)).containsExactly("tenant daily budget 95% spent (0.95 of 1.00 USD)");
    }

    @Test
    void aNewUtcDayStartsFromZeroWhileTheMonthKeepsCounting() {
        SpendControl spend = control(
                tenantDaily(8, 10),
                Budget.tenant(Budget.EACH, Budget.Period.MONTH, OptionalDouble.empty(), OptionalDouble.of(25)));
        spend.reserve(ACME_KEY, 10).settle(9.5);
        assertThat(spend.reserve(ACME_KEY, 1).granted()).isFalse();

        clock.set(Instant.parse("2026-12-09T00:00:00Z"));

        assertThat(spend.reserve(ACME_KEY, 1).granted()).isTrue();
        assertThat(spend.status(ACME_KEY))
                .extracting(BudgetStatus::periodStart, BudgetStatus::spentUsd)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-12-09"), 0.0),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-12-01"), 9.5));
    }

    @Test
    void aNewMonthStartsFromZero() {
        SpendControl spend =
                control(Budget.tenant(Budget.EACH, Budget.Period.MONTH, OptionalDouble.empty(), OptionalDouble.of(25)));
        clock.set(Instant.parse("2026-12-31T23:59:59Z"));
        spend.reserve(ACME_KEY, 25).settle(25);
        assertThat(spend.reserve(ACME_KEY, 1).granted()).isFalse();

        clock.set(Instant.parse("2027-01-01T00:00:00Z"));

        assertThat(spend.reserve(ACME_KEY, 25).granted()).isTrue();
    }

    @Test
    void spendOfEarlierProcessesComesFromTheLedger() {
        ledgerLines.add(entry("acme", LocalDate.parse("2026-12-08"), 9.0));
        ledgerLines.add(entry("acme", LocalDate.parse("2026-12-07"), 100.0)); // yesterday: another period
        ledgerLines.add(entry("globex", LocalDate.parse("2026-12-08"), 100.0)); // another tenant
        SpendControl spend = control(tenantDaily(8, 10));

        assertThat(spend.reserve(ACME_KEY, 1.5).granted()).isFalse();
        assertThat(spend.reserve(ACME_KEY, 1).granted()).isTrue();
        assertThat(spend.status(ACME_KEY).getFirst().spentUsd()).isEqualTo(9.0);
    }

    @Test
    void aKeyBudgetStartsFromTheKeysOwnLinesInTheLedger() {
        ledgerLines.add(new UsageLedger.Entry(
                LocalDate.parse("2026-12-08"), "acme", "hr", "key:k1", "default", "m", 1, 100, 10, 0.75));
        ledgerLines.add(new UsageLedger.Entry(
                LocalDate.parse("2026-12-08"), "acme", "hr", "key:k2", "default", "m", 1, 100, 10, 5.0));
        SpendControl spend =
                control(Budget.key(Budget.EACH, Budget.Period.DAY, OptionalDouble.empty(), OptionalDouble.of(1)));

        assertThat(spend.reserve(ACME_KEY, 0.3).granted()).as("0.75 + 0.3 > 1").isFalse();
        assertThat(spend.reserve(ACME_KEY, 0.25).granted()).isTrue();
        assertThat(spend.status(ACME_OTHER_KEY).getFirst().state()).isEqualTo(BudgetStatus.State.HARD);
    }

    @Test
    void aKeyBudgetLimitsOneKeyAndATenantBudgetAllKeysOfTheTenantTogether() {
        SpendControl spend = control(
                Budget.key("key:k1", Budget.Period.DAY, OptionalDouble.empty(), OptionalDouble.of(1)),
                Budget.tenant("acme", Budget.Period.DAY, OptionalDouble.empty(), OptionalDouble.of(3)));
        spend.reserve(ACME_KEY, 1).settle(1);

        assertThat(spend.reserve(ACME_KEY, 0.5).granted())
                .as("k1 is at its own limit")
                .isFalse();
        Reservation other = spend.reserve(ACME_OTHER_KEY, 1.5);
        assertThat(other.granted()).isTrue();
        other.settle(0.6);
        assertThat(spend.reserve(ACME_OTHER_KEY, 1.5).refusal().orElseThrow())
                .as("1 (k1) + 0.6 (k2) + 1.5 > 3")
                .contains("tenant daily budget of tenant 'acme'");
        assertThat(spend.reserve(GLOBEX, 100).granted())
                .as("no budget names globex")
                .isTrue();
    }

    @Test
    void aCallThatCostsNothingIsNeverRefused() {
        SpendControl spend = control(tenantDaily(0.5, 1));
        spend.reserve(ACME_KEY, 1).settle(1);

        assertThat(spend.reserve(ACME_KEY, 0).granted()).isTrue();
    }

    @Test
    void withoutBudgetsEverythingIsGranted() {
        SpendControl spend = SpendControl.unlimited();

        assertThat(spend.reserve(ACME_KEY, 1e9).granted()).isTrue();
        assertThat(spend.warnings(ACME_KEY)).isEmpty();
    }

    @Test
    void concurrentReservationsNeverTakeSettledSpendPastTheHardLimit() throws Exception {
        SpendControl spend = control(tenantDaily(0.8, 1));
        DoubleAdder settled = new DoubleAdder();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 1_000; i++) {
                double real = 0.001 + (i % 7) * 0.001; // at most the 0.01 reserved
                threads.submit(() -> {
                    Reservation r = spend.reserve(ACME_KEY, 0.01);
                    if (r.granted()) {
                        Thread.yield();
                        r.settle(real);
                        settled.add(real);
                    }
                });
            }
        }

        assertThat(settled.sum()).isLessThanOrEqualTo(1.0 + 1e-9).isPositive();
        assertThat(spend.status(ACME_KEY).getFirst().reservedUsd()).isLessThan(1e-9);
    }

    @Test
    void refusesBudgetsThatCannotBeKept() {
        assertThatThrownBy(() -> Budget.tenant("acme", Budget.Period.DAY, OptionalDouble.of(5), OptionalDouble.of(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("softUsd must not be above hardUsd, got soft=5.0 hard=2.0");
        assertThatThrownBy(() -> Budget.key("key:k1", Budget.Period.DAY, OptionalDouble.empty(), OptionalDouble.of(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hardUsd must be a positive number of USD, got -1.0");
        assertThatThrownBy(
                        () -> Budget.key("key:k1", Budget.Period.DAY, OptionalDouble.empty(), OptionalDouble.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a budget needs a soft or a hard limit, or both; key key:k1 daily has neither");
    }

    @Test
    void thePayerIsKnownOnlyInsideTheWorkItPaysFor() {
        assertThat(Payer.current()).isEmpty();

        String seen = ACME_KEY.callAs(() -> Payer.current().orElseThrow().actor());

        assertThat(seen).isEqualTo("key:k1");
        assertThat(Payer.current()).isEmpty();
    }

    private static UsageLedger.Entry entry(String tenant, LocalDate day, double cost) {
        return new UsageLedger.Entry(day, tenant, "anonymous", "default", "gpt-4o-mini", 1, 100, 10, cost);
    }

    /** A clock a test moves. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
