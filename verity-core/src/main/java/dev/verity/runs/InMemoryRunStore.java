package dev.verity.runs;

import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RunStore} in memory: the most recent {@code capacity} runs, older ones evicted in the order they were
 * recorded. For tests, and for a process that wants its recent runs without a database. Thread-safe.
 */
public final class InMemoryRunStore implements RunStore {
    /** About a megabyte or two of runs: enough for a day of a small team's questions. */
    public static final int DEFAULT_CAPACITY = 1_000;

    private static final Comparator<AnswerRun> NEWEST_FIRST =
            Comparator.comparing(AnswerRun::at).thenComparing(AnswerRun::runId).reversed();

    private final int capacity;
    private final Map<String, AnswerRun> runs = new LinkedHashMap<>();

    public InMemoryRunStore(int capacity) {
        this.capacity = Checks.positive(capacity, "capacity");
    }

    public InMemoryRunStore() {
        this(DEFAULT_CAPACITY);
    }

    @Override
    public synchronized void record(AnswerRun run) {
        Objects.requireNonNull(run, "run");
        if (runs.putIfAbsent(run.runId(), run) == null && runs.size() > capacity) {
            runs.remove(runs.keySet().iterator().next());
        }
    }

    @Override
    public synchronized Optional<AnswerRun> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public synchronized List<AnswerRun> list(RunQuery query) {
        Objects.requireNonNull(query, "query");
        return runs.values().stream()
                .filter(query::matches)
                .sorted(NEWEST_FIRST)
                .limit(query.limit())
                .toList();
    }

    @Override
    public synchronized Optional<AnswerRun> feedback(Feedback feedback) {
        AnswerRun run = runs.get(feedback.traceId());
        if (run == null || !run.tenant().equals(feedback.tenant())) {
            return Optional.empty();
        }
        AnswerRun rated = run.withFeedback(feedback);
        runs.put(run.runId(), rated);
        return Optional.of(rated);
    }

    @Override
    public synchronized int purge(Instant before) {
        int size = runs.size();
        runs.values().removeIf(r -> r.at().isBefore(before));
        return size - runs.size();
    }
}
