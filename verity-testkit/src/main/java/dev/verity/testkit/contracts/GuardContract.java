package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.guardrails.Guard;
import dev.verity.guardrails.GuardVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Guard} must do, whatever it inspects: a verdict for every subject — a value, never an exception
 * or null — naming the guard; the same verdict for the same subject; safe to call from many threads; a block always
 * says why. Subclass once per implementation, giving subjects it should see, and assert its own decisions in the
 * subclass.
 *
 * @param <T> what the guard inspects
 */
public abstract class GuardContract<T> {
    protected Guard<T> guard;

    /** A new guard. */
    protected abstract Guard<T> openGuard();

    /** Subjects of the kind the guard inspects, ordinary and odd (empty text, long text, non-Latin script). */
    protected abstract List<T> subjects();

    @BeforeEach
    void open() {
        guard = openGuard();
    }

    @Test
    void givesEverySubjectAVerdictNamingTheGuard() {
        for (T subject : subjects()) {
            GuardVerdict verdict = guard.check(subject);

            assertThat(verdict).as("verdict on %s", subject).isNotNull();
            assertThat(verdict.guard()).isNotBlank();
        }
    }

    @Test
    void aBlockSaysWhyOrWhatItFound() {
        for (T subject : subjects()) {
            GuardVerdict verdict = guard.check(subject);
            if (verdict.blocks()) {
                assertThat(!verdict.reason().isBlank() || !verdict.labels().isEmpty())
                        .as("a block of %s gives a reason or labels", subject)
                        .isTrue();
            }
        }
    }

    @Test
    void theSameSubjectGetsTheSameVerdict() {
        for (T subject : subjects()) {
            assertThat(guard.check(subject)).isEqualTo(guard.check(subject));
        }
    }

    @Test
    void manyThreadsMayAskAtOnce() throws Exception {
        List<GuardVerdict> expected = subjects().stream().map(guard::check).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<GuardVerdict>>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(
                        pool.submit(() -> subjects().stream().map(guard::check).toList()));
            }
            for (Future<List<GuardVerdict>> future : futures) {
                assertThat(future.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
