package dev.verity.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InferenceThreadsTest {
    @Test
    void givesWorkADeepStackEvenWhenTheCallersIsTiny() throws InterruptedException {
        // 100,000 frames overflow a 256 KB stack many times over, but fit in the inference threads' 64 MB
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(
                null,
                () -> {
                    try {
                        outcome.set(InferenceThreads.call(() -> depth(100_000)));
                    } catch (Throwable t) {
                        outcome.set(t);
                    }
                },
                "small-stack",
                256 * 1024);
        caller.start();
        caller.join();
        assertThat(outcome.get()).isEqualTo(100_000);
    }

    @Test
    void rethrowsTheWorksUncheckedExceptionsAsTheyAre() {
        assertThatThrownBy(() -> InferenceThreads.call(() -> {
                    throw new IllegalArgumentException("bad input");
                }))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad input");
    }

    @Test
    void runsNestedCallsInPlace() {
        String outer = InferenceThreads.call(
                () -> InferenceThreads.call(() -> Thread.currentThread().getName()));
        assertThat(outer).startsWith("verity-inference-");
        assertThat(InferenceThreads.onInferenceThread()).isFalse();
    }

    private static int depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }
}
