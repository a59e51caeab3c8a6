package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.runs.AnswerRun;
import dev.verity.runs.Feedback;
import dev.verity.runs.InMemoryRunStore;
import dev.verity.runs.RunQuery;
import dev.verity.runs.RunStore;
import dev.verity.runs.WriteBehindRunStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteBehindRunStoreTest extends RunStoreContract {
    private WriteBehindRunStore opened;

    @Override
    protected RunStore openStore() {
        opened = new WriteBehindRunStore(new InMemoryRunStore(), e -> {
            throw new AssertionError(e);
        });
        return opened;
    }

    @AfterEach
    void close() {
        opened.close();
    }

    @Test
    void recordingDoesNotWaitForTheTargetAndReadsWaitForTheWrites() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InMemoryRunStore target = new InMemoryRunStore();
        RunStore slow = new RunStore() {
            @Override
            public void record(AnswerRun run) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                target.record(run);
            }

            @Override
            public Optional<AnswerRun> find(String runId) {
                return target.find(runId);
            }

            @Override
            public List<AnswerRun> list(RunQuery query) {
                return target.list(query);
            }

            @Override
            public Optional<AnswerRun> feedback(Feedback feedback) {
                return target.feedback(feedback);
            }

            @Override
            public int purge(Instant before) {
                return target.purge(before);
            }
        };
        List<RuntimeException> errors = new ArrayList<>();
        try (WriteBehindRunStore behind = new WriteBehindRunStore(slow, errors::add)) {
            AnswerRun run = llmRun("r1", "acme", Instant.parse("2026-11-23T10:00:00Z"));

            behind.record(run);
            assertThat(target.find("r1")).as("written behind, not yet").isEmpty();
            release.countDown();

            assertThat(behind.find("r1")).contains(run);
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void closingWritesEveryQueuedRunFirst() {
        InMemoryRunStore target = new InMemoryRunStore(5_000);
        RunStore slow = new RunStore() {
            @Override
            public void record(AnswerRun run) {
                Thread.onSpinWait();
                target.record(run);
            }

            @Override
            public Optional<AnswerRun> find(String runId) {
                return target.find(runId);
            }

            @Override
            public List<AnswerRun> list(RunQuery query) {
                return target.list(query);
            }

            @Override
            public Optional<AnswerRun> feedback(Feedback feedback) {
                return target.feedback(feedback);
            }

            @Override
            public int purge(Instant before) {
                return target.purge(before);
            }
        };
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        WriteBehindRunStore behind = new WriteBehindRunStore(slow, e -> {
            throw new AssertionError(e);
        });
        for (int i = 0; i < 2_000; i++) {
            behind.record(llmRun("r" + i, "acme", at.plusMillis(i)));
        }

        behind.close();

        for (int i = 0; i < 2_000; i++) {
            assertThat(target.find("r" + i)).as("run r" + i).isPresent();
        }
    }
}
