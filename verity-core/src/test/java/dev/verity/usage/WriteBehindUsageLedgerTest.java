package dev.verity.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class WriteBehindUsageLedgerTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    /** A ledger that keeps entries in a list; optionally blocks each write until released. */
    private static final class ListLedger implements UsageLedger {
        final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch release;
        final List<Thread> writers = Collections.synchronizedList(new ArrayList<>());

        ListLedger(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void record(Entry usage) {
            writers.add(Thread.currentThread());
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            entries.add(usage);
        }

        @Override
        public List<Entry> between(String tenant, LocalDate from, LocalDate to) {
            return List.copyOf(entries);
        }
    }

    private static UsageLedger.Entry entry(int n) {
        return new UsageLedger.Entry(DAY, "default", "anonymous", "c", "m", 1, n, n, 0.001 * n);
    }

    @Test
    void recordReturnsBeforeTheSlowWriteFinishes() {
        CountDownLatch release = new CountDownLatch(1);
        ListLedger target = new ListLedger(release);
        try (WriteBehindUsageLedger ledger = new WriteBehindUsageLedger(target, e -> {})) {
            ledger.record(entry(1));
            assertThat(target.entries).isEmpty(); // the write is blocked, yet record returned
            release.countDown();
            assertThat(ledger.between("default", DAY, DAY)).containsExactly(entry(1));
            assertThat(target.writers).noneMatch(t -> t == Thread.currentThread());
        }
    }

    @Test
    void readsSeeEveryEntryRecordedBeforeThemInOrder() {
        ListLedger target = new ListLedger(new CountDownLatch(0));
        try (WriteBehindUsageLedger ledger = new WriteBehindUsageLedger(target, e -> {})) {
            for (int i = 0; i < 500; i++) {
                ledger.record(entry(i));
            }
            List<UsageLedger.Entry> all = ledger.between("default", DAY, DAY);
            assertThat(all).hasSize(500);
            assertThat(all.get(499)).isEqualTo(entry(499));
        }
    }

    @Test
    void closeWritesWhatIsQueuedAndLaterEntriesAreWrittenByTheCaller() {
        ListLedger target = new ListLedger(new CountDownLatch(0));
        WriteBehindUsageLedger ledger = new WriteBehindUsageLedger(target, e -> {});
        ledger.record(entry(1));
        ledger.close();
        assertThat(target.entries).containsExactly(entry(1));
        ledger.record(entry(2));
        assertThat(target.entries).containsExactly(entry(1), entry(2));
    }

    @Test
    void aFailedWriteIsReportedAndTheWriterCarriesOn() {
        List<RuntimeException> errors = new ArrayList<>();
        UsageLedger failing = new UsageLedger() {
            final List<Entry> kept = new ArrayList<>();

            @Override
            public void record(Entry usage) {
                if (usage.inputTokens() == 1) {
                    throw new IllegalStateException("database down");
                }
                kept.add(usage);
            }

            @Override
            public List<Entry> between(String tenant, LocalDate from, LocalDate to) {
                return kept;
            }
        };
        try (WriteBehindUsageLedger ledger = new WriteBehindUsageLedger(failing, errors::add)) {
            ledger.record(entry(1));
            ledger.record(entry(2));
            assertThat(ledger.between("default", DAY, DAY)).containsExactly(entry(2));
            assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("database down");
        }
    }
}
