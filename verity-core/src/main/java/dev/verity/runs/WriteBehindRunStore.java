package dev.verity.runs;

import dev.verity.internal.WriteBehind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Takes a run's database write off the answer's path: {@link #record} queues the run and returns; one background
 * thread writes queued runs to the {@code target} store in arrival order (when the queue is full the caller writes
 * its run itself). Reads and {@link #close()} first wait until every run recorded before them is written, so a
 * caller reads its own answers' runs. A kill of the process can lose what is still queued.
 */
public final class WriteBehindRunStore implements RunStore, AutoCloseable {
    private static final int CAPACITY = 10_000;

    private final RunStore target;
    private final WriteBehind<AnswerRun> behind;

    /**
     * @param target where runs are written
     * @param onError told of each run the target failed to write (it is not retried)
     */
    public WriteBehindRunStore(RunStore target, Consumer<RuntimeException> onError) {
        this.target = Objects.requireNonNull(target, "target");
        this.behind = new WriteBehind<>("verity-run-store", CAPACITY, target::record, onError);
    }

    @Override
    public void record(AnswerRun run) {
        behind.submit(Objects.requireNonNull(run, "run"));
    }

    @Override
    public Optional<AnswerRun> find(String runId) {
        behind.flush();
        return target.find(runId);
    }

    @Override
    public List<AnswerRun> list(RunQuery query) {
        behind.flush();
        return target.list(query);
    }

    @Override
    public Optional<AnswerRun> feedback(Feedback feedback) {
        behind.flush();
        return target.feedback(feedback);
    }

    @Override
    public int purge(Instant before) {
        behind.flush();
        return target.purge(before);
    }

    /** Writes every queued run, then stops the writer: a clean shutdown loses none. */
    @Override
    public void close() {
        behind.close();
    }
}
